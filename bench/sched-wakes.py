#!/usr/bin/env python3
"""Who waited for a CPU, from a scheduler trace taken beside a bench.

    perf sched record -a -o sched.data -- sleep 8          # in the measured span of `fajma bench ingest`
    perf script -i sched.data -F pid,tid,time,event,trace | bench/sched-wakes.py SERVER_PID=server GENERATOR_PID=generator …

Per process: its threads' wake-ups and how long each waited from being woken to running (p50 / p99 / max, and how
many waited over 1 and 5 ms), and how often its threads were switched out still runnable (a `sched_yield` — the
thread pool's spinning — or preemption). docs/performance.md, issue 15, twenty-eighth session.
"""
import collections
import re
import sys

LINE = re.compile(r'\s*(\d+)/(\d+)\s+([\d.]+):\s+sched:(\w+):(.*)')


def main(names):
    events = [m.groups() for m in map(LINE.match, sys.stdin) if m]
    process_of = {tid: pid for pid, tid, *_ in events}
    woken, waits, runnable_out, switches = {}, collections.defaultdict(list), collections.Counter(), 0
    for pid, _, time, event, rest in events:
        t = float(time)
        if event == 'sched_waking':
            woken.setdefault(re.search(r' pid=(\d+)', rest).group(1), t)
        elif event == 'sched_switch':
            switches += 1
            if 'prev_state=R' in rest:
                runnable_out[pid] += 1
            next_tid = re.search(r'next_pid=(\d+)', rest).group(1)
            if next_tid in woken:
                waits[process_of.get(next_tid, '?')].append((t - woken.pop(next_tid)) * 1000)
    print(f'context switches: {switches}')
    for pid, name in names.items():
        w = sorted(waits.get(pid, []))
        n = len(w)
        line = f'{name:>12}: switched out runnable {runnable_out[pid]:7d}; wake-ups {n:6d}'
        if n:
            line += (f', woken → running p50 {w[n // 2]:.3f} / p99 {w[min(n - 1, int(n * .99))]:.2f} / max {w[-1]:.1f} ms,'
                     f' over 1 ms {sum(x > 1 for x in w)}, over 5 ms {sum(x > 5 for x in w)}')
        print(line)


if __name__ == '__main__':
    main(dict(a.split('=', 1) for a in sys.argv[1:]))
