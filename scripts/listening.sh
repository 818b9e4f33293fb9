# Sourced by the scripts that start a test engine as a daemon (mosquitto.sh, redis.sh) on a port chosen beforehand.
# A port that merely accepts connections could be another process's: chosen free, then taken before the daemon bound it
# (the daemon then exits). These wait for the daemon itself to hold the port.

# owns_port PORT PID: true when the socket listening on 127.0.0.1/::1 PORT is one of PID's.
owns_port() {
  local inode
  inode=$(awk -v p=":$(printf '%04X' "$1")" '$2 ~ p"$" && $4 == "0A" {print $10; exit}' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
  [ -n "$inode" ] && ls -l "/proc/$2/fd" 2>/dev/null | grep -q "socket:\[$inode\]"
}

# wait_listening PIDFILE PORT NAME: returns once the daemon in PIDFILE holds PORT; fails (naming NAME) once it has exited
# or after 10 s.
wait_listening() {
  local pid
  for _ in $(seq 1 100); do
    pid=$(cat "$1" 2>/dev/null || true)
    if [ -n "$pid" ] && owns_port "$2" "$pid"; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "$3 did not start on 127.0.0.1:$2 (taken by another process?)" >&2
  return 1
}
