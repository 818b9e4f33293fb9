#!/usr/bin/env bash
# Starts a throwaway Mosquitto 2 (Debian) on 127.0.0.1 for the external-broker tests and prints its URL.
#   scripts/mosquitto.sh start DIR PORT   → prints mqtt://127.0.0.1:PORT
#   scripts/mosquitto.sh start-config DIR PORT CONFDIR   → the configuration `fajma broker config` wrote in CONFDIR (TLS on
#                                                        PORT, which it names), plus this run's persistence, log and pid in DIR
#   scripts/mosquitto.sh reload DIR                      → SIGHUP: Mosquitto 2 reads its certificates and CRL again
#   scripts/mosquitto.sh stop DIR                        → SIGTERM: Mosquitto saves its database and exits
#   scripts/mosquitto.sh kill DIR                        → SIGKILL: no save (what arrived since the last autosave is gone)
#   scripts/mosquitto.sh start-again DIR PORT            → the same configuration and persistence DIR again (after stop or kill)
# TEST ONLY: `start` allows anonymous access (allow_anonymous true). `start-config` runs the generated TLS configuration
# (device trust at the broker, docs/scale-out.md) with test persistence settings added.
set -euo pipefail
action=$1 dir=$2 port=${3:-51883}
bin=$(command -v mosquitto || ls /usr/sbin/mosquitto 2>/dev/null || true)
. "$(dirname "$0")/listening.sh"
# What every test broker adds to its listeners: persistence in its own folder, its log and pid file there.
test_settings() {
  cat <<CONF
persistence true
persistence_location $dir/
autosave_interval 1
autosave_on_changes false
max_queued_messages 100000
max_inflight_messages 0
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
pid_file $dir/mosquitto.pid
CONF
}
case "$action" in
  start|start-config)
    [ -n "$bin" ] || { echo "mosquitto not found (apt-get install mosquitto)" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    confdir=${4:-}
    if [ "$action" = start-config ]; then
      [ -f "$confdir/mosquitto.conf" ] || { echo "$confdir/mosquitto.conf not found (fajma broker config --out $confdir)" >&2; exit 1; }
      cat "$confdir/mosquitto.conf" > "$dir/mosquitto.conf"
      test_settings >> "$dir/mosquitto.conf"
      # Run as root, Mosquitto reads keys and the CRL (again on SIGHUP) as its own user.
      if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then chown -R mosquitto "$confdir"; fi
    else
    # Persistence on, so a broker restart keeps sessions and queued messages; saved every 1 s (autosave_interval in
    # seconds) and on shutdown. A kill -9 loses what arrived since the last save (docs/scale-out.md).
    printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$port" > "$dir/mosquitto.conf"
    test_settings >> "$dir/mosquitto.conf"
    fi
    # Debian's mosquitto drops to the mosquitto user when started as root: let it write here.
    if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
      chown -R mosquitto "$dir"
      runuser -u mosquitto -- test -w "$dir" || { echo "user mosquitto cannot write $dir (a parent directory is closed to it)" >&2; exit 1; }
    fi
    "$bin" -c "$dir/mosquitto.conf" -d
    wait_listening "$dir/mosquitto.pid" "$port" mosquitto || { echo "see $dir/mosquitto.log" >&2; exit 1; }
    [ "$action" = start ] && echo "mqtt://127.0.0.1:$port" || echo "mqtts://127.0.0.1:$port"
    ;;
  start-again)
    [ -f "$dir/mosquitto.conf" ] || { echo "$dir/mosquitto.conf not found (start it once first)" >&2; exit 1; }
    rm -f "$dir/mosquitto.pid" # the last run's: its process is gone
    "$bin" -c "$dir/mosquitto.conf" -d
    wait_listening "$dir/mosquitto.pid" "$port" mosquitto || { echo "see $dir/mosquitto.log" >&2; exit 1; }
    echo "127.0.0.1:$port"
    ;;
  kill)
    [ -f "$dir/mosquitto.pid" ] || exit 0
    pid=$(cat "$dir/mosquitto.pid")
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.1; done
    ;;
  reload)
    kill -HUP "$(cat "$dir/mosquitto.pid")"
    ;;
  stop)
    [ -f "$dir/mosquitto.pid" ] && kill "$(cat "$dir/mosquitto.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$dir/mosquitto.pid" ] && kill -0 "$(cat "$dir/mosquitto.pid" 2>/dev/null)" 2>/dev/null || exit 0; sleep 0.1; done
    ;;
esac
