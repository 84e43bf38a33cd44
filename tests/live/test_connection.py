"""One slow or stuck phone never holds up everyone else's messages."""

from __future__ import annotations

import asyncio

from toolkit.live.connection import Connection, ConnectionLimits

from .helpers import FakeClock


class Phone:
    """A stand-in websocket whose reader can be made to stall."""

    def __init__(self, stalled: bool = False):
        self.stalled = stalled
        self.received = []
        self.closed_with = None
        self.unblock = asyncio.Event()

    async def send_text(self, text):
        if self.stalled:
            await self.unblock.wait()
        self.received.append(text)

    async def close(self, code=1000, reason=""):
        self.closed_with = (code, reason)


def test_a_stalled_reader_is_disconnected_and_the_others_get_every_message():
    async def scenario():
        limits = ConnectionLimits(outbox_size=8)
        stuck, fine = Phone(stalled=True), Phone()
        connections = [Connection(stuck, "10.0.0.2", limits, FakeClock()), Connection(fine, "10.0.0.3", limits, FakeClock())]
        for n in range(50):
            for connection in connections:
                connection.post(f"message {n}")  # never waits, whatever the reader does
            await asyncio.sleep(0)
        await asyncio.sleep(0.01)
        assert fine.received == [f"message {n}" for n in range(50)]
        assert not connections[0].open
        stuck.unblock.set()
        await connections[0].finish()
        await connections[1].finish()
        assert stuck.closed_with == (1013, "too far behind; reconnect to catch up")
        assert len(stuck.received) <= 1  # what was queued for it was dropped, not delivered late
        assert fine.closed_with == (1000, "")

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_messages_posted_before_a_close_are_still_delivered():
    async def scenario():
        phone = Phone()
        connection = Connection(phone, "10.0.0.2", ConnectionLimits(), FakeClock())
        connection.post("error: teacher link needed")
        connection.close_soon(1008, "teacher link needed")
        connection.post("too late")
        await connection.finish()
        assert phone.received == ["error: teacher link needed"]
        assert phone.closed_with == (1008, "teacher link needed")

    asyncio.run(asyncio.wait_for(scenario(), 30))
