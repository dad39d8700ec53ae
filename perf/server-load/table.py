#!/usr/bin/env python3
"""Markdown tables from run.sh's rows.tsv and memory.tsv, with each SecureChannel figure set against the
issue's goal: >= SunJSSE on every row, >= Conscrypt with one connection per request (wrk's, and s_time's full
handshakes: wrk keeps each connection's session across reconnects, so it resumes wherever the server issues tickets). CPU per request decides
"met" (throughput on a shared 2-core machine measures the scheduler as much as the code); requests/s ratios
are shown beside it."""
import sys

MODES = {"keepalive": "keep-alive, wrk", "close": "connection per request, wrk (resumes where tickets are issued)",
         "full": "full handshake per connection, openssl s_time -new"}


def read(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def ratio(a, b):
    return "%.2f×" % (a / b) if b else "–"


def main():
    rows, mem, duration, warmup = read(sys.argv[1]), read(sys.argv[2]), sys.argv[3], sys.argv[4]
    by = {}
    for r in rows:
        jdk, provider, mode = r[0], r[1], r[2]
        by[(jdk, mode, provider)] = {"conns": r[3], "rps": float(r[4] or 0), "p50": r[5], "p99": r[6],
                                     "cpu": float(r[7]), "errors": r[8], "load": r[9] + "–" + r[10]}
    print("| JDK | mode, client (connections) | provider | requests/s | p50 | p99 | server CPU per request | errors "
          "| load avg | goal: SecureChannel's CPU/request (and requests/s) against |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|---|")
    for (jdk, mode, provider), v in by.items():
        goal = ""
        if provider == "SecureChannel":
            peers = ["SunJSSE"] + (["Conscrypt"] if mode in ("close", "full") else [])
            parts = []
            for peer in peers:
                p = by.get((jdk, mode, peer))
                if p is None:
                    continue
                met = "met" if v["cpu"] <= p["cpu"] else "**not met**"
                parts.append("≥ %s: %s (CPU/request %s of theirs; requests/s %s)" % (
                    peer, met, ratio(v["cpu"], p["cpu"]), ratio(v["rps"], p["rps"])))
            goal = "; ".join(parts)
        print("| %s | %s (%s) | %s | %s | %s | %s | %.0f µs | %s | %s | %s |" % (
            jdk, MODES.get(mode, mode), v["conns"], provider, "{:,.0f}".format(v["rps"]), v["p50"], v["p99"],
            v["cpu"], v["errors"], v["load"], goal))
    print()
    print("| JDK | provider | idle connections | VmRSS before → with them | outside the heap, per connection (VmRSS) "
          "| Java heap after full GC, per connection | total per connection | goal: heap per connection ≤ SunJSSE's |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    # VmRSS moves by megabytes when a collection returns or takes native memory, so its per-connection share is
    # indicative (± ~10 KB over 1,000 connections); the heap after a full GC is the robust figure for the Java
    # providers, and the goal is judged on it. Conscrypt's state is mostly native: its RSS column is the one to read.
    heap = {}
    for m in mem:
        heap[(m[0], m[1])] = (int(m[6]) - int(m[5])) / int(m[2])
    for m in mem:
        jdk, provider, n, rss0, rss1, heap0, heap1 = m[0], m[1], int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6])
        goal = ""
        sun = heap.get((jdk, "SunJSSE"))
        if provider == "SecureChannel" and sun:
            goal = ("met" if heap[(jdk, provider)] <= sun else "**not met**") + " (%s of SunJSSE's %.1f KB)" % (
                ratio(heap[(jdk, provider)], sun), sun)
        print("| %s | %s | %d | %.0f → %.0f MB | %.1f KB | %.1f KB | %.1f KB | %s |" % (
            jdk, provider, n, rss0 / 1024, rss1 / 1024, (rss1 - rss0) / n, (heap1 - heap0) / n,
            ((rss1 - rss0) + (heap1 - heap0)) / n, goal))
    print()
    print("wrk 4.1 (1 thread), openssl s_time (-new, parallel processes) and python3's ssl (OpenSSL 3) on loopback; TLS 1.3, x25519, ECDSA P-256, "
          "AES-128-GCM; Jetty 12.0.15, 13-byte response; %s s warm-up per mode, %s s measured; a JVM per provider "
          "(-Xms256m -Xmx256m, G1, heap pre-touched). Goals are judged on CPU per request (SecureChannel's ÷ the peer's "
          "≤ 1.00×)." % (warmup, duration))


if __name__ == "__main__":
    main()
