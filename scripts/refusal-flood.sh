#!/usr/bin/env bash
# What an anonymous flood of refused device messages costs the store. Starts the demo from the given build in a
# throwaway folder, sends N unsigned messages (3 KB each) for unknown devices from one address, then prints the
# dead letters and audit rows it added and their bytes. Usage: scripts/refusal-flood.sh [fajma.dll] [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dll=$(realpath "${1:-$root/artifacts/bin/Fajma.Cli/release/fajma.dll}")
n=${2:-1000}
read -r http mqtt tls < <(node "$root/scripts/free-ports.mjs" 3)
dir=$(mktemp -d); url=http://127.0.0.1:$http
( cd "$dir" && exec dotnet "$dll" demo --Urls="$url" --Mqtt:Port="$mqtt" --Mqtt:TlsPort="$tls" ) > "$dir/demo.log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; wait $demo 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 90); do curl -sf "$url/health/live" >/dev/null 2>&1 && break; sleep 1; done
db=$dir/data/fajma.db
measure() {
  sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM dead_letters), (SELECT COALESCE(SUM(LENGTH(sealed) + LENGTH(COALESCE(fields,''))), 0) FROM dead_letters),
    (SELECT COUNT(*) FROM audit_entries WHERE action IN ('device.message_rejected','device.refusals_unrecorded')),
    (SELECT COALESCE(SUM(LENGTH(COALESCE(detail,'')) + LENGTH(COALESCE(target,'')) + LENGTH(COALESCE(source,'')) + LENGTH(hash) + LENGTH(previous_hash) + 40), 0) FROM audit_entries WHERE action IN ('device.message_rejected','device.refusals_unrecorded'))"
}
before=$(measure)
node -e '
const [url, n] = [process.argv[1], +process.argv[2]];
let next = 0; const statuses = {};
async function worker() {
  while (next < n) {
    const i = next++;
    const body = JSON.stringify({ device_id: `FLOOD-${i}`, timestamp: 1, heart_rate: 72, pad: "x".repeat(3000) });
    const r = await fetch(`${url}/api/v1/iot/realtime-data/`, { method: "POST", headers: { "content-type": "application/json" }, body });
    await r.arrayBuffer(); statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  }
}
await Promise.all(Array.from({ length: 20 }, worker));
console.log(`sent ${n} requests: ${JSON.stringify(statuses)}`);
' "$url" "$n"
after=$(measure)
node -e '
const [b, a] = process.argv.slice(1).map(s => s.split("|").map(Number));
console.log(`dead letters +${a[0] - b[0]} (${((a[1] - b[1]) / 1024).toFixed(1)} KiB), audit rows +${a[2] - b[2]} (~${((a[3] - b[3]) / 1024).toFixed(1)} KiB)`);
' "$before" "$after"
