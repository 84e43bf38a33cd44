"""Who may do what: the join code, the teacher's secret, message-rate limits and slowing down code guessing."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from typing import Callable, Dict, Tuple


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


class AttemptLimiter:
    """Slows guessing from one address: a few free tries, then a wait that doubles with each miss."""

    def __init__(self, clock: Callable[[], float], free_attempts: int = 5, first_wait: float = 2.0,
                 longest_wait: float = 300.0, max_addresses: int = 10_000):
        self.clock = clock
        self.free_attempts, self.first_wait, self.longest_wait = free_attempts, first_wait, longest_wait
        self.max_addresses = max_addresses
        self.misses: Dict[str, Tuple[int, float]] = {}  # address -> (misses, locked until)

    def wait_for(self, address: str) -> float:
        """Seconds this address must wait before its next try (0 when it may try now)."""
        _, until = self.misses.get(address, (0, 0.0))
        return max(0.0, until - self.clock())

    def missed(self, address: str) -> float:
        """Record a wrong code; returns the wait now imposed."""
        if address not in self.misses and len(self.misses) >= self.max_addresses:
            self._forget_oldest()
        count = self.misses.get(address, (0, 0.0))[0] + 1
        wait = 0.0
        if count > self.free_attempts:
            wait = min(self.longest_wait, self.first_wait * 2 ** (count - self.free_attempts - 1))
        self.misses[address] = (count, self.clock() + wait)
        return wait

    def succeeded(self, address: str) -> None:
        self.misses.pop(address, None)

    def _forget_oldest(self) -> None:
        oldest = min(self.misses, key=lambda a: self.misses[a][1])
        del self.misses[oldest]
