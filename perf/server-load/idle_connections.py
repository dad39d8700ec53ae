#!/usr/bin/env python3
"""Opens N TLS keep-alive connections to https://127.0.0.1:PORT/, makes one request on each, and holds them
idle so the server's memory per idle connection can be read. Prints "ready N" once all are open, then holds
them for HOLD seconds at most (run.sh stops it sooner, by its process id). Python's ssl module is OpenSSL:
a client nobody here wrote; certificates are not checked (the server's chain is made at run time)."""
import concurrent.futures
import socket
import ssl
import sys
import time


def one_request(ctx, port):
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s = ctx.wrap_socket(raw, server_hostname="localhost")
    s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
    data = b""
    for _ in range(100):  # bounded: the response is a few hundred bytes
        if b"\r\n\r\n" in data:
            head, _, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if not head.startswith(b"HTTP/1.1 200") or len(body) >= length:
                if not head.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError("unexpected response: %r" % head[:80])
                return s
        chunk = s.recv(4096)
        if not chunk:
            raise RuntimeError("server closed the connection")
        data += chunk
    raise RuntimeError("response never completed")


def main():
    port, count, hold = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    # A few at a time: sequential handshakes would wait on each one's round trips (minutes for 1,000).
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        conns = list(pool.map(lambda _: one_request(ctx, port), range(count)))
    print("ready %d" % len(conns), flush=True)
    deadline = time.monotonic() + hold
    while time.monotonic() < deadline:
        time.sleep(0.5)
    for s in conns:
        s.close()


if __name__ == "__main__":
    main()
