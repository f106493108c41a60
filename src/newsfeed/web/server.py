"""Running the app with uvicorn: one process, access log off, a one-line start message; and
the check that the port is free before anything slow starts."""

from __future__ import annotations

import gc
import socket
import sys

import uvicorn
from starlette.types import ASGIApp

from newsfeed.errors import InvalidInput

SWITCH_INTERVAL_S = 0.001  # GIL hand-over between the event loop and the store's threads


def serve(app: ASGIApp, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `app` until interrupted (Ctrl-C). Uses uvloop and httptools when installed.

    Two process-wide settings for latency: a 1 ms GIL switch interval (default 5 ms: the
    event loop otherwise waits up to that long for a thread running a store call), and
    `gc.freeze()` of everything built at startup, so that a full collection does not walk
    the ~100k long-lived objects of SQLAlchemy, Jinja and the app (≈50 ms on a slow box)."""
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
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    gc.collect()
    gc.freeze()
    uvicorn.Server(config).run()


def port_free(host: str, port: int) -> None:
    """InvalidInput naming the port when something listens there.

    The probe binds with SO_REUSEADDR, as uvicorn does: after a stop, connections a client
    kept alive linger in TIME_WAIT for up to a minute, and a plain bind would call the port
    "in use" although nothing listens and the server itself could start."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InvalidInput(
                f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port",
                code="port_in_use",
            ) from None
