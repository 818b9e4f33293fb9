#!/usr/bin/env bash
# Runs every suite — C# (unit, integration, store on SQLite and PostgreSQL, kill -9 recovery), web unit,
# browser (Playwright on Debian's Chromium against the demo) and the contract check — and ends with one
# line: "N passed, N failed". Sets up what it needs: Debian packages (as root), PostgreSQL on 127.0.0.1.
# The external-broker tests (ExternalBrokerTests) start a throwaway Mosquitto per test with scripts/mosquitto.sh
# (Debian's mosquitto, installed by scripts/setup.sh); they fail, never skip, when it is missing.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
results=$root/.test-results
rm -rf "$results" && mkdir -p "$results/dotnet"
step() { printf '\n== %s\n' "$*"; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

step "Setting up (Debian packages incl. mosquitto, PostgreSQL and coturn on 127.0.0.1)"
scripts/setup.sh || exit 1
pg_port=$(free_port)
export FAJMA_TEST_POSTGRES
FAJMA_TEST_POSTGRES=$(scripts/postgres.sh start "$results/pg" "$pg_port") || { echo "could not start PostgreSQL"; exit 1; }
# TURN for the relay-only browser call: Debian's coturn on 127.0.0.1 with a throwaway shared secret.
turn_port=$(free_port); turn_secret=$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')
turn_url=$(scripts/coturn.sh start "$results/coturn" "$turn_port" "$turn_secret") || { echo "could not start coturn"; turn_url=; }
demo_pid=
cleanup() { scripts/nginx.sh stop "$results/nginx"; [ -n "$demo_pid" ] && kill "$demo_pid" 2>/dev/null; scripts/postgres.sh stop "$results/pg"; scripts/coturn.sh stop "$results/coturn"; }
trap cleanup EXIT

step "Building (server, CLI, web app)"
( cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } ) || touch "$results/build.failed"
dotnet build Fajma.slnx -c Release -v quiet -nologo 2>&1 | grep -E "error|Warn|warn" ; [ "${PIPESTATUS[0]}" = 0 ] || touch "$results/build.failed"

step "C# tests"
dotnet test Fajma.slnx -c Release --no-build --logger trx --results-directory "$results/dotnet" 2>&1 \
  | grep -E "Passed!|Failed!|Failed |Error Message|Assert" | head -60

step "Web unit tests"
rm -rf web/test-results
( cd web && npm test --silent ) 2>&1 | tail -6
[ -f web/test-results/unit.json ] && cp web/test-results/unit.json "$results/web-unit.json"

step "Demo behind nginx, contract check and browser tests"
http_port=$(free_port); mqtt_port=$(free_port); mqtts_port=$(free_port)
url=http://127.0.0.1:$http_port
mkdir -p "$results/demo"
turn_args=()
[ -n "$turn_url" ] && turn_args=(--Rtc:TurnUrls:0="$turn_url" --Rtc:TurnSecret="$turn_secret")
( cd "$results/demo" && exec dotnet "$root/artifacts/bin/Fajma.Cli/release/fajma.dll" demo --Urls="$url" --Mqtt:Port="$mqtt_port" --Mqtt:TlsPort="$mqtts_port" "${turn_args[@]}" ) > "$results/demo/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 1 60); do curl -sf "$url/health" >/dev/null 2>&1 && break; sleep 1; done
# The contract check and the browser tests go through the production load-balancer configuration
# (deploy/nginx/fajma.conf.template; one upstream here): WebSocket upgrade, forwarded headers, body limits.
lb_url=
if ! curl -sf "$url/health" >/dev/null 2>&1; then
  echo "the demo did not start; see $results/demo/demo.log"; touch "$results/demo.failed"
elif ! lb_url=$(scripts/nginx.sh start "$results/nginx" "$(free_port)" "$(free_port)" "$url"); then
  echo "nginx did not start in front of the demo; see $results/nginx/error.log"; touch "$results/demo.failed"; lb_url=
fi
if [ -n "$lb_url" ]; then
  contract=../shared/contract/check-contract.mjs
  [ -f "$contract" ] || contract=tests/contract/check-contract.mjs
  node --experimental-websocket "$contract" "$lb_url" | tee "$results/contract.txt"
  ( cd web && FAJMA_URL=$lb_url npx playwright test -c e2e/playwright.config.ts ) \
    > "$results/e2e.log" 2>&1; tail -8 "$results/e2e.log"
  [ -f web/test-results/e2e.json ] && cp web/test-results/e2e.json "$results/e2e.json"
fi

step "Summary"
node scripts/summarize.mjs "$results"
