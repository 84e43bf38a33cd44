"""Put a quiz together (session, secrets, addresses, app) and run it with Uvicorn."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

import uvicorn

from ..adapt import AdaptedLesson
from ..qr import qr_svg
from .access import Keys
from .app import create_app
from .connection import ConnectionLimits
from .export import saver
from .hub import Hub, JoinInfo
from .network import join_hosts, open_socket, reach_problem, teacher_host, url_host
from .protocol import MAX_MESSAGE_CHARS
from .session import QuizSession, QuizSettings


@dataclass
class LiveQuiz:
    """A quiz ready to serve, with the links to print for the teacher."""

    session: QuizSession
    keys: Keys
    hub: Hub
    app: object
    listener: Optional[socket.socket]
    join_urls: List[str]
    teacher_url: str
    reach_problem: str  # "" when pupils' devices can reach the quiz

    @property
    def port(self) -> int:
        return self.listener.getsockname()[1] if self.listener else 0


def prepare(lesson: AdaptedLesson, host: str = "127.0.0.1", port: int = 8765,
            settings: QuizSettings = QuizSettings(), export: Optional[Path] = None,
            limits: ConnectionLimits = ConnectionLimits(), clock: Callable[[], float] = time.monotonic,
            listen: bool = True) -> LiveQuiz:
    """Build the quiz for `lesson`; with `listen`, bind the port now so problems show before serving."""
    session = QuizSession(lesson, settings, clock)
    keys = Keys()
    listener = open_socket(host, port) if listen else None
    bound = listener.getsockname()[1] if listener else port
    hosts = join_hosts(host)
    join_urls = [f"http://{url_host(h)}:{bound}/" for h in hosts]
    problem = reach_problem(host, hosts)
    join = JoinInfo(
        urls=join_urls, qr_svg=qr_svg(f"{join_urls[0]}#code={keys.join_code}"), reach_problem=problem,
        export_name=str(export) if export else "",
    )
    hub = Hub(session, keys, join, limits, saver(export) if export else None, clock)
    teacher_url = f"http://{url_host(teacher_host(host))}:{bound}/teacher#token={keys.teacher_token}"
    return LiveQuiz(session, keys, hub, create_app(hub), listener, join_urls, teacher_url, problem)


def uvicorn_server(quiz: LiveQuiz) -> uvicorn.Server:
    config = uvicorn.Config(
        quiz.app, ws="websockets-sansio", ws_max_size=4 * MAX_MESSAGE_CHARS,  # UTF-8 is at most 4 bytes a character
        ws_per_message_deflate=False,  # small messages; compressing 1,000 copies costs more than it saves
        ws_ping_interval=20, ws_ping_timeout=20, lifespan="on", log_level="warning", access_log=False,
        server_header=False, timeout_graceful_shutdown=3,
    )
    return uvicorn.Server(config)


def serve(quiz: LiveQuiz) -> None:
    """Serve until interrupted (Ctrl+C); the results file, if any, is saved on the way out."""
    uvicorn_server(quiz).run(sockets=[quiz.listener])
