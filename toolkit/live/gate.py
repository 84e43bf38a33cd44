"""Every network connection is counted before the app sees it: caps per address and in all, no half-open ones.

The server (see `server.py`) tells the gate when a connection opens, sends a request, becomes a
websocket, joins the quiz and closes. A connection that has sent no request yet (or nothing since its
last answer) is *waiting*; one that is waiting too long is closed, so slow senders (slowloris) cannot
pile up. When an address, or the server, is at its cap, the longest-waiting connection of that
address (or of anyone) makes room, then the oldest websocket that has not joined; only when every
connection is doing real work is a new one refused, quietly. Connections from this computer (the
teacher's) are never capped per address and may use a reserve no one else can.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Callable, Dict, Optional, Tuple

from ..wording import _

from .connection import ConnectionLimits

log = logging.getLogger("lessonkit.live")

WAITING, BUSY, SOCKET, SETTLED = "waiting", "busy", "socket", "settled"
EVICTABLE = (WAITING, SOCKET)  # in this order: no request yet, then a websocket that has not joined
Peer = Tuple[str, int]


def from_this_computer(client: str, server: str) -> bool:
    """A connection from the laptop itself: loopback, or its own address (a peer cannot fake that over TCP)."""
    return client == server or client in ("127.0.0.1", "::1", "::ffff:127.0.0.1")


@dataclass(eq=False)
class Tracked:
    transport: object  # asyncio transport: .abort()
    peer: Peer
    local: bool
    state: str
    since: float
    counted: bool = True  # against its address's cap


class ConnectionGate:
    def __init__(self, limits: ConnectionLimits, budget: int, clock: Callable[[], float] = time.monotonic):
        self.limits, self.clock = limits, clock
        self.capacity = max(1, min(limits.max_connections, budget))
        """Open connections in all, within the files this process may open."""
        self.reserve = min(limits.reserved_for_this_computer, self.capacity // 4)
        self.tracked: Dict[int, Tracked] = {}  # id(transport) -> its record
        self.local = 0  # of them, from this computer
        self.by_peer: Dict[Peer, Tracked] = {}
        self.by_state: Dict[str, "OrderedDict[int, Tracked]"] = {s: OrderedDict() for s in (WAITING, BUSY, SOCKET, SETTLED)}
        self.per_address: Dict[str, Dict[str, "OrderedDict[int, Tracked]"]] = {}
        self.counted: Counter = Counter()  # address -> connections counted against its cap
        self.turned_away: Counter = Counter()  # what happened -> how often, since the last report
        self._last_report = float("-inf")  # the first trouble is reported at once, then at most every 30 s

    @property
    def total(self) -> int:
        return len(self.tracked)

    # -- what the server tells the gate --------------------------------------------------------

    def opened(self, transport, peer: Optional[Peer], server: Optional[Tuple[str, int]]) -> bool:
        """A new connection: True to serve it; False when it must be closed at once (it was not counted)."""
        host = peer[0] if peer else "unknown"
        local = bool(peer and server and from_this_computer(host, server[0]))
        if not local and self.counted[host] >= self.limits.max_connections_per_address:
            if not self._make_room(host):
                self.turned_away[f"connections refused: more than {self.limits.max_connections_per_address} at once from one address"] += 1
                return False
        full = self.total >= self.capacity or (not local and self.total - self.local >= self.capacity - self.reserve)
        if full and not self._make_room(None):
            self.turned_away["connections refused: the server is at its limit of open connections"] += 1
            return False
        record = Tracked(transport, peer or ("unknown", 0), local, WAITING, self.clock(), counted=not local)
        self.tracked[id(transport)] = record
        self.local += local
        self.by_peer[record.peer] = record
        if record.counted:
            self.counted[host] += 1
        self._file(record)
        return True

    def busy(self, transport) -> None:
        """A request has arrived; it is being answered."""
        self._move(transport, BUSY)

    def waiting(self, transport) -> None:
        """An answer was sent; the connection is kept open for the next request, for a while."""
        self._move(transport, WAITING)

    def upgraded(self, transport) -> None:
        """The connection became a websocket (not yet joined)."""
        self._move(transport, SOCKET)

    def settled(self, peer: Optional[Peer], exempt: bool = False) -> None:
        """The websocket joined the quiz; `exempt` (the teacher) no longer counts against its address."""
        record = self.by_peer.get(tuple(peer)) if peer else None
        if record is None:
            return
        self._move(record.transport, SETTLED)
        if exempt and record.counted:
            record.counted = False
            self._uncount(record.peer[0])

    def closed(self, transport) -> None:
        record = self.tracked.pop(id(transport), None)
        if record is None:
            return
        self._unfile(record)
        self.local -= record.local
        if self.by_peer.get(record.peer) is record:
            del self.by_peer[record.peer]
        if record.counted:
            self._uncount(record.peer[0])

    # -- keeping it tidy -----------------------------------------------------------------------

    def sweep(self) -> None:
        """Close connections that have waited too long for a request (or taken too long over one)."""
        now = self.clock()
        for state, allowed in ((WAITING, self.limits.header_timeout), (BUSY, self.limits.request_timeout)):
            queue = self.by_state[state]
            while queue:
                record = next(iter(queue.values()))
                if now - record.since < allowed:
                    break
                self.turned_away["connections closed: too slow to send a request"] += 1
                self._drop(record)

    def report(self, every: float = 30.0) -> Optional[str]:
        """One line on what was turned away since the last report (at most every `every` seconds), or None."""
        now = self.clock()
        if not self.turned_away or now - self._last_report < every:
            return None
        reasons = "; ".join(f"{count:,} {why}" for why, count in self.turned_away.most_common())
        self.turned_away.clear()
        self._last_report = now
        return _("To keep the quiz open for everyone: {reasons}.", reasons=reasons)

    # -- inside --------------------------------------------------------------------------------

    def _make_room(self, host: Optional[str]) -> bool:
        """Close the connection least likely to matter, of this address (or anyone's): True if one was closed."""
        for state in EVICTABLE:
            queue = self.per_address.get(host, {}).get(state) if host is not None else self.by_state[state]
            for record in (queue or {}).values():
                if not record.local:  # this computer's connections are never closed to make room
                    self.turned_away["connections closed to make room (no request yet, or not joined)"] += 1
                    self._drop(record)
                    return True
        return False

    def _drop(self, record: Tracked) -> None:
        self.closed(record.transport)
        try:
            record.transport.abort()
        except Exception:  # already gone
            pass

    def _move(self, transport, state: str) -> None:
        record = self.tracked.get(id(transport))
        if record is None or record.state == state:
            return
        self._unfile(record)
        record.state, record.since = state, self.clock()
        self._file(record)

    def _file(self, record: Tracked) -> None:
        key = id(record.transport)
        self.by_state[record.state][key] = record
        self.per_address.setdefault(record.peer[0], {}).setdefault(record.state, OrderedDict())[key] = record

    def _unfile(self, record: Tracked) -> None:
        key = id(record.transport)
        self.by_state[record.state].pop(key, None)
        states = self.per_address.get(record.peer[0])
        if states is not None:
            states.get(record.state, {}).pop(key, None)
            if not any(states.values()):
                del self.per_address[record.peer[0]]

    def _uncount(self, host: str) -> None:
        self.counted[host] -= 1
        if self.counted[host] <= 0:
            del self.counted[host]
