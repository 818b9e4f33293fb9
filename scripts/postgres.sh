#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the store tests and prints its connection string.
#   scripts/postgres.sh start DIR PORT   → prints Host=127.0.0.1;Port=PORT;Username=fajma;Password=fajma;Database=postgres
#   scripts/postgres.sh stop DIR                → immediate shutdown (no checkpoint: recovery on the next start)
#   scripts/postgres.sh start-again DIR PORT    → the same data directory again, after stop
set -euo pipefail
action=$1 dir=$2 port=${3:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    rm -rf "$dir" && mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    echo fajma > "$dir.pw" && { [ "$(id -u)" = 0 ] && chown postgres "$dir.pw" || true; }
    as_pg "$bin/initdb" -D "$dir/data" -U fajma --pwfile="$dir.pw" -A scram-sha-256 >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=400" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=fajma;Password=fajma;Database=postgres"
    ;;
  start-again)
    [ -d "$dir/data" ] || { echo "$dir/data not found (start it once first)" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=400" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=fajma;Password=fajma;Database=postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    ;;
esac
