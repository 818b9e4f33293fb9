#!/usr/bin/env bash
# Runs every suite — C# (unit, integration, store on SQLite and PostgreSQL, kill -9 recovery), web unit,
# browser (Playwright on Debian's Chromium through nginx against a two-node cluster: the demo and `fajma serve`)
# and the contract check — and ends with one line: "N passed, N failed". Sets up what it needs: Debian packages
# (as root; scripts/setup.sh), PostgreSQL, coturn, Mosquitto, Redis and nginx on 127.0.0.1. The external-broker and
# cluster tests start their own throwaway Mosquitto/Redis; they fail, never skip, when one is missing.
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
results=$root/.test-results
rm -rf "$results" && mkdir -p "$results/dotnet"
step() { printf '\n== %s (%s)\n' "$*" "$(date +%T)"; }
# Each step takes the ports it needs in one call, so that no two are the same (see the script).
free_ports() { node scripts/free-ports.mjs "$1"; }

step "Setting up (Debian packages; PostgreSQL and coturn on 127.0.0.1)"
scripts/setup.sh || exit 1
read -r pg_port turn_port < <(free_ports 2)
export FAJMA_TEST_POSTGRES
FAJMA_TEST_POSTGRES=$(scripts/postgres.sh start "$results/pg" "$pg_port") || { echo "could not start PostgreSQL"; exit 1; }
# TURN for the relay-only browser call: Debian's coturn on 127.0.0.1 with a throwaway shared secret.
turn_secret=$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')
turn_url=$(scripts/coturn.sh start "$results/coturn" "$turn_port" "$turn_secret") || { echo "could not start coturn"; turn_url=; }
cleanup() {
  scripts/nginx.sh stop "$results/nginx"
  # By the pids in their pid files: the rolling-restart test starts the nodes again (scripts/node.sh).
  scripts/node.sh stop "$results/demo"; scripts/node.sh stop "$results/node-b"; scripts/node.sh stop "$results/mfa-demo" 2>/dev/null
  scripts/redis.sh stop "$results/redis"; scripts/mosquitto.sh stop "$results/mosquitto"
  scripts/postgres.sh stop "$results/pg"; scripts/coturn.sh stop "$results/coturn"
}
trap cleanup EXIT

step "Building (server, CLI, web app)"
( cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } ) || touch "$results/build.failed"
dotnet build Fajma.slnx -c Release -v quiet -nologo 2>&1 | grep -E "error|Warn|warn" | grep -v NU1603 ; [ "${PIPESTATUS[0]}" = 0 ] || touch "$results/build.failed"
# The floor bench is a file-based app outside the solution: built here so it keeps compiling (bench/README.md).
dotnet build bench/floor.cs -c Release -v quiet -nologo 2>&1 | grep -E "error|warn" ; [ "${PIPESTATUS[0]}" = 0 ] || touch "$results/build.failed"

step "Firmware host tests (the ESP32 core in C++, GoogleTest; also builds fajma-host-device for the C# tests)"
# Built in firmware/esp32/build (kept between runs, like artifacts/): DeviceHostTests run the host device from there.
fw=firmware/esp32
{ cmake -S $fw -B $fw/build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build $fw/build -j2 2>&1 | grep -E "error|warning"; \
  [ "${PIPESTATUS[0]}" = 0 ]; } || touch "$results/firmware-build.failed"
$fw/build/fajma_core_tests --gtest_output=xml:"$results/firmware.xml" 2>&1 | tail -3

step "C# tests; beside them, the firmware's and the parsers' fuzzing (libFuzzer; SharpFuzz + AFL++; 10 s each) and the web unit tests"
# Side by side: much of the C# suite waits on outages it causes (stopped engines, killed nodes), and these fit in
# those waits — the suite stays within its 20 minutes.
# A short libFuzzer run of the firmware's command parser and canonical JSON (a long one: see firmware/esp32/README.md).
( $fw/fuzz/run.sh 10 "$fw/build/fuzz" > "$results/fuzz.txt" 2> "$results/fuzz-firmware.log"
  FAJMA_FUZZ_PREBUILT=1 scripts/fuzz.sh 10 "$results/fuzz" > "$results/fuzz.log" 2>&1
  rm -rf web/test-results
  ( cd web && npm test --silent ) > "$results/web-unit.log" 2>&1
  [ -f web/test-results/unit.json ] && cp web/test-results/unit.json "$results/web-unit.json" ) &
beside=$!
dotnet test Fajma.slnx -c Release --no-build --logger trx --results-directory "$results/dotnet" 2>&1 \
  | awk '/Error Message:/ { print; for (i = 0; i < 3 && (getline line) > 0; i++) print line; next }
         /Passed!|Failed!|Failed |Assert/ { print }' | head -80
wait "$beside"

step "Fuzzing the firmware and the parsers (ran beside the C# tests)"
cat "$results/fuzz.txt"; tail -8 "$results/fuzz.log"

step "Web unit tests (ran beside the C# tests)"
tail -6 "$results/web-unit.log"

step "A two-node cluster behind nginx (the demo and fajma serve over Mosquitto, Redis, PostgreSQL): contract check and browser tests"
# Node A is the demo (it seeds the clinic and runs the simulated devices, which publish to Mosquitto); node B is
# `fajma serve` with the same settings. nginx (deploy/nginx, the production configuration) balances them round-robin,
# so a browser's page, API calls and hub connections land on either node.
read -r http_a http_b broker_port redis_port lb_port lb_tls_port < <(free_ports 6)
url=http://127.0.0.1:$http_a url_b=http://127.0.0.1:$http_b
mkdir -p "$results/demo" "$results/node-b" "$results/cluster-keys"
turn_args=()
[ -n "$turn_url" ] && turn_args=(--Rtc:TurnUrls:0="$turn_url" --Rtc:TurnSecret="$turn_secret")
broker_url=$(scripts/mosquitto.sh start "$results/mosquitto" "$broker_port") || echo "could not start Mosquitto"
redis_conf=$(scripts/redis.sh start "$results/redis" "$redis_port") || echo "could not start Redis"
# Every browser test signs in from 127.0.0.1 through the one balancer, at machine speed: more sign-ins a minute than
# one address may make (30, counted for the whole cluster). The limit itself is tested by ClusterStateTests.
# The paging browser test runs its own push service on 127.0.0.1: `fajma demo` accepts such an endpoint by itself; node B
# (`fajma serve`, production settings) is told to here, since either node may take the subscription or send the page.
cluster=(--RateLimits:LoginPerMinute=600 --Paging:Push:AllowLoopback=true --Mqtt:Broker=External --Mqtt:Url="$broker_url" --Storage:Provider=Postgres
  --Storage:ConnectionString="${FAJMA_TEST_POSTGRES/Database=postgres/Database=fajma_demo}"
  --Redis:Configuration="$redis_conf" --Storage:DataDirectory="$results/cluster-keys" "${turn_args[@]}")
node_up() { for _ in $(seq 1 90); do curl -sf "$1/health/ready" >/dev/null 2>&1 && return 0; sleep 1; done; return 1; }
# scripts/node.sh keeps each node's command line, pid and log (node.log) in its folder, so that the rolling-restart
# browser test can restart a node as an operator would: SIGTERM (it drains), the same command again, ready.
scripts/node.sh start "$results/demo" dotnet "$root/artifacts/bin/Fajma.Cli/release/fajma.dll" demo --Urls="$url" --Mqtt:NodeId=demo-a "${cluster[@]}"
# B starts once A has migrated the store and seeded the clinic (a restarted demo finds them there and seeds nothing).
if node_up "$url"; then
  scripts/node.sh start "$results/node-b" dotnet "$root/artifacts/bin/Fajma.Cli/release/fajma.dll" serve --Urls="$url_b" --Mqtt:NodeId=demo-b "${cluster[@]}"
fi
export FAJMA_NODE_RESTART_A="$root/scripts/node.sh restart $results/demo $url"
export FAJMA_NODE_RESTART_B="$root/scripts/node.sh restart $results/node-b $url_b"
# The demo's own endpoints (start an episode on a simulated device) live on the demo node only.
printf 'location /api/v1/demo/ { proxy_pass http://127.0.0.1:%s; }\n' "$http_a" > "$results/demo-route.conf"
lb_url=
if ! node_up "$url" || ! node_up "$url_b"; then
  echo "the cluster did not start; see $results/demo/node.log and $results/node-b/node.log"; touch "$results/demo.failed"
elif ! lb_url=$(FAJMA_NGINX_SNIPPET=$results/demo-route.conf scripts/nginx.sh start "$results/nginx" "$lb_port" "$lb_tls_port" "$url" "$url_b"); then
  echo "nginx did not start in front of the nodes; see $results/nginx/error.log"; touch "$results/demo.failed"; lb_url=
fi
if [ -n "$lb_url" ]; then
  contract=../shared/contract/check-contract.mjs
  [ -f "$contract" ] || contract=tests/contract/check-contract.mjs
  # The contract script's SignalR client negotiates first (two requests that must reach one node): node A directly.
  node --experimental-websocket "$contract" "$url" | tee "$results/contract.txt"
  ( cd web && FAJMA_URL=$lb_url FAJMA_NODE_A_URL=$url FAJMA_NODE_B_URL=$url_b npx playwright test -c e2e/playwright.config.ts --project=main --project=clinic ) \
    > "$results/e2e.log" 2>&1; tail -8 "$results/e2e.log"
  [ -f web/test-results/e2e.json ] && cp web/test-results/e2e.json "$results/e2e.json"
  # Then, alone, the rolling restart of both nodes during a consultation (it restarts the nodes under the others' feet).
  # Each run keeps its traces in a folder of its own: Playwright empties its output folder as it starts.
  ( cd web && FAJMA_URL=$lb_url FAJMA_E2E_JSON=../test-results/e2e-rolling.json npx playwright test -c e2e/playwright.config.ts \
      --project=rolling-restart --no-deps --output=test-results/e2e-artifacts-rolling ) > "$results/e2e-rolling.log" 2>&1; tail -4 "$results/e2e-rolling.log"
  [ -f web/test-results/e2e-rolling.json ] && cp web/test-results/e2e-rolling.json "$results/e2e-rolling.json"
fi

step "Second factor required by policy: a demo of its own (--Auth:RequireMfaFor:0=Doctor), its browser test"
read -r mfa_port mfa_mqtt_port mfa_tls_port < <(free_ports 3)
mfa_url=http://127.0.0.1:$mfa_port
scripts/node.sh start "$results/mfa-demo" dotnet "$root/artifacts/bin/Fajma.Cli/release/fajma.dll" demo --Urls="$mfa_url" \
  --Mqtt:Port="$mfa_mqtt_port" --Mqtt:TlsPort="$mfa_tls_port" --Storage:DataDirectory="$results/mfa-demo/data" --Auth:RequireMfaFor:0=Doctor
if node_up "$mfa_url"; then
  ( cd web && FAJMA_URL=$mfa_url FAJMA_E2E_JSON=../test-results/e2e-mfa-required.json npx playwright test -c e2e/playwright.config.ts \
      --project=mfa-required --output=test-results/e2e-artifacts-mfa ) > "$results/e2e-mfa-required.log" 2>&1; tail -4 "$results/e2e-mfa-required.log"
  [ -f web/test-results/e2e-mfa-required.json ] && cp web/test-results/e2e-mfa-required.json "$results/e2e-mfa-required.json"
else
  echo "the demo requiring a second factor did not start; see $results/mfa-demo/node.log"; touch "$results/demo.failed"
fi
scripts/node.sh stop "$results/mfa-demo"

step "Summary"
node scripts/summarize.mjs "$results"
