"""Running the app with uvicorn: one process, access log off, a one-line start message."""

from __future__ import annotations

import uvicorn
from starlette.types import ASGIApp


def serve(app: ASGIApp, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `app` until interrupted (Ctrl-C)."""
    shown = f"[{host}]" if ":" in host else host
    print(f"newsfeed is running at http://{shown}:{port}/ — press Ctrl-C to stop", flush=True)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
        lifespan="on",
    )
    uvicorn.Server(config).run()
