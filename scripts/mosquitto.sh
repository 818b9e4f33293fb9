#!/usr/bin/env bash
# Starts a throwaway Mosquitto 2 (Debian) on 127.0.0.1 for the external-broker tests and prints its URL.
#   scripts/mosquitto.sh start DIR PORT   → prints mqtt://127.0.0.1:PORT
#   scripts/mosquitto.sh stop DIR
# TEST ONLY: anonymous access (allow_anonymous true). Device trust at the broker (TLS, certificates, ACLs) is
# issue 11 part 2; nothing here is a production configuration.
set -euo pipefail
action=$1 dir=$2 port=${3:-51883}
bin=$(command -v mosquitto || ls /usr/sbin/mosquitto 2>/dev/null || true)
case "$action" in
  start)
    [ -n "$bin" ] || { echo "mosquitto not found (apt-get install mosquitto)" >&2; exit 1; }
    rm -rf "$dir" && mkdir -p "$dir"
    # Persistence on, so a broker restart keeps sessions and queued messages; saved every 1 s (autosave_interval in
    # seconds) and on shutdown. A kill -9 loses what arrived since the last save (docs/scale-out.md).
    cat > "$dir/mosquitto.conf" <<CONF
listener $port 127.0.0.1
allow_anonymous true
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
    # Debian's mosquitto drops to the mosquitto user when started as root: let it write here.
    if [ "$(id -u)" = 0 ] && id mosquitto >/dev/null 2>&1; then
      chown -R mosquitto "$dir"
      runuser -u mosquitto -- test -w "$dir" || { echo "user mosquitto cannot write $dir (a parent directory is closed to it)" >&2; exit 1; }
    fi
    "$bin" -c "$dir/mosquitto.conf" -d
    for _ in $(seq 1 50); do
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "mqtt://127.0.0.1:$port"; exit 0; }
      sleep 0.1
    done
    echo "mosquitto did not start on 127.0.0.1:$port; see $dir/mosquitto.log" >&2; exit 1
    ;;
  stop)
    [ -f "$dir/mosquitto.pid" ] && kill "$(cat "$dir/mosquitto.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do [ -f "$dir/mosquitto.pid" ] && kill -0 "$(cat "$dir/mosquitto.pid")" 2>/dev/null || exit 0; sleep 0.1; done
    ;;
esac
