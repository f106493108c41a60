"""Security and caching headers, added to every response by one small ASGI middleware; and
the `Allow` header that every 405 answer must carry (RFC 9110)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; img-src 'self' http: https: data:; script-src 'self'; "
    "style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
# The sample outlets' pages (demo) carry their styles inline, as many sites do; no scripts.
OUTLET_CSP = (
    "default-src 'self'; img-src 'self' data:; script-src 'none'; style-src 'self' "
    "'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (  # the policy first: a response may
    (b"content-security-policy", CSP.encode()),  # bring its own
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)
IMMUTABLE = b"public, max-age=31536000, immutable"
DAY = b"public, max-age=86400"


#: The request body a client may send when no cap is given (an OPML file, a JSON body).
MAX_REQUEST_BODY_BYTES = 2 * 1024 * 1024
#: Host names every instance answers to; `allowed_hosts()` adds the configured ones.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def allowed_hosts(listen_host: str, extra: str = "") -> frozenset[str]:
    """The host names requests may name in `Host`: the local ones, the address the server
    listens on (unless it is a wildcard), and `extra`, comma-separated ("*": any)."""
    names = {name.strip().lower().strip("[]") for name in extra.split(",") if name.strip()}
    if listen_host not in ("", "0.0.0.0", "::"):
        names.add(listen_host.lower().strip("[]"))
    return LOCAL_HOSTS | names


def host_of(header: str) -> str:
    """The host name of a `Host` header value, without port or IPv6 brackets, lowercase."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header[1:]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityHeaders:
    """Adds the security headers to every HTTP response (a response with a policy of its own
    keeps it), and long cache lifetimes to
    versioned static files (`/static/v-<hash>/…`) and demo media (`/static/demo/…`).

    Before the app sees a request it also refuses (with a plain-text error, the app not
    called): a `Host` outside `hosts` (421; DNS rebinding gets a page of ours to talk to
    the attacker's name), and a body over `max_body_bytes` (413). `hosts=None` accepts any
    host (tests through an in-process client, which say `testserver`)."""

    def __init__(
        self,
        app: ASGIApp,
        static_prefix: str,
        *,
        hosts: frozenset[str] | None = None,
        max_body_bytes: int = MAX_REQUEST_BODY_BYTES,
    ) -> None:
        self.app = app
        self.static_prefix = static_prefix
        self.hosts = hosts
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await _plain_error(send, *refusal)
            return
        if _has_body(scope):
            body = await _read_capped(receive, self.max_body_bytes)
            if body is None:
                await _plain_error(send, *_too_large(self.max_body_bytes))
                return
            receive = _replay(body, receive)
        await self._serve(scope, receive, send)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = dict(scope.get("headers") or ())
        if self.hosts is not None and "*" not in self.hosts:
            host = host_of(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                return 421, f"This server does not answer to the host name {host[:100]!r}."
        length = headers.get(b"content-length", b"")
        if length and (not length.isdigit() or int(length) > self.max_body_bytes):
            return _too_large(self.max_body_bytes)
        return None

    async def _serve(self, scope: Scope, receive: Receive, send: Send) -> None:
        extra = self._cache_header(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                own_policy = any(name == b"content-security-policy" for name, _ in headers)
                headers.extend(SECURITY_HEADERS[1:] if own_policy else SECURITY_HEADERS)
                if extra and message.get("status") in (200, 304):
                    headers.append((b"cache-control", extra))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _cache_header(self, path: str) -> bytes | None:
        if path.startswith(self.static_prefix):
            return IMMUTABLE
        if path.startswith("/static/demo/"):
            return DAY
        return None


def _has_body(scope: Scope) -> bool:
    """A request that may carry a body of unknown length (chunked): read it under the cap
    here. One that states its length was checked against the cap already, and the server
    holds it to that length."""
    if scope["method"] in ("GET", "HEAD", "OPTIONS"):
        return False
    return not any(name == b"content-length" for name, _ in scope.get("headers") or ())


async def _read_capped(receive: Receive, cap: int) -> bytes | None:
    """The whole request body, or None as soon as it passes `cap` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)  # the client went away: the app sees an empty body
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, then: Receive) -> Receive:
    """A `receive` that gives the body read ahead, then waits on the real one."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return await then()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _too_large(cap: int) -> tuple[int, str]:
    return 413, f"The request body is larger than {cap:,} bytes."


async def _plain_error(send: Send, status: int, message: str) -> None:
    body = (message + "\n").encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class AllowHeader:
    """Adds `Allow` (the methods of the routes whose path matches) to a 405 answer that
    lacks it: FastAPI's problem+json handler builds a new response and drops the header
    the router put on its exception."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_allow(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 405:
                headers = list(message.get("headers", ()))
                if not any(name.lower() == b"allow" for name, _ in headers):
                    headers.append((b"allow", allowed_methods(self.routes, scope).encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_allow)


def allowed_methods(routes: Sequence[BaseRoute], scope: Scope) -> str:
    """'GET, HEAD, POST': every method some route at this path answers."""
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches(scope)
            if match != Match.NONE:
                methods |= route.methods
    return ", ".join(sorted(methods))
