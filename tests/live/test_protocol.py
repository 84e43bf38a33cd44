"""Every incoming message is checked strictly; secrets are compared in constant time; guessing is slowed."""

from __future__ import annotations

import json

import pytest

from toolkit.live.access import AttemptLimiter, TokenBucket, normalise_code, same_secret
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


def test_code_guessing_gets_free_tries_then_a_doubling_wait():
    clock = FakeClock()
    limiter = AttemptLimiter(clock, free_attempts=5, first_wait=2, longest_wait=300)
    assert [limiter.missed("10.0.0.9") for _ in range(5)] == [0, 0, 0, 0, 0]
    assert limiter.wait_for("10.0.0.9") == 0
    assert limiter.missed("10.0.0.9") == 2
    assert limiter.wait_for("10.0.0.9") == 2
    assert limiter.wait_for("10.0.0.10") == 0  # other devices are not held up
    clock.advance(2)
    assert limiter.wait_for("10.0.0.9") == 0
    assert [limiter.missed("10.0.0.9") for _ in range(3)] == [4, 8, 16]
    for _ in range(20):
        wait = limiter.missed("10.0.0.9")
    assert wait == 300
    limiter.succeeded("10.0.0.9")
    assert limiter.wait_for("10.0.0.9") == 0


def test_the_guess_record_is_bounded():
    limiter = AttemptLimiter(FakeClock(), max_addresses=3)
    for n in range(10):
        limiter.missed(f"10.0.0.{n}")
    assert len(limiter.misses) == 3


def test_the_message_rate_allows_a_burst_then_a_steady_rate():
    clock = FakeClock()
    bucket = TokenBucket(rate=5, capacity=20, clock=clock)
    assert sum(bucket.allow() for _ in range(50)) == 20
    clock.advance(1)
    assert sum(bucket.allow() for _ in range(50)) == 5
