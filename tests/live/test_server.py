"""The quiz server over real websockets on 127.0.0.1: who may do what, and what each side is sent."""

from __future__ import annotations

import asyncio
import json

import pytest
import websockets

from toolkit.live.session import QuizSettings

from .helpers import (
    FakeClock, command, join_as_pupil, join_as_teacher, next_of, running, send, until, ws_url,
)


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 60))


def test_a_whole_quiz_from_the_protocol_side(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        anna, anna_id, state = await join_as_pupil(live_server)
        assert state == {"type": "state", "phase": "lobby", "total": 4}
        ben, _, _ = await join_as_pupil(live_server)
        shown = await command(teacher, "next", "question")
        question = (await next_of(anna, "state"))["question"]
        assert question["text"] == "Who can you talk to if something online worries you?"
        assert "correct" not in json.dumps(question) and shown["question"] == question
        await send(anna, {"type": "answer", "question": 1, "choice": [0]})
        assert await next_of(anna, "answer") == {"type": "answer", "question": 1, "choice": [0]}
        await send(ben, {"type": "answer", "question": 1, "choice": [1]})
        await next_of(ben, "answer")
        counts = await until(teacher, lambda m: m.get("answered") == 2)
        assert (counts["joined"], counts["connected"], "results" in counts) == (2, 2, False)
        revealed = await command(teacher, "reveal", "revealed")
        assert revealed["results"]["counts"] == [1, 1, 0] and revealed["results"]["hidden"] is True
        pupil_view = await next_of(anna, "state")
        assert pupil_view["question"]["options"][0]["feedback"] == "Yes: a trusted adult can help."
        assert "results" not in pupil_view and anna_id not in json.dumps(revealed)
        await command(teacher, "next", "question")
        await command(teacher, "reveal", "revealed")
        await command(teacher, "next", "break")
        assert (await until(anna, lambda m: m.get("phase") == "break"))["finished_quiz"] == "starter"
        await command(teacher, "next", "question")
        await command(teacher, "end", "ended")
        assert (await until(ben, lambda m: m.get("type") == "state"
                            and m["phase"] == "ended")) == {"type": "state", "phase": "ended", "total": 4}
        for socket in (teacher, anna, ben):
            await socket.close()

    run(scenario())


def test_pupils_are_told_who_can_help_for_their_age_only(live_server):
    async def scenario():
        socket = await websockets.connect(ws_url(live_server))
        await send(socket, {"type": "join", "code": live_server.keys.join_code, "pupil": None})
        welcome = await next_of(socket, "welcome")
        names = [contact["name"] for contact in welcome["help"]]
        assert names == ["Your school's designated safeguarding lead", "Childline", "Victim Support"]
        assert "Revenge Porn Helpline" not in json.dumps(welcome)  # 18+ only: never shown to ks3
        assert welcome["pupils"] is True and welcome["timer"] is None
        await socket.close()

    run(scenario())


def test_the_teacher_controls_need_the_secret_token(live_server):
    async def refused_with(hello):
        socket = await websockets.connect(ws_url(live_server, "/ws/teacher"))
        await send(socket, hello)
        error = await next_of(socket, "error")
        with pytest.raises(websockets.ConnectionClosed):
            await asyncio.wait_for(socket.recv(), 10)
        assert socket.close_code == 1008
        return error

    async def scenario():
        token = live_server.keys.teacher_token
        for hello in ({"type": "hello", "token": token[:-1]}, {"type": "hello", "token": token + "x"},
                      {"type": "hello", "token": live_server.keys.join_code}, {"type": "command", "action": "next"},
                      "not json"):
            error = await refused_with(hello)
            assert error["code"] == "unauthorised"
        teacher = await join_as_teacher(live_server)  # the real link still works
        await teacher.close()
        assert live_server.session.phase == "lobby"

    run(scenario())


def test_pupils_cannot_control_the_quiz_or_send_free_text(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        pupil, _, _ = await join_as_pupil(live_server)
        for message in ({"type": "command", "action": "next"}, {"type": "command", "action": "end"},
                        {"type": "hello", "token": live_server.keys.teacher_token},
                        {"type": "comment", "text": "hello everyone"},
                        {"type": "join", "code": live_server.keys.join_code, "pupil": None, "name": "Sam"}):
            await send(pupil, message)
            assert (await next_of(pupil, "error"))["code"] == "bad-message"
        assert live_server.session.phase == "lobby"
        await command(teacher, "next", "question")  # the quiz still runs for everyone
        await next_of(pupil, "state")
        await teacher.close()
        await pupil.close()

    run(scenario())


def test_one_answer_per_pupil_changeable_until_the_reveal(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        pupil, _, _ = await join_as_pupil(live_server)
        await command(teacher, "next", "question")
        for choice in ([0], [2], [1]):
            await send(pupil, {"type": "answer", "question": 1, "choice": choice})
            assert (await next_of(pupil, "answer"))["choice"] == choice
        revealed = await command(teacher, "reveal", "revealed")
        assert revealed["results"]["counts"] == [0, 1, 0] and revealed["answered"] == 1
        await send(pupil, {"type": "answer", "question": 1, "choice": [0]})
        assert (await next_of(pupil, "error"))["message"] == "That question is closed now."
        assert live_server.session.tally(0)["counts"] == [0, 1, 0]
        await teacher.close()
        await pupil.close()

    run(scenario())


def test_a_pupil_who_reconnects_keeps_their_place_and_answer(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        pupil, pupil_id, _ = await join_as_pupil(live_server)
        await command(teacher, "next", "question")
        await send(pupil, {"type": "answer", "question": 1, "choice": [2]})
        await next_of(pupil, "answer")
        pupil.transport.abort()  # the wifi drops: no closing handshake
        again, again_id, state = await join_as_pupil(live_server, pupil=pupil_id)
        assert again_id == pupil_id and state["phase"] == "question" and state["question"]["number"] == 1
        assert await next_of(again, "answer") == {"type": "answer", "question": 1, "choice": [2]}
        await send(again, {"type": "answer", "question": 1, "choice": [0]})  # still one answer, changed
        await next_of(again, "answer")
        shown = await until(teacher, lambda m: m.get("type") == "teacher-state" and m["answered"] == 1
                            and live_server.session.tally(0)["counts"] == [1, 0, 0])
        assert shown["joined"] == 1
        await teacher.close()
        await again.close()

    run(scenario())


def test_a_teacher_who_refreshes_gets_the_current_state(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        pupil, _, _ = await join_as_pupil(live_server)
        await command(teacher, "next", "question")
        await send(pupil, {"type": "answer", "question": 1, "choice": [0]})
        await next_of(pupil, "answer")
        await teacher.close()
        socket = await websockets.connect(ws_url(live_server, "/ws/teacher"))
        await send(socket, {"type": "hello", "token": live_server.keys.teacher_token})
        welcome = await next_of(socket, "teacher-welcome")
        assert welcome["code"] == live_server.keys.join_code and welcome["qr_svg"].startswith("<svg")
        state = await next_of(socket, "teacher-state")
        assert (state["phase"], state["question"]["number"], state["answered"], state["joined"]) == ("question", 1, 1, 1)
        await command(socket, "reveal", "revealed")
        await socket.close()
        await pupil.close()

    run(scenario())


BAD_MESSAGES = [
    "not json at all", "[]", "null", '"answer"', "{}", '{"type": null}', '{"type": "answer"}',
    '{"type": "answer", "question": 1, "choice": "0"}', '{"type": "answer", "question": 1, "choice": [true]}',
    '{"type": "answer", "question": 1e400, "choice": [0]}', '{"type": "answer", "question": 99999999999999999999, "choice": [0]}',
    "[" * 500 + "]" * 500, b"\x00\x01binary", "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]


def test_malformed_messages_are_answered_and_the_quiz_goes_on(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        mallory, _, _ = await join_as_pupil(live_server)
        anna, _, _ = await join_as_pupil(live_server)
        await command(teacher, "next", "question")
        for raw in BAD_MESSAGES:
            await mallory.send(raw)
            reply = await until(mallory, lambda m: m.get("type") in ("error", "answer"))
            assert reply["type"] == "error" and reply["code"] in ("bad-message", "invalid", "closed"), raw
        await send(mallory, {"type": "answer", "question": 1, "choice": [1]})
        assert (await next_of(mallory, "answer"))["choice"] == [1]  # still connected and heard
        await send(anna, {"type": "answer", "question": 1, "choice": [0]})
        await next_of(anna, "answer")
        assert (await command(teacher, "reveal", "revealed"))["results"]["counts"] == [1, 1, 0]
        for socket in (teacher, mallory, anna):
            await socket.close()

    run(scenario())


def test_an_oversized_message_closes_only_that_connection(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        mallory, _, _ = await join_as_pupil(live_server)
        anna, _, _ = await join_as_pupil(live_server)
        await mallory.send('{"type": "answer", "question": 1, "choice": [' + "0," * 50_000 + "0]}")
        with pytest.raises(websockets.ConnectionClosed):
            await asyncio.wait_for(mallory.recv(), 10)
        assert mallory.close_code == 1009  # message too big
        await command(teacher, "next", "question")
        await next_of(anna, "state")
        await send(anna, {"type": "answer", "question": 1, "choice": [0]})
        await next_of(anna, "answer")
        middle = await websockets.connect(ws_url(live_server))  # a message over the app's own limit
        await middle.send('{"type": "join", "code": "' + "1" * 2000 + '"}')
        assert (await next_of(middle, "error"))["message"] == "message too long (at most 1024 characters)"
        for socket in (teacher, anna, middle):
            await socket.close()

    run(scenario())


def test_a_flood_is_ignored_then_disconnected_while_others_carry_on():
    clock = FakeClock()  # time stands still, so the flood can never earn new allowance

    async def scenario(live):
        teacher = await join_as_teacher(live)
        flooder, _, _ = await join_as_pupil(live)
        anna, _, _ = await join_as_pupil(live)
        await command(teacher, "next", "question")
        message = json.dumps({"type": "answer", "question": 1, "choice": [1]})
        replies = []
        with pytest.raises(websockets.ConnectionClosed):
            for _ in range(400):
                await flooder.send(message)
            while True:
                replies.append(json.loads(await asyncio.wait_for(flooder.recv(), 10)))
        kinds = [reply.get("code", reply["type"]) for reply in replies]
        assert "slow-down" in kinds and kinds.count("answer") < 20
        assert flooder.close_code == 1008
        await send(anna, {"type": "answer", "question": 1, "choice": [0]})
        await next_of(anna, "answer")
        assert (await command(teacher, "reveal", "revealed"))["results"]["counts"] == [1, 1, 0]
        await teacher.close()
        await anna.close()

    with running_quiz(clock=clock) as live:
        run(scenario(live))


def test_abrupt_disconnects_never_stop_the_quiz(live_server):
    async def scenario():
        teacher = await join_as_teacher(live_server)
        stayers = [await join_as_pupil(live_server) for _ in range(3)]
        leavers = [await join_as_pupil(live_server) for _ in range(10)]
        for socket, _, _ in leavers:
            socket.transport.abort()
        half_open = await websockets.connect(ws_url(live_server))  # connects, never joins, vanishes
        half_open.transport.abort()
        await command(teacher, "next", "question")
        for socket, _, _ in stayers:
            assert (await next_of(socket, "state"))["phase"] == "question"
        await send(stayers[0][0], {"type": "answer", "question": 1, "choice": [0]})
        shown = await until(teacher, lambda m: m.get("type") == "teacher-state" and m["answered"] == 1
                            and m["connected"] == 3)
        assert shown["joined"] == 13  # those who left keep their place if they come back
        for socket in [teacher] + [s for s, _, _ in stayers]:
            await socket.close()

    run(scenario())


def test_the_class_size_is_limited():
    async def scenario(live):
        first = [await join_as_pupil(live) for _ in range(2)]
        late = await websockets.connect(ws_url(live))
        await send(late, {"type": "join", "code": live.keys.join_code, "pupil": None})
        refused = await next_of(late, "error")
        assert refused["message"] == "This quiz is full. Ask your teacher."
        with pytest.raises(websockets.ConnectionClosed):
            await asyncio.wait_for(late.recv(), 10)
        back, _, _ = await join_as_pupil(live, pupil=first[0][1])  # someone already in can always rejoin
        for socket in [back] + [s for s, _, _ in first]:
            await socket.close()

    with running_quiz(settings=QuizSettings(max_pupils=2)) as live:
        run(scenario(live))


def test_with_a_timer_the_answer_shows_when_time_is_up(quiz_lesson):
    async def scenario(live):
        teacher = await join_as_teacher(live)
        pupil, _, _ = await join_as_pupil(live)
        await send(teacher, {"type": "command", "action": "next"})
        state = await next_of(pupil, "state")
        assert state["time_left"] == 1
        assert (await until(pupil, lambda m: m.get("type") == "state"))["phase"] == "revealed"
        await teacher.close()
        await pupil.close()

    with running(quiz_lesson, settings=QuizSettings(timer_seconds=1)) as live:
        run(scenario(live))


def test_a_results_file_that_cannot_be_written_is_reported_and_the_quiz_goes_on(quiz_lesson, tmp_path):
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")

    async def scenario(live):
        teacher = await join_as_teacher(live)
        await command(teacher, "next", "question")
        revealed = await command(teacher, "reveal", "revealed")
        assert revealed["save_problem"].startswith("Could not save the results: ")
        await command(teacher, "next", "question")
        await teacher.close()

    with running(quiz_lesson, export=tmp_path / "not-a-folder" / "results.csv") as live:
        run(scenario(live))


def running_quiz(**options):
    from toolkit.build import load_checked
    from toolkit.adapt import adapt
    from .conftest import CATALOGUE, QUIZ_LESSONS

    project, _ = load_checked([QUIZ_LESSONS], CATALOGUE)
    lesson = adapt(project.lesson("live-quiz"), project.audiences["ks3"], project.routes)
    return running(lesson, **options)
