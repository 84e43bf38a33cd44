"""Any text a lesson can hold reaches every page, and a pupil's odd text only ever gets that pupil an error."""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json

import pytest
import websockets

from toolkit.live.protocol import BadMessage, encode, pupil_message, utf8_safe, teacher_message

from .helpers import command, join_as_pupil, join_as_teacher, next_of, running, send, until, ws_url

# Text YAML accepts in a lesson: lone surrogates (high, low, reversed pair), controls, escapes, long words.
HOSTILE = ["lone \ud800 high", "lone \udfff low", "reversed \ude00\ud83d pair", "nul \x00 and bell \x07",
           "escape \x1b[2J\x1b]0;title\x07", "right-to-left \u202e override", "emoji \U0001F600 ok", "w" * 2000]


def hostile_lesson(lesson, text: str):
    """`lesson` with `text` in its title, a question, an option, its feedback, a teaching point and a contact."""
    first = lesson.starter_quiz[0]
    options = (dataclasses.replace(first.options[0], text=f"option {text}", feedback=f"feedback {text}"),) + first.options[1:]
    question = dataclasses.replace(first, question=f"question {text}", options=options, teaching_point=f"point {text}")
    national = lesson.national_contacts
    contacts = (dataclasses.replace(national[0], name=f"contact {text}"),) + national[1:]
    return dataclasses.replace(lesson, title=f"title {text}", starter_quiz=(question,) + lesson.starter_quiz[1:],
                               national_contacts=contacts)


def test_encoding_never_fails_and_keeps_every_character_it_can():
    for text in HOSTILE:
        encoded = encode({"type": "state", "text": text})
        encoded.encode("utf-8")  # always utf8_safe
        shown = json.loads(encoded)["text"]
        assert len(shown) == len(text) and all(a == b or b == "\ufffd" for a, b in zip(text, shown))
    assert utf8_safe("a\ud800b\udfffc") == "a\ufffdb\ufffdc"
    assert encode({"t": "caf\u00e9 \U0001F600"}) == '{"t":"caf\u00e9 \U0001F600"}'  # not escaped: stays compact


@pytest.mark.parametrize("raw", [
    '{"type": "join", "code": "\\ud800", "pupil": null}',
    '{"type": "join\\udc00", "code": "1"}',
    '{"type": "answer", "question": 1, "choice": [0], "\\udfff": 1}',
])
def test_messages_with_lone_surrogates_are_refused_with_a_reason(raw):
    for parse in (pupil_message, teacher_message):
        with pytest.raises(BadMessage, match="lone surrogates"):
            parse(raw)


def test_a_surrogate_pair_written_as_escapes_is_one_character():
    assert pupil_message('{"type": "join", "code": "\\ud83d\\ude00", "pupil": null}').code == "\U0001F600"


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_lesson_with_any_text_reaches_every_page_and_the_results_file(quiz_lesson, text, tmp_path):
    async def scenario(live):
        teacher = await join_as_teacher(live)
        pupil, _, _ = await join_as_pupil(live)
        shown = await command(teacher, "next", "question")
        assert shown["question"]["text"].startswith("question ")
        state = await until(pupil, lambda m: m.get("type") == "state" and m["phase"] == "question")
        assert len(state["question"]["options"][0]["text"]) == len("option " + text)
        await send(pupil, {"type": "answer", "question": 1, "choice": [0]})
        await next_of(pupil, "answer")  # the pupil's socket still reads and writes
        await command(teacher, "reveal", "revealed")
        revealed = await until(pupil, lambda m: m.get("type") == "state" and m["phase"] == "revealed")
        assert revealed["question"]["teaching_point"].startswith("point ")
        again, _, _ = await join_as_pupil(live)  # the welcome (title, contacts) is sent too
        await command(teacher, "next", "question")  # the teacher's connection carried on after saving
        for socket in (teacher, pupil, again):
            await socket.close()

    results = tmp_path / "results.csv"
    with running(hostile_lesson(quiz_lesson, text), export=results) as live:
        asyncio.run(asyncio.wait_for(scenario(live), 60))
        assert live.hub.saved and not live.hub.save_problem
    rows = list(csv.DictReader(io.StringIO(results.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0]["question"] == "question " + utf8_safe(text) and rows[0]["option"] == "option " + utf8_safe(text)


def test_a_pupil_message_with_a_lone_surrogate_gets_an_error_and_the_socket_stays(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        pupil, _, _ = await join_as_pupil(live_server)
        await command(teacher, "next", "question")
        for raw in ('{"type": "answer\\ud800", "question": 1, "choice": [0]}',
                    '{"type": "join", "code": "\\udfff", "pupil": null}'):
            await pupil.send(raw)
            refused = await next_of(pupil, "error")
            assert refused["code"] == "bad-message" and "lone surrogates" in refused["message"]
        await send(pupil, {"type": "answer", "question": 1, "choice": [2]})
        assert (await next_of(pupil, "answer"))["choice"] == [2]
        stranger = await websockets.connect(ws_url(live_server))
        await stranger.send('{"type": "join", "code": "\\ud800", "pupil": null}')  # before joining, too
        assert "lone surrogates" in (await next_of(stranger, "error"))["message"]
        await send(stranger, {"type": "join", "code": live_server.keys.join_code, "pupil": None})
        await next_of(stranger, "welcome")
        await send(teacher, '{"type": "command", "action": "reveal\\udc00"}')
        assert "lone surrogates" in (await next_of(teacher, "error"))["message"]
        await command(teacher, "reveal", "revealed")
        for socket in (teacher, pupil, stranger):
            await socket.close()

    asyncio.run(asyncio.wait_for(scenario(), 60))
