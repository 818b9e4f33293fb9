#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser a device or a phone reaches (SharpFuzz instruments Fajma.Core.dll, AFL++ drives
# tests/Fajma.Fuzz): scripts/fuzz.sh SECONDS_PER_TARGET [OUT_DIR] [TARGET...]
# Writes OUT_DIR/fuzz-results.json (per target: executions, crashes, hangs) and keeps AFL's findings under OUT_DIR/TARGET.
# A crash is an exception escaping a parser; replay one with: dotnet OUT_DIR/build/fajma-fuzz.dll replay TARGET FILE
# (OUT_DIR/build is the plain build; AFL runs the instrumented copy in OUT_DIR/afl, which only runs under AFL).
# The suite runs a short pass (test.sh); a long run is the same command with more seconds (docs/fuzzing.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-20}
out=${2:-$root/.test-results/fuzz}
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(message alert heart-rate canonical-json topic last-will)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found (apt-get install afl++; scripts/setup.sh installs it)" >&2; exit 1; }
mkdir -p "$out"
build=$out/build afl=$out/afl
rm -rf "$build" "$afl"
# FAJMA_FUZZ_PREBUILT=1 (test.sh, which has just built the solution): take that build instead of building again.
prebuilt=$root/artifacts/bin/Fajma.Fuzz/release
if [ "${FAJMA_FUZZ_PREBUILT:-}" = 1 ] && [ -f "$prebuilt/fajma-fuzz.dll" ]; then cp -r "$prebuilt" "$build"
else dotnet build "$root/tests/Fajma.Fuzz" -c Release -v quiet -nologo -o "$build" >/dev/null; fi
cp -r "$build" "$afl"
( cd "$root" && dotnet tool restore >/dev/null && dotnet sharpfuzz "$afl/Fajma.Core.dll" >/dev/null )
# AFL++ as a guest on a shared machine: no CPU pinning, no frequency or core-pattern demands, no curses UI; the target is
# `dotnet` (SharpFuzz's instrumentation is in the managed DLL, not the binary AFL starts).
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_QUIET=1
results=()
for target in "${targets[@]}"; do
  rm -rf "${out:?}/$target"
  afl-fuzz -i "$root/tests/Fajma.Fuzz/corpus/$target" -o "$out/$target" -V "$seconds" -t 10000 -m none \
    -- dotnet "$afl/fajma-fuzz.dll" "$target" @@ > "$out/$target.log" 2>&1 || true
  stats=$out/$target/default/fuzzer_stats
  if [ -f "$stats" ]; then
    value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
    execs=$(value execs_done); crashes=$(value saved_crashes); hangs=$(value saved_hangs); paths=$(value corpus_count)
    echo "$target: $execs executions, $paths paths, $crashes crashes, $hangs hangs in ${seconds} s"
    results+=("{\"target\":\"$target\",\"executions\":${execs:-0},\"paths\":${paths:-0},\"crashes\":${crashes:-0},\"hangs\":${hangs:-0},\"seconds\":$seconds}")
  else
    echo "$target: afl-fuzz did not run; see $out/$target.log" >&2
    results+=("{\"target\":\"$target\",\"executions\":0,\"paths\":0,\"crashes\":0,\"hangs\":0,\"seconds\":$seconds,\"error\":\"did not run\"}")
  fi
done
(IFS=,; echo "[${results[*]}]") > "$out/fuzz-results.json"
