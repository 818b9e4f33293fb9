#!/usr/bin/env bash
# Runs one Fajma node the way an operator would, so that a test can restart it: the command line is written once
# into DIR/cmd, the process id into DIR/pid, the output appended to DIR/node.log.
#   scripts/node.sh start DIR COMMAND...   → starts COMMAND in DIR (in the background) and returns
#   scripts/node.sh restart DIR URL        → SIGTERM (the node drains, docs/scale-out.md §5), waits for it to exit,
#                                            starts the same command again, waits for URL/health/ready; prints
#                                            "stopped in N s, ready in N s"; exits 1 if a step timed out
#   scripts/node.sh stop DIR               → SIGTERM, without waiting
set -uo pipefail
action=$1 dir=$2; shift 2

launch() {
  # Its own session, no terminal and no inherited pipes: a caller that waits for this script's output (a test's
  # child_process) does not wait for the node too.
  # (setsid forks only when its caller leads a process group, which a background subshell of a script does not.)
  ( cd "$dir" && exec setsid "$@" ) < /dev/null >> "$dir/node.log" 2>&1 &
  echo $! > "$dir/pid"
}
# A process that exited (or is a zombie waiting for its parent to reap it) counts as gone.
alive() { [ -e "/proc/$1" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat" 2>/dev/null; }

case "$action" in
  start)
    mkdir -p "$dir"
    printf '%q ' "$@" > "$dir/cmd"
    launch "$@"
    ;;
  restart)
    url=$1
    pid=$(cat "$dir/pid")
    t0=$(date +%s.%N)
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 600); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then
      # What it is stuck on, for the next reader: every thread's stack (dotnet-stack, when installed), kept beside its log.
      stacks=$(command -v dotnet-stack || echo "$HOME/.dotnet/tools/dotnet-stack")
      [ -x "$stacks" ] && "$stacks" report -p "$pid" > "$dir/stuck-stacks.txt" 2>&1
      echo "node $pid in $dir did not stop within 60 s (its threads: $dir/stuck-stacks.txt when dotnet-stack is installed)" >&2; exit 1
    fi
    t1=$(date +%s.%N)
    eval "launch $(cat "$dir/cmd")"
    for _ in $(seq 1 1800); do curl -sf "$url/health/ready" > /dev/null 2>&1 && break; sleep 0.1; done
    t2=$(date +%s.%N)
    curl -sf "$url/health/ready" > /dev/null 2>&1 || { echo "node in $dir not ready within 180 s after its restart" >&2; exit 1; }
    awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "stopped in %.1f s, ready in %.1f s\n", b - a, c - b }'
    ;;
  stop)
    [ -f "$dir/pid" ] && kill -TERM "$(cat "$dir/pid")" 2>/dev/null
    true
    ;;
  *) echo "usage: $0 start DIR COMMAND... | restart DIR URL | stop DIR" >&2; exit 2 ;;
esac
