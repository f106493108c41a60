"""A tiny threaded HTTP server on 127.0.0.1 that serves the rendered demo site, with ETags
and 304 answers so that a second refresh of unchanged feeds costs almost nothing."""

from __future__ import annotations

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Site = dict[str, tuple[bytes, str]]


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:20] + '"'


class DemoServer:
    """Bind at construction (so `base` is known before rendering), serve after `start()`
    or inside `with`. `set_site()` swaps the whole site atomically (phase 2)."""

    def __init__(self, site: Site | None = None, *, host: str = "127.0.0.1", port: int = 0):
        self._site: dict[str, tuple[bytes, str, str]] = {}
        self._lock = threading.Lock()
        self.requests = 0
        self.not_modified = 0
        self.set_site(site or {})
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    def url(self, path: str) -> str:
        return self.base + path

    def set_site(self, site: Site) -> None:
        prepared = {path: (body, ctype, etag_of(body)) for path, (body, ctype) in site.items()}
        with self._lock:
            self._site = prepared

    def lookup(self, path: str) -> tuple[bytes, str, str] | None:
        with self._lock:
            self.requests += 1
            return self._site.get(urlsplit(path).path)

    def count_not_modified(self) -> None:
        with self._lock:
            self.not_modified += 1

    def start(self) -> DemoServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join()
            self._thread = None
        self.httpd.server_close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "newsfeed-demo/1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            self._answer(head=False)

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def _answer(self, *, head: bool) -> None:
            found = server.lookup(self.path)
            if found is None:
                self._send(404, b"not found\n", {"Content-Type": "text/plain"}, head)
                return
            body, ctype, etag = found
            headers = {"Content-Type": ctype, "ETag": etag, "Cache-Control": "max-age=60"}
            if etag in _etags(self.headers.get("If-None-Match", "")):
                server.count_not_modified()
                self._send(304, b"", headers, head=True)
                return
            self._send(200, body, headers, head)

        def _send(self, status: int, body: bytes, headers: dict[str, str], head: bool) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if not head:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


def _etags(header: str) -> set[str]:
    return {part.strip().removeprefix("W/") for part in header.split(",") if part.strip()}
