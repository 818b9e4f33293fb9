#!/usr/bin/env bash
# Benches an older commit's server beside this checkout's, with this checkout's harness, in one run (one report).
#   bench/ingest-before-after.sh REV [bench ingest options...]
#   e.g. bench/ingest-before-after.sh main~5 --devices 1000 --rate 2 --duration 20 --compare-mosquitto --report before-after.md
# REV is exported with git archive into a throwaway folder and built there (Release, without the web app); this
# checkout must be built already (dotnet build src/Fajma.Cli -c Release -p:SkipWebBuild=true).
set -euo pipefail
rev=${1:?usage: bench/ingest-before-after.sh REV [bench ingest options...]}
shift
root=$(cd "$(dirname "$0")/.." && pwd)
fajma="$root/artifacts/bin/Fajma.Cli/release/fajma"
[ -x "$fajma" ] || { echo "$fajma not built (dotnet build src/Fajma.Cli -c Release -p:SkipWebBuild=true)" >&2; exit 1; }
sha=$(git -C "$root" rev-parse --short "$rev")
before="${TMPDIR:-/tmp}/fajma-before-$sha"
if [ ! -f "$before/artifacts/bin/Fajma.Cli/release/fajma.dll" ]; then
  rm -rf "$before" && mkdir -p "$before"
  git -C "$root" archive "$sha" | tar -x -C "$before"
  dotnet build "$before/src/Fajma.Cli" -c Release -v quiet -nologo -p:SkipWebBuild=true
fi
exec "$fajma" bench ingest --server "$before" --server "$root" "$@"
