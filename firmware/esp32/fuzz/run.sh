#!/usr/bin/env bash
# Builds the firmware core's libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) and runs each for
# SECONDS (default 20) from a seed corpus (the shared vectors' messages and the contract's commands).
#   firmware/esp32/fuzz/run.sh [SECONDS] [WORKDIR]
# Prints one line per target: "ok <target>: <runs> runs" or "FAIL <target>: …" (the crash input is kept in WORKDIR).
# A long run: firmware/esp32/fuzz/run.sh 3600 /tmp/fajma-fuzz  (the corpus in WORKDIR grows and is reused).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-20}
work=${2:-$here/../build/fuzz}
cxx=$(command -v clang++ || command -v clang++-14) || { echo "FAIL fuzz: clang++ not found (apt-get install clang-14 libclang-rt-14-dev)"; exit 1; }
mkdir -p "$work"
core=("$here"/../core/src/*.cpp)
status=0
seed() {
  local dir=$work/corpus-$1; mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return
  local id=6f1c2a8e-0b7d-4c39-9d2e-5a4b3c2d1e0f
  for name in activate_monitoring deactivate_monitoring request_sensor_data reboot set_sampling_rate_low; do
    printf '{"command":"%s","correlation_id":"%s","expires_at":1767225600000,"consultation_id":null,"params":null}' "$name" "$id" > "$dir/$name"
  done
  printf '{"command":"set_sampling_rate","correlation_id":"%s","expires_at":1,"consultation_id":7,"params":{"interval_ms":250}}' "$id" > "$dir/rate"
  printf '{"command":"calibrate","correlation_id":"%s","params":{"sensor":"spo2","reference":97.5}}' "$id" > "$dir/calibrate"
  python3 - "$here/../../../tests/vectors/device-messages.json" "$dir" <<'PY' 2>/dev/null || true
import json, sys
v = json.load(open(sys.argv[1]))
for i, m in enumerate(x["message"] for k in ("standard", "flat", "alerts") for x in v[k]):
    open(f"{sys.argv[2]}/vector-{i}", "w").write(m)
for i, d in enumerate(v["documents"]):
    open(f"{sys.argv[2]}/document-{i}", "w").write(d["json"])
PY
}
for target in fuzz_command fuzz_canonical_json; do
  bin=$work/$target
  if ! "$cxx" -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$here/../core/src" \
      "$here/$target.cpp" "${core[@]}" -lmbedcrypto -o "$bin" 2> "$work/$target.build.log"; then
    echo "FAIL $target: does not build (see $work/$target.build.log)"; status=1; continue
  fi
  seed "$target"
  if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -artifact_prefix="$work/$target-" "$work/corpus-$target" \
      > "$work/$target.log" 2>&1; then
    runs=$(grep -oE 'Done [0-9]+ runs' "$work/$target.log" | grep -oE '[0-9]+' | tail -1)
    echo "ok $target: ${runs:-?} runs in ${seconds} s, nothing found"
  else
    echo "FAIL $target: $(grep -m1 -E 'ERROR|runtime error|deadly' "$work/$target.log") (input: $(ls "$work/$target-"* 2>/dev/null | head -1))"
    status=1
  fi
done
exit $status
