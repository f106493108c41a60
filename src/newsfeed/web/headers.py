"""Security and caching headers, added to every response by one small ASGI middleware."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; img-src 'self' http: https: data:; script-src 'self'; "
    "style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)
IMMUTABLE = b"public, max-age=31536000, immutable"
DAY = b"public, max-age=86400"


class SecurityHeaders:
    """Adds the security headers to every HTTP response, and long cache lifetimes to
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
                headers.extend(SECURITY_HEADERS)
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
