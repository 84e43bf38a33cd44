"""Who may do what: the join code, the teacher's secret, message-rate limits and slowing down code guessing."""

from __future__ import annotations

import asyncio
import heapq
import hmac
import itertools
import secrets
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple


def new_join_code() -> str:
    """Six digits: easy to read off a projector, and with guessing slowed, hard to hit by chance."""
    return f"{secrets.randbelow(10 ** 6):06d}"


def new_teacher_token() -> str:
    return secrets.token_urlsafe(24)


def same_secret(given: object, expected: str) -> bool:
    """Constant-time comparison, so timing reveals nothing about how much of a secret was right."""
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def normalise_code(given: object) -> object:
    """Pupils may type the code with spaces, as it is shown ('123 456')."""
    return given.replace(" ", "").replace("-", "") if isinstance(given, str) else given


@dataclass(frozen=True)
class Keys:
    join_code: str = field(default_factory=new_join_code)
    teacher_token: str = field(default_factory=new_teacher_token)


class TokenBucket:
    """Allows bursts up to `capacity` messages, then `rate` a second."""

    def __init__(self, rate: float, capacity: float, clock: Callable[[], float]):
        self.rate, self.capacity, self.clock = rate, capacity, clock
        self.tokens = capacity
        self.stamp = clock()

    def allow(self) -> bool:
        now = self.clock()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class _Allowance:
    """One address's room for code checks, and the checks waiting for room."""

    def __init__(self, tokens: float, stamp: float):
        self.tokens, self.stamp = tokens, stamp
        self.waiting: List[Tuple[int, int, asyncio.Future]] = []  # (misses, arrival, turn), a heap
        self.timer: Optional[asyncio.TimerHandle] = None


class CodeChecks:
    """Slows join-code guessing from one network address, without ever refusing the right code.

    Each address may make `allowance` wrong guesses at once, and one more every `refill` seconds. A
    code is checked only when its address has room; a right code gives its room back, so a class
    typing the right code uses none. With no room, checks wait their turn (they are never refused):
    the connections that have sent the fewest wrong codes go first, then in order of arrival. A
    prankster behind the class's shared address can make a classmate wait for the guesses queued
    ahead, never keep them out, and the class's right codes cost the allowance nothing.
    """

    def __init__(self, clock: Callable[[], float], allowance: int = 10, refill: float = 2.0,
                 max_addresses: int = 10_000):
        self.clock, self.allowance, self.refill, self.max_addresses = clock, allowance, refill, max_addresses
        self.addresses: Dict[str, _Allowance] = {}
        self._arrivals = itertools.count()

    def queued(self, address: str) -> int:
        """Checks from this address waiting for their turn."""
        entry = self.addresses.get(address)
        return sum(1 for *_, turn in entry.waiting if not turn.done()) if entry else 0

    async def turn(self, address: str, misses: int) -> None:
        """Wait until a code from this address (from a connection with `misses` wrong codes) may be checked."""
        entry = self._entry(address)
        self._top_up(entry)
        if not entry.waiting and entry.tokens >= 1:
            entry.tokens -= 1
            return
        turn = asyncio.get_running_loop().create_future()
        heapq.heappush(entry.waiting, (misses, next(self._arrivals), turn))
        self._schedule(address, entry)
        await turn  # cancelled with its connection: the turn is then skipped

    def checked(self, address: str, right: bool) -> None:
        """Record a check's outcome: a right code gives its room back."""
        entry = self.addresses.get(address)
        if entry is None:
            return
        if right:
            entry.tokens = min(float(self.allowance), entry.tokens + 1)
        self._serve(address, entry)

    def _entry(self, address: str) -> _Allowance:
        entry = self.addresses.get(address)
        if entry is None:
            if len(self.addresses) >= self.max_addresses:
                self._forget_idle()
            entry = self.addresses[address] = _Allowance(float(self.allowance), self.clock())
        return entry

    def _top_up(self, entry: _Allowance) -> None:
        now = self.clock()
        entry.tokens = min(float(self.allowance), entry.tokens + max(0.0, now - entry.stamp) / self.refill)
        entry.stamp = now

    def _serve(self, address: str, entry: _Allowance) -> None:
        self._top_up(entry)
        while entry.waiting and (entry.waiting[0][2].done() or entry.tokens >= 1):
            *_, turn = heapq.heappop(entry.waiting)
            if not turn.done():
                entry.tokens -= 1
                turn.set_result(None)
        if entry.waiting:
            self._schedule(address, entry)
        elif entry.tokens >= self.allowance and entry.timer is None and self.addresses.get(address) is entry:
            del self.addresses[address]  # nothing left to remember about this address

    def _schedule(self, address: str, entry: _Allowance) -> None:
        if entry.timer is not None:
            return
        # polls at least twice a second, so the wait follows the clock even when tests move it by hand
        delay = min(0.5, max(0.01, (1 - entry.tokens) * self.refill))

        def due() -> None:
            entry.timer = None
            self._serve(address, entry)

        entry.timer = asyncio.get_running_loop().call_later(delay, due)

    def _forget_idle(self) -> None:
        idle = [address for address, entry in self.addresses.items() if not entry.waiting]
        for address in sorted(idle, key=lambda a: -self.addresses[a].tokens)[:max(1, len(idle) // 2)]:
            del self.addresses[address]
