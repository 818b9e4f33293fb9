#!/usr/bin/env bash
# Starts a throwaway Redis 7 (Debian) on 127.0.0.1 for the cluster tests and prints its StackExchange.Redis
# configuration string (the value of Redis:Configuration).
#   scripts/redis.sh start DIR PORT   → prints 127.0.0.1:PORT
#   scripts/redis.sh stop DIR
# No persistence: what the cluster keeps in Redis is either rebuilt by the nodes or short-lived (docs/scale-out.md).
set -euo pipefail
action=$1 dir=$2 port=${3:-56379}
. "$(dirname "$0")/listening.sh"
case "$action" in
  start)
    bin=$(command -v redis-server || true)
    [ -n "$bin" ] || { echo "redis-server not found (apt-get install redis-server)" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    "$bin" --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --protected-mode yes >/dev/null
    wait_listening "$dir/redis.pid" "$port" redis || { echo "see $dir/redis.log" >&2; exit 1; }
    echo "127.0.0.1:$port"
    ;;
  stop)
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid" 2>/dev/null)" 2>/dev/null || exit 0; sleep 0.1; done
    ;;
esac
