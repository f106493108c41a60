"""A real HTTP server on 127.0.0.1 for tests and benchmarks: routes map a path to a response
(body, status, headers, delay), with conditional GET (ETag / Last-Modified → 304) built in.
No mocks: the code under test talks to it over a real socket."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # sleep before answering
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False  # compress when the client accepts gzip


Handler = Callable[[Request], Response]


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Response | Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms Nagle/delayed-ACK stall per response

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                server._serve(self, head=False)

            def do_HEAD(self) -> None:
                server._serve(self, head=True)

        class _Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client hanging up mid-response is part of the tests, not news

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, response: Response | Handler | None = None, **kw: object) -> str:
        """Serve `response` (or Response(**kw)) at `path`; returns the full URL."""
        self.routes[path] = response if response is not None else Response(**kw)  # type: ignore[arg-type]
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 301) -> str:
        return self.route(path, Response(status=status, headers={"Location": to}))

    def hits(self, path: str) -> int:
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def _serve(self, h: BaseHTTPRequestHandler, head: bool) -> None:
        req = Request(h.command, h.path, {k.lower(): v for k, v in h.headers.items()})
        with self._lock:
            self.requests.append(req)
        target = self.routes.get(h.path.split("#")[0]) or self.routes.get(h.path.split("?")[0])
        if target is None:
            resp = Response(b"not found", status=404, headers={"Content-Type": "text/plain"})
        elif callable(target):
            resp = target(req)
        else:
            resp = target
        if resp.delay_s:
            time.sleep(resp.delay_s)
        status, body, headers = resp.status, resp.body, dict(resp.headers)
        if resp.etag:
            headers["ETag"] = resp.etag
        if resp.last_modified:
            headers["Last-Modified"] = resp.last_modified
        if status == 200 and (
            (resp.etag and req.headers.get("if-none-match") == resp.etag)
            or (resp.last_modified and req.headers.get("if-modified-since") == resp.last_modified)
        ):
            status, body = 304, b""
        if resp.gzip and body and "gzip" in req.headers.get("accept-encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            if not head and status != 304:
                h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
