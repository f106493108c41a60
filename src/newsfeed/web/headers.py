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


class SecurityHeaders:
    """Adds the security headers to every HTTP response (a response with a policy of its own
    keeps it), and long cache lifetimes to
    versioned static files (`/static/v-<hash>/…`) and demo media (`/static/demo/…`)."""

    def __init__(self, app: ASGIApp, static_prefix: str) -> None:
        self.app = app
        self.static_prefix = static_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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
