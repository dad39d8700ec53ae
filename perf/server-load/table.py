#!/usr/bin/env python3
"""Markdown tables from run.sh's rows.tsv and memory.tsv, with each SecureChannel figure set against the
issue's goal: >= SunJSSE on every row, >= Conscrypt with one connection per request. CPU per request decides
"met" (throughput on a shared 2-core machine measures the scheduler as much as the code); requests/s ratios
are shown beside it."""
import sys

MODES = {"keepalive": "keep-alive", "close": "connection per request"}


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
    print("| JDK | mode (wrk connections) | provider | requests/s | p50 | p99 | server CPU per request | errors "
          "| load avg | goal: SecureChannel's CPU/request (and requests/s) against |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|---|")
    for (jdk, mode, provider), v in by.items():
        goal = ""
        if provider == "SecureChannel":
            peers = ["SunJSSE"] + (["Conscrypt"] if mode == "close" else [])
            parts = []
            for peer in peers:
                p = by.get((jdk, mode, peer))
                if p is None:
                    continue
                met = "met" if v["cpu"] <= p["cpu"] else "**not met**"
                parts.append("≥ %s: %s, %s less CPU, %s requests/s" % (
                    peer, met, ratio(p["cpu"], v["cpu"]), ratio(v["rps"], p["rps"])))
            goal = "; ".join(parts)
        print("| %s | %s (%s) | %s | %s | %s | %s | %.0f µs | %s | %s | %s |" % (
            jdk, MODES.get(mode, mode), v["conns"], provider, "{:,.0f}".format(v["rps"]), v["p50"], v["p99"],
            v["cpu"], v["errors"], v["load"], goal))
    print()
    print("| JDK | provider | idle connections | VmRSS after load | VmRSS with them | per connection | Java heap after full GC, per connection | goal: ≤ SunJSSE's RSS per connection |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    sun = {}
    for m in mem:
        if m[1] == "SunJSSE":
            sun[m[0]] = (int(m[4]) - int(m[3])) / int(m[2])
    for m in mem:
        jdk, provider, n, rss0, rss1, heap0, heap1 = m[0], m[1], int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6])
        per = (rss1 - rss0) / n
        goal = ""
        if provider == "SecureChannel" and jdk in sun:
            goal = ("met" if per <= sun[jdk] else "**not met**") + " (SunJSSE %.1f KB)" % sun[jdk]
        print("| %s | %s | %d | %.0f MB | %.0f MB | %.1f KB | %.1f KB | %s |" % (
            jdk, provider, n, rss0 / 1024, rss1 / 1024, per, (heap1 - heap0) / n, goal))
    print()
    print("wrk 4.1 (1 thread) and python3's ssl (OpenSSL 3) on loopback; TLS 1.3, x25519, ECDSA P-256, "
          "AES-128-GCM; Jetty 12.0.15, 13-byte response; %s s warm-up per mode, %s s measured." % (warmup, duration))


if __name__ == "__main__":
    main()
