#!/usr/bin/env python3
"""How long a device alert spent inside the server before its frame left the socket.

Reads a loopback capture of the server's HTTP port (`tcpdump -i lo -s 600 -w cap.pcap "tcp src port HTTP"`, taken
beside `fajma bench ingest --probes N`). Each SignalR `alert` frame (JSON protocol, an unmasked WebSocket frame)
carries the alert's `raisedAt`, which for a device's own alert is the server's receipt of the message; the packet's
timestamp is when the server's socket sent it. Same machine, same clock. Prints the receipt → on-the-wire distribution
of the device alerts raised. docs/performance.md, issue 15, twenty-eighth session.

usage: bench/alert-wire.py cap.pcap
"""
import datetime
import re
import struct
import sys

FRAME = re.compile(rb'"target":"alert","arguments":\[\{(.*)')


def field(body, name):
    m = re.search(rb'"' + name + rb'":"([^"]*)"', body)
    return m.group(1) if m else None


def main(path):
    with open(path, 'rb') as f:
        header = f.read(24)
        nanos = struct.unpack('<I', header[:4])[0] == 0xa1b23c4d
        waits = []
        while len(record := f.read(16)) == 16:
            seconds, fraction, length, _ = struct.unpack('<IIII', record)
            data = f.read(length)
            sent = seconds + fraction / (1e9 if nanos else 1e6)
            for m in FRAME.finditer(data):
                body = m.group(1)
                rule, event, raised = field(body, b'rule'), field(body, b'event'), field(body, b'raisedAt')
                if not (rule and event and raised) or not rule.startswith(b'device:') or event != b'raised':
                    continue  # a threshold alert's raisedAt is its reading's time, not the server's receipt
                received = datetime.datetime.fromisoformat(raised.decode().replace('Z', '+00:00')).timestamp()
                waits.append((sent - received) * 1000)
    waits.sort()
    n = len(waits)
    print(f'device alerts raised on the wire: {n}')
    if n:
        at = lambda q: waits[min(n - 1, int(n * q))]
        print(f'receipt → on the wire: p50 {at(.5):.2f} / p90 {at(.9):.2f} / p99 {at(.99):.2f} / max {waits[-1]:.2f} ms')


if __name__ == '__main__':
    main(sys.argv[1])
