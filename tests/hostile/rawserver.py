"""A TCP server on 127.0.0.1 that misbehaves on purpose, below HTTP's rules: it never
answers, drips bytes, lies about Content-Length, or sends a body without end. Each
connection runs `behaviour(socket)` on its own thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable

Behaviour = Callable[[socket.socket], None]


class RawServer:
    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self._stop = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def url(self, path: str = "/feed") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()

    def _run(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)  # the request
                self.behaviour(conn)
            except OSError:
                pass  # the client gave up: that is what these servers are for


def head(length: int | None = None, extra: str = "") -> bytes:
    size = f"Content-Length: {length}\r\n" if length is not None else ""
    return (f"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n{size}{extra}\r\n").encode()


def never_answers(conn: socket.socket) -> None:
    time.sleep(30)


def drips(conn: socket.socket) -> None:
    """Headers at once, then one byte a second (per-read timeouts never fire)."""
    conn.sendall(head(10_000))
    for _ in range(30):
        conn.sendall(b"<")
        time.sleep(1.0)


def lies_about_length(conn: socket.socket) -> None:
    """Says 5,000 bytes, sends 40, closes."""
    conn.sendall(head(5_000) + b'<?xml version="1.0"?><rss version="2.0">')


def endless(conn: socket.socket) -> None:
    """A chunked body that goes on for 200 MB (no Content-Length to refuse up front)."""
    conn.sendall(head(None, "Transfer-Encoding: chunked\r\n"))
    chunk = b"x" * 65536
    framed = b"%x\r\n%s\r\n" % (len(chunk), chunk)
    for _ in range(200 * 1024 * 1024 // len(chunk)):
        conn.sendall(framed)
