#!/usr/bin/env python3
"""Sockets and memory of a Fajma server while one address holds thousands of MQTT connections that never sign in.

Starts `dotnet FAJMA_DLL demo` as scripts/mqtt-connect-flood.py does, then opens SOCKETS plain connections from
127.0.0.1 that send nothing, reopening each one the server closes (at most RATE new connections a second), for SECONDS. Prints once a second the server's
open file descriptors (/proc/PID/fd), its RSS, how many of ours are open and how many the server has closed; then
the peaks, the broker's counters and whether the demo's devices kept storing, and stops the server it started.

    python3 scripts/mqtt-idle-flood.py artifacts/bin/Fajma.Cli/release/fajma.dll [--sockets 5000] [--seconds 30] [--rate 1000]
"""
import argparse, importlib.util, os, selectors, socket, subprocess, sys, tempfile, time

_spec = importlib.util.spec_from_file_location("flood", os.path.join(os.path.dirname(os.path.abspath(__file__)), "mqtt-connect-flood.py"))
flood = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(flood)


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def stored(http):
    return sum(float(line.rsplit(" ", 1)[1]) for line in flood.counters(http) if line.startswith("fajma_ingest_messages_stored"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dll")
    p.add_argument("--sockets", type=int, default=5000)
    p.add_argument("--seconds", type=int, default=30)
    p.add_argument("--rate", type=int, default=1000, help="new connections a second, at most")
    args = p.parse_args()
    http, mqtt, tls = flood.free_ports(3)
    workdir = tempfile.mkdtemp(prefix="fajma-idle-")
    log = open(os.path.join(workdir, "server.log"), "w")
    server = subprocess.Popen(["dotnet", os.path.abspath(args.dll), "demo", f"--Urls=http://127.0.0.1:{http}", f"--Mqtt:Port={mqtt}", f"--Mqtt:TlsPort={tls}"],
                              cwd=workdir, stdout=log, stderr=subprocess.STDOUT)
    selector = selectors.DefaultSelector()

    def connect():
        try:
            s = socket.create_connection(("127.0.0.1", mqtt), timeout=5)
        except OSError:
            return False  # refused or reset while connecting: counted as closed
        s.setblocking(False)
        selector.register(s, selectors.EVENT_READ)
        return True

    try:
        for _ in range(120):
            if flood.gc_heap_mb(http) is not None:
                break
            time.sleep(1)
        time.sleep(10)  # the demo fleet and the JIT settle
        base_fds, base_rss, base_stored = open_fds(server.pid), flood.rss_mb(server.pid), stored(http)
        print(f"at rest: {base_fds} fds, RSS {base_rss:.0f} MB (server pid {server.pid}, {workdir})", flush=True)
        closed, opened, peak_fds, peak_rss = 0, 0, base_fds, base_rss
        start = last = time.monotonic()
        while time.monotonic() - start < args.seconds:
            while len(selector.get_map()) < args.sockets and opened < args.rate:
                opened += 1
                if not connect():
                    closed += 1
            for key, _ in selector.select(timeout=0):
                try:
                    data = key.fileobj.recv(4096)
                except OSError:
                    data = b""
                if not data:  # the server closed it (EOF or reset): the attacker opens another
                    selector.unregister(key.fileobj)
                    key.fileobj.close()
                    closed += 1
            if time.monotonic() - last < 1:
                selector.select(timeout=0.01)  # wait for the server, not spin
            else:
                last, opened = time.monotonic(), 0
                fds, rss = open_fds(server.pid), flood.rss_mb(server.pid)
                peak_fds, peak_rss = max(peak_fds, fds), max(peak_rss, rss)
                print(f"t={last - start:4.0f} s  server fds {fds:5d}  RSS {rss:5.0f} MB  ours open {len(selector.get_map()):5d}, closed by the server {closed}", flush=True)
        print(f"peak: {peak_fds} fds (+{peak_fds - base_fds}), RSS {peak_rss:.0f} MB (+{peak_rss - base_rss:.0f}); demo messages stored meanwhile: {stored(http) - base_stored:.0f}")
        for line in flood.counters(http):
            print(line)
    finally:
        for key in list(selector.get_map().values()):
            key.fileobj.close()
        flood.stop(server)


if __name__ == "__main__":
    sys.exit(main())
