"""One browser's websocket: a bounded outbox written by its own task, and a rate limit on what it sends.

Each connection writes from its own task, so a slow or stuck phone never holds up the messages
going to everyone else; if its outbox overflows it is closed, and its page reconnects and catches up.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Callable, Optional, Union

from ..wording import _
from .access import TokenBucket
from .protocol import error

_CLOSE = object()


@dataclass(frozen=True)
class ConnectionLimits:
    messages_per_second: float = 5.0
    """Steady rate a page may send; real pages send about one message per tap."""
    message_burst: int = 20
    ignored_before_close: int = 200
    """Messages over the rate that are ignored before the connection is closed."""
    outbox_size: int = 64
    """Messages waiting for a slow reader before it is disconnected (it reconnects and catches up)."""
    join_timeout: float = 60.0
    """Seconds a connection may stay open without sending a join (or the teacher's hello)."""
    connections_per_pupil: int = 4
    """Open connections for one pupil id (tabs, and a reload overlapping the old page); a newer one closes the oldest."""
    teacher_refusal_delay: float = 1.0
    """Seconds before a wrong teacher secret is answered (the pupils' code checks are separate)."""
    max_connections_per_address: int = 256
    """Open connections, HTTP and websocket, from one network address: a class of 30 or more behind one
    router, each loading the page over several connections. Connections that misbehave (no request yet,
    or a websocket that has not joined) make room for new ones before anyone is refused."""
    max_connections: int = 20_000
    """Open connections in all; lower when the process may open fewer files (see `descriptor_budget`)."""
    reserved_for_this_computer: int = 32
    """Connections only this computer (the teacher's) may use when everyone else's share is taken."""
    header_timeout: float = 10.0
    """Seconds to send a request's headers, on a new connection or a kept-alive one (slow senders are closed)."""
    request_timeout: float = 30.0
    """Seconds an HTTP request (not a websocket) may take in all."""
    teacher_update_delay: float = 0.1
    """Answer counts reach the teacher's screen at most this often (seconds)."""


class Disconnected(Exception):
    pass


class Connection:
    def __init__(self, websocket, address: str, limits: ConnectionLimits, clock: Callable[[], float]):
        self.websocket = websocket
        self.address = address
        self.limits = limits
        self.bucket = TokenBucket(limits.messages_per_second, limits.message_burst, clock)
        self.ignored = 0
        self.misses = 0  # wrong join codes sent on this connection
        self.language: Optional[str] = None  # a pupil's page: the language they chose, one the quiz offers
        self.open = True
        self.outbox: asyncio.Queue = asyncio.Queue(maxsize=limits.outbox_size)
        self.writer = asyncio.get_running_loop().create_task(self._write())

    def post(self, text: str) -> None:
        """Queue a message without waiting; a reader that has fallen far behind is disconnected."""
        if not self.open:
            return
        try:
            self.outbox.put_nowait(text)
        except asyncio.QueueFull:
            self.close_soon(1013, "too far behind; reconnect to catch up")

    def close_soon(self, code: int = 1000, reason: str = "") -> None:
        if not self.open:
            return
        self.open = False
        if self.outbox.full():  # a reader this far behind gets no more; what was queued stays in order otherwise
            while not self.outbox.empty():
                self.outbox.get_nowait()
        self.outbox.put_nowait((_CLOSE, code, reason))

    async def _write(self) -> None:
        try:
            while True:
                item = await self.outbox.get()
                if isinstance(item, tuple) and item[0] is _CLOSE:
                    await self.websocket.close(code=item[1], reason=item[2])
                    return
                await self.websocket.send_text(item)
        except Exception:  # the socket went away mid-send, or a message could not be sent at all
            self.open = False
            with contextlib.suppress(Exception):  # never a silent, half-alive socket: the page reconnects
                await self.websocket.close(code=1011, reason="could not send")

    async def receive(self, timeout: Optional[float] = None) -> Union[str, bytes, None]:
        """The next frame's payload; raises Disconnected when the page has gone."""
        try:
            message = await asyncio.wait_for(self.websocket.receive(), timeout)
        except asyncio.TimeoutError:
            raise Disconnected("timed out") from None
        except RuntimeError:  # receiving after the close was sent
            raise Disconnected("closed") from None
        if message["type"] == "websocket.disconnect":
            raise Disconnected("closed")
        return message.get("text") if message.get("text") is not None else message.get("bytes")

    def within_rate(self) -> bool:
        """Whether to act on the message just received; a flood is ignored, then disconnected."""
        if self.bucket.allow():
            return True
        self.ignored += 1
        if self.ignored > self.limits.ignored_before_close:
            self.close_soon(1008, "too many messages")
        elif self.ignored == 1 or self.ignored % 50 == 0:
            self.post(error("slow-down", _("Too many messages: some were ignored.")))
        return False

    async def finish(self) -> None:
        """Stop the writer once the page has gone (or after closing it)."""
        self.close_soon()
        with contextlib.suppress(asyncio.TimeoutError, Exception):
            await asyncio.wait_for(self.writer, 2)
        if not self.writer.done():
            self.writer.cancel()
