"""Every incoming message is checked strictly; secrets are compared in constant time; guessing is slowed."""

from __future__ import annotations

import asyncio
import json

import pytest

from toolkit.live.access import CodeChecks, TokenBucket, normalise_code, same_secret
from toolkit.live.protocol import Answer, BadMessage, Command, Hello, Join, pupil_message, teacher_message

from .helpers import FakeClock

PUPIL = "0123456789abcdef0123456789abcdef"


def test_pupil_messages_that_are_understood():
    assert pupil_message('{"type": "join", "code": "123 456", "pupil": null}') == Join("123 456", None)
    assert pupil_message(json.dumps({"type": "join", "code": "123456", "pupil": PUPIL})) == Join("123456", PUPIL)
    assert pupil_message('{"type": "answer", "question": 2, "choice": [3, 0]}') == Answer(2, (3, 0))


def test_a_pupil_id_the_server_never_issued_means_a_new_pupil():
    for pupil in ("../../etc", "A" * 32, 5, ["x"], "0" * 33):
        assert pupil_message(json.dumps({"type": "join", "code": "1", "pupil": pupil})).pupil is None


@pytest.mark.parametrize("raw, reason", [
    (None, "send text frames holding JSON"),
    (b'{"type": "join"}', "send text frames holding JSON"),
    ("x" * 1025, "message too long (at most 1024 characters)"),
    ("{not json", "not valid JSON"),
    ("[" * 500 + "]" * 500, 'expected a JSON object with a "type"'),
    ("[1, 2]", 'expected a JSON object with a "type"'),
    ('{"kind": "join"}', 'expected a JSON object with a "type"'),
    ('{"type": 7}', 'expected a JSON object with a "type"'),
    ('{"type": "command", "action": "next"}', "unknown message type 'command'"),
    ('{"type": "join", "code": 123456}', "code must be text of at most 20 characters"),
    ('{"type": "join", "code": "' + "1" * 21 + '"}', "code must be text of at most 20 characters"),
    ('{"type": "join", "code": "1", "name": "Sam"}', "unknown field 'name' in a 'join' message"),
    ('{"type": "answer", "question": "1", "choice": [0]}', "question must be a whole number"),
    ('{"type": "answer", "question": true, "choice": [0]}', "question must be a whole number"),
    ('{"type": "answer", "question": 1.5, "choice": [0]}', "question must be a whole number"),
    ('{"type": "answer", "question": 1, "choice": 0}', "choice must be a list of at most 8 option numbers"),
    ('{"type": "answer", "question": 1, "choice": [0,1,2,3,4,5,6,7,8]}', "choice must be a list of at most 8 option numbers"),
    ('{"type": "answer", "question": 1, "choice": ["0"]}', "each choice must be a whole number"),
    ('{"type": "answer", "question": 1, "choice": [null]}', "each choice must be a whole number"),
    ('{"type": "answer", "question": 1, "choice": [0], "comment": "hi"}', "unknown field 'comment' in a 'answer' message"),
], ids=lambda value: str(value)[:40])
def test_pupil_messages_that_are_refused(raw, reason):
    with pytest.raises(BadMessage) as refused:
        pupil_message(raw)
    assert str(refused.value) == reason


def test_teacher_messages():
    assert teacher_message('{"type": "hello", "token": "abc"}') == Hello("abc")
    assert teacher_message('{"type": "command", "action": "reveal"}') == Command("reveal")
    for raw, reason in [
        ('{"type": "command", "action": "delete"}', "action must be one of: next, reveal, end"),
        ('{"type": "hello", "token": ["abc"]}', "token must be text of at most 200 characters"),
        ('{"type": "answer", "question": 1, "choice": [0]}', "unknown message type 'answer'"),
    ]:
        with pytest.raises(BadMessage) as refused:
            teacher_message(raw)
        assert str(refused.value) == reason


def test_secrets_match_only_exactly():
    assert same_secret("s3cret-Token", "s3cret-Token")
    assert not same_secret("s3cret-Toke", "s3cret-Token")
    assert not same_secret("", "s3cret-Token")
    assert not same_secret(None, "s3cret-Token")
    assert not same_secret("s3cret-Token\u00e9", "s3cret-Token")
    assert normalise_code("123 456") == "123456" and normalise_code("123-456") == "123456"


def _started(coroutine):
    return asyncio.ensure_future(coroutine)


async def _settle():
    for _ in range(3):
        await asyncio.sleep(0)


def test_code_checks_allow_a_few_wrong_codes_at_once_then_one_every_interval():
    async def scenario():
        clock = FakeClock()
        checks = CodeChecks(clock, allowance=3, refill=2)
        for _ in range(3):
            await asyncio.wait_for(checks.turn("10.0.0.9", 0), 1)  # at once
            checks.checked("10.0.0.9", right=False)
        waiting = _started(checks.turn("10.0.0.9", 3))
        await _settle()
        assert not waiting.done() and checks.queued("10.0.0.9") == 1
        await asyncio.wait_for(checks.turn("10.0.0.10", 0), 1)  # other addresses are not held up
        clock.advance(2)
        await asyncio.wait_for(waiting, 2)  # never refused: its turn came

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_right_codes_cost_the_allowance_nothing():
    async def scenario():
        checks = CodeChecks(FakeClock(), allowance=1, refill=60)
        for _ in range(30):  # a class typing the right code from one shared address
            await asyncio.wait_for(checks.turn("10.0.0.9", 0), 1)
            checks.checked("10.0.0.9", right=True)
        assert "10.0.0.9" not in checks.addresses  # nothing left to remember

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_waiting_checks_go_fewest_wrong_codes_first_and_a_right_code_lets_the_next_in():
    async def scenario():
        clock = FakeClock()
        checks = CodeChecks(clock, allowance=1, refill=10)
        await checks.turn("10.0.0.9", 0)
        checks.checked("10.0.0.9", right=False)
        prankster = [_started(checks.turn("10.0.0.9", 20 + n)) for n in range(5)]
        await _settle()
        pupils = [_started(checks.turn("10.0.0.9", 0)) for _ in range(3)]
        await _settle()
        clock.advance(10)
        await asyncio.wait_for(pupils[0], 2)
        assert not any(p.done() for p in prankster)
        checks.checked("10.0.0.9", right=True)  # its room comes back: the next pupil goes at once
        await asyncio.wait_for(pupils[1], 1)
        checks.checked("10.0.0.9", right=True)
        await asyncio.wait_for(pupils[2], 1)
        assert not any(p.done() for p in prankster)
        prankster[0].cancel()  # a guesser who left is skipped
        clock.advance(10)
        await asyncio.wait_for(prankster[1], 2)
        for waiting in prankster[2:]:
            waiting.cancel()

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_the_guess_record_is_bounded():
    async def scenario():
        checks = CodeChecks(FakeClock(), allowance=2, max_addresses=3)
        for n in range(10):
            await checks.turn(f"10.0.0.{n}", 0)
            checks.checked(f"10.0.0.{n}", right=False)
        assert len(checks.addresses) <= 3

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_the_message_rate_allows_a_burst_then_a_steady_rate():
    clock = FakeClock()
    bucket = TokenBucket(rate=5, capacity=20, clock=clock)
    assert sum(bucket.allow() for _ in range(50)) == 20
    clock.advance(1)
    assert sum(bucket.allow() for _ in range(50)) == 5
