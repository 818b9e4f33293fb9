#!/usr/bin/env bash
# Starts a throwaway TURN server (Debian's coturn) on 127.0.0.1 for the relay-only browser test and
# prints its URL for the server's --Rtc:TurnUrls (REST credentials: --Rtc:TurnSecret=SECRET).
#   scripts/coturn.sh start DIR PORT SECRET   → prints turn:127.0.0.1:PORT
#   scripts/coturn.sh stop DIR
# Relay ports: PORT+10 … PORT+210 unless COTURN_MIN_PORT / COTURN_MAX_PORT say otherwise.
set -euo pipefail
action=${1:-} dir=${2:-}
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR PORT SECRET | stop DIR" >&2; exit 2; }
case "$action" in
  start)
    port=${3:-3478} secret=${4:-}
    [ -n "$secret" ] || { echo "coturn.sh start: give the shared secret (the server's Rtc:TurnSecret)" >&2; exit 2; }
    command -v turnserver >/dev/null 2>&1 || { echo "turnserver not found (apt-get install coturn)" >&2; exit 1; }
    min=${COTURN_MIN_PORT:-$((port + 10))} max=${COTURN_MAX_PORT:-$((port + 210))}
    "$0" stop "$dir"
    rm -rf "$dir" && mkdir -p "$dir"
    # -n: no configuration file; loopback only, UDP/TCP without TLS/DTLS, time-limited REST credentials.
    turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$port" \
      --min-port="$min" --max-port="$max" \
      --use-auth-secret --static-auth-secret="$secret" --realm=fajma.local \
      --allow-loopback-peers --no-cli --no-tls --no-dtls --no-rfc5780 --no-stun-backward-compatibility \
      --fingerprint --userdb="$dir/turndb" --pidfile="$dir/turnserver.pid" \
      --log-file="$dir/turnserver.log" --simple-log --no-stdout-log >"$dir/stdout.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 50); do
      if ss -Hlnu "src 127.0.0.1:$port" 2>/dev/null | grep -q .; then echo "turn:127.0.0.1:$port"; exit 0; fi
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "turnserver did not start; see $dir/turnserver.log and $dir/stdout.log" >&2
    tail -n 20 "$dir/stdout.log" "$dir"/turnserver*.log >&2 2>/dev/null || true
    "$0" stop "$dir"
    exit 1
    ;;
  stop)
    if [ -f "$dir/pid" ]; then
      pid=$(cat "$dir/pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/pid"
    fi
    ;;
  *)
    echo "usage: $0 start DIR PORT SECRET | stop DIR" >&2; exit 2
    ;;
esac
