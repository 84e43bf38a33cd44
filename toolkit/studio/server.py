"""Start the studio: bind (loopback unless told otherwise), print the address, open the browser, serve."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from pathlib import Path

import uvicorn

from .app import Studio, create_app
from .security import Guard
from .workspace import Workspace

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def hosts_for(host: str, port: int) -> frozenset:
    """The Host headers this server answers to: its own address and port (and localhost on loopback)."""
    names = {host}
    if host in LOOPBACK:
        names |= {"127.0.0.1", "localhost"}
    return frozenset(f"[{name}]:{port}" if ":" in name else f"{name}:{port}" for name in names)


def prepare(folder: Path, host: str = "127.0.0.1", port: int = 0) -> tuple:
    """(the studio, its app, the bound socket): the port is taken before anything is printed."""
    workspace = Workspace.open(folder)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, port))
    listener.listen(64)
    bound = listener.getsockname()[1]
    studio = Studio(workspace, Guard(hosts_for(host, bound), bound))
    return studio, create_app(studio), listener


def serve(studio: Studio, app, listener: socket.socket, open_browser: bool) -> None:
    """Serve until Ctrl+C; the browser opens on the printed address once the server is up."""
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False, lifespan="on",
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if open_browser:
        def opener() -> None:
            for _ in range(200):  # up to 10 seconds for the server to start
                if server.started:
                    webbrowser.open(studio.guard.start_url())
                    return
                time.sleep(0.05)

        threading.Thread(target=opener, name="studio-browser", daemon=True).start()
    server.run(sockets=[listener])
