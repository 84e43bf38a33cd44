"""Put a quiz together (session, secrets, addresses, app) and run it with Uvicorn."""

from __future__ import annotations

import asyncio
import errno
import logging
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from ..adapt import AdaptedLesson
from ..qr import qr_svg
from .access import Keys
from .app import create_app
from .connection import ConnectionLimits
from .export import saver
from .gate import ConnectionGate
from .hub import Hub, JoinInfo
from .network import descriptor_budget, join_hosts, open_socket, reach_problem, teacher_host, url_host
from .protocol import MAX_MESSAGE_CHARS
from .session import QuizSession, QuizSettings

log = logging.getLogger("lessonkit.live")


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
    gate: Optional[ConnectionGate] = None  # set when the server is made

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
    """Uvicorn with every connection passing the gate first (caps, no half-open connections)."""
    limits = quiz.hub.limits
    gate = ConnectionGate(limits, descriptor_budget(limits.max_connections))
    quiz.hub.on_settled = gate.settled
    quiz.gate = gate
    config = uvicorn.Config(
        quiz.app, ws=_gated(WebSocketsSansIOProtocol, gate), http=_gated(H11Protocol, gate),
        ws_max_size=4 * MAX_MESSAGE_CHARS,  # UTF-8 is at most 4 bytes a character
        ws_per_message_deflate=False,  # small messages; compressing 1,000 copies costs more than it saves
        ws_ping_interval=20, ws_ping_timeout=20, lifespan="on", log_level="warning", access_log=False,
        server_header=False, timeout_graceful_shutdown=3, timeout_keep_alive=5,
        backlog=ACCEPT_BACKLOG, h11_max_incomplete_event_size=16 * 1024,
    )
    return QuizServer(config, gate)


def serve(quiz: LiveQuiz) -> None:
    """Serve until interrupted (Ctrl+C); the results file, if any, is saved on the way out."""
    uvicorn_server(quiz).run(sockets=[quiz.listener])


ACCEPT_BACKLOG = 128
"""Connections the system queues before the server accepts them, and the most it accepts in one go."""


class QuizServer(uvicorn.Server):
    """Uvicorn, plus: the gate's tidying every second, and no flood of tracebacks when connections run out."""

    def __init__(self, config: uvicorn.Config, gate: ConnectionGate):
        super().__init__(config)
        self.gate = gate

    async def startup(self, sockets=None) -> None:
        self.loop_errors = QuietLoopErrors(self.gate)
        asyncio.get_running_loop().set_exception_handler(self.loop_errors)
        self.repeats = RepeatedWarnings(self.gate)
        logging.getLogger("uvicorn.error").addFilter(self.repeats)
        await super().startup(sockets)

    async def shutdown(self, sockets=None) -> None:
        # asyncio may still retry accepting on the closed socket after running out of files: not news
        self.loop_errors.stopping = True
        await super().shutdown(sockets)
        logging.getLogger("uvicorn.error").removeFilter(self.repeats)

    async def on_tick(self, counter: int) -> bool:
        if counter % 10 == 0:  # once a second
            self.gate.sweep()
            summary = self.gate.report()
            if summary:
                log.warning(summary)
        return await super().on_tick(counter)


class QuietLoopErrors:
    """The event loop's error handler: running out of files is counted, not printed as one traceback per try.

    Other errors are shown once each (they would be bugs), then counted in the gate's summary.
    """

    RESOURCE = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)

    def __init__(self, gate: ConnectionGate):
        self.gate = gate
        self.seen: set = set()
        self.stopping = False

    def __call__(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        if self.stopping:
            return
        problem = context.get("exception")
        if isinstance(problem, OSError) and problem.errno in self.RESOURCE:
            self.gate.turned_away["connections not accepted: the process is at its limit of open files"] += 1
            return
        if isinstance(problem, (ConnectionError, TimeoutError)):
            return  # a page that went away mid-send: nothing anyone can act on
        kind = (context.get("message"), type(problem).__name__)
        if kind in self.seen:
            self.gate.turned_away[f"more errors like '{str(kind[0])[:80].rstrip('.')}'"] += 1
            return
        if len(self.seen) < 100:
            self.seen.add(kind)
        loop.default_exception_handler(context)


class RepeatedWarnings(logging.Filter):
    """Uvicorn's warnings and errors (one per bad request) are shown once each, then counted in the gate's summary."""

    def __init__(self, gate: ConnectionGate):
        super().__init__()
        self.gate = gate
        self.seen: set = set()

    def filter(self, record: logging.LogRecord) -> bool:
        key = str(record.msg)
        if key in self.seen:
            kind = "errors" if record.levelno >= logging.ERROR else "warnings"
            self.gate.turned_away[f"more {kind} like '{record.getMessage()[:80].rstrip('.')}'"] += 1
            return False
        if len(self.seen) < 100:
            self.seen.add(key)
        return True


def _gated(protocol: type, gate: ConnectionGate) -> type:
    """`protocol` telling the gate about each connection (Uvicorn builds one protocol object per connection)."""
    mixin = _GatedHTTP if issubclass(protocol, H11Protocol) else _GatedWebSocket
    return type(f"Gated{protocol.__name__}", (mixin, protocol), {"gate": gate})


class _GatedHTTP:
    """Every connection starts here: counted (or closed at once), then busy or waiting as requests come and go."""

    gate: ConnectionGate

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        if not self.gate.opened(transport, self.client, self.server):
            transport.abort()  # quietly: no response, no log line per connection

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # still ours (not upgraded to a websocket), and a request's headers have arrived and await an answer
        if self.transport.get_protocol() is self and self.cycle is not None and not self.cycle.response_complete:
            self.gate.busy(self.transport)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # answered: whatever else the client sends (the next request, or the rest of a body it trickles)
        # must come within the header timeout
        self.gate.waiting(self.transport)
        if self.cycle is not None and not self.cycle.response_complete:  # a pipelined request started meanwhile
            self.gate.busy(self.transport)

    def connection_lost(self, exc) -> None:
        self.gate.closed(self.transport)
        super().connection_lost(exc)


class _GatedWebSocket:
    """Takes over a connection the HTTP protocol opened, when it asks to become a websocket."""

    gate: ConnectionGate

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self.gate.upgraded(transport)

    def connection_lost(self, exc) -> None:
        self.gate.closed(self.transport)
        super().connection_lost(exc)
