#!/usr/bin/env python3
"""Memory of a Fajma server while raw sockets each declare a 256 MB MQTT CONNECT and then stream its body.

Starts `dotnet FAJMA_DLL demo` in a fresh temp directory on free loopback ports, waits for it, samples its
RSS (/proc/PID/status) and GC heap (/metrics) at rest, then opens SOCKETS connections that each send a
CONNECT fixed header declaring DECLARE bytes (by default 0x10 FF FF FF 7F: 268,435,455, the most MQTT can
declare) and stream zeros at RATE bytes/s. Prints one line a second (RSS, GC heap, per-socket bytes sent and
whether the server closed it), then the summary and the broker's counters, and stops the server it started.

    python3 scripts/mqtt-connect-flood.py artifacts/bin/Fajma.Cli/release/fajma.dll [--sockets 2] [--seconds 45] [--rate 1048576] [--declare 268435455]

A CONNECT under the size limit trickled (--declare 3000 --rate 100) shows the CONNECT deadline instead.
"""
import argparse, os, re, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request


def free_ports(count):
    """COUNT distinct free ports on 127.0.0.1: all held until chosen (binding port 0 twice may give the same one twice)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def gc_heap_mb(http_port):
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{http_port}/metrics", timeout=5).read().decode()
    except OSError:
        return None
    # dotnet.gc.last_collection.heap.size, summed over generations (LOH included): the managed heap after the last GC.
    sizes = [float(m.group(1)) for m in re.finditer(r"^dotnet_gc_last_collection_heap_size_bytes\{[^}]*\} (\S+)", text, re.M)]
    return sum(sizes) / 1024 / 1024 if sizes else None


def counters(http_port):
    """The broker's framing closes and the messages stored (the demo's devices keep sending through the attack)."""
    try:
        text = urllib.request.urlopen(f"http://127.0.0.1:{http_port}/metrics", timeout=5).read().decode()
    except OSError:
        return []
    return [line for line in text.splitlines() if re.match(r"fajma_ingest_(mqtt_connections_closed|messages_stored)_total\{", line)]


def stop(server):
    """SIGTERM, then kill if the demo has not stopped within 30 s."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()


def attacker(port, rate, seconds, state, declare):
    sock = socket.create_connection(("127.0.0.1", port))
    start = time.monotonic()
    chunk = bytes(min(rate // 10, 1 << 20) or 1)
    try:
        header, n = bytearray([0x10]), declare
        while True:  # the remaining length, 7 bits a byte
            n, digit = n >> 7, n & 0x7F
            header.append(digit | (0x80 if n else 0))
            if not n:
                break
        sock.sendall(header)
        while time.monotonic() - start < seconds:
            sock.sendall(chunk)
            state["sent"] += len(chunk)
            sock.settimeout(0.1)  # paces the stream, and notices a close (EOF, reset) or a CONNACK
            try:
                data = sock.recv(4096)
                if not data:
                    raise ConnectionResetError("EOF")
                state["received"] += len(data)
            except socket.timeout:
                pass
    except OSError as e:
        state["closed_after"], state["error"] = time.monotonic() - start, repr(e)
    finally:
        sock.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dll")
    p.add_argument("--sockets", type=int, default=2)
    p.add_argument("--seconds", type=int, default=45)
    p.add_argument("--rate", type=int, default=1 << 20, help="bytes per second per socket")
    p.add_argument("--declare", type=int, default=268_435_455, help="the CONNECT's remaining length (default the largest, 256 MB)")
    args = p.parse_args()
    http, mqtt, tls = free_ports(3)
    workdir = tempfile.mkdtemp(prefix="fajma-flood-")
    log = open(os.path.join(workdir, "server.log"), "w")
    server = subprocess.Popen(["dotnet", os.path.abspath(args.dll), "demo", f"--Urls=http://127.0.0.1:{http}", f"--Mqtt:Port={mqtt}", f"--Mqtt:TlsPort={tls}"],
                              cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(120):
            if gc_heap_mb(http) is not None:
                break
            time.sleep(1)
        time.sleep(10)  # the demo fleet and the JIT settle
        base_rss, base_heap = rss_mb(server.pid), gc_heap_mb(http)
        print(f"at rest: RSS {base_rss:.0f} MB, GC heap {base_heap or 0:.0f} MB (server pid {server.pid}, {workdir})", flush=True)
        states = [{"sent": 0, "received": 0, "closed_after": None, "error": None} for _ in range(args.sockets)]
        threads = [threading.Thread(target=attacker, args=(mqtt, args.rate, args.seconds, s, args.declare), daemon=True) for s in states]
        for t in threads:
            t.start()
        peak = base_rss
        start = time.monotonic()
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            rss, heap = rss_mb(server.pid), gc_heap_mb(http)
            peak = max(peak, rss)
            socks = ", ".join(f"{s['sent'] / 1e6:.1f} MB sent" + (f", closed at {s['closed_after']:.1f} s" if s["closed_after"] is not None else ", open") for s in states)
            print(f"t={time.monotonic() - start:4.0f} s  RSS {rss:5.0f} MB  GC heap {heap or 0:5.0f} MB  [{socks}]", flush=True)
        end_rss, end_heap = rss_mb(server.pid), gc_heap_mb(http)
        print(f"peak RSS {peak:.0f} MB (+{peak - base_rss:.0f}); at the end RSS {end_rss:.0f} MB, GC heap {end_heap or 0:.0f} MB (+{(end_heap or 0) - (base_heap or 0):.0f})")
        for line in counters(http):
            print(line)
        for i, s in enumerate(states):
            print(f"socket {i}: sent {s['sent']} bytes, received {s['received']} bytes, " +
                  (f"closed by the server after {s['closed_after']:.1f} s ({s['error']})" if s["closed_after"] is not None else f"still open after {args.seconds} s"))
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
