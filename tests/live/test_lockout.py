"""No client locks out the class or the teacher: guessing, rejoining, many connections, one shared address.

Every "device" here is a loopback address: 127.0.0.1 is this computer (the teacher's), 127.0.0.2 and
up are pupils' devices, or a school's shared address when several sockets use the same one.
"""

from __future__ import annotations

import asyncio

import pytest
import websockets

from toolkit.live.connection import ConnectionLimits
from toolkit.live.session import QuizSettings

from .helpers import FakeClock, command, join_as_pupil, join_as_teacher, next_of, running, send, until, ws_url


def run(coroutine, seconds: float = 90):
    return asyncio.run(asyncio.wait_for(coroutine, seconds))


def device(n: int) -> dict:
    """Connection options for a pupil's device at 127.0.0.n."""
    return {"local_addr": (f"127.0.0.{n}", 0)}


def wrong_code(live) -> str:
    return "000000" if live.keys.join_code != "000000" else "111111"


async def try_code(socket, code: str) -> dict:
    """Send a join; the server's answer, skipping the note that the check is queued."""
    await send(socket, {"type": "join", "code": code, "pupil": None})
    return await until(socket, lambda m: m.get("type") == "welcome" or (m.get("type") == "error"
                                                                       and m["code"] != "queued"))


def test_wrong_codes_are_slowed_but_a_right_code_is_never_refused(quiz_lesson):
    clock = FakeClock()  # guessing earns new tries only when the test moves time on

    async def scenario(live):
        wrong = wrong_code(live)
        guesser = await websockets.connect(ws_url(live), **device(5))
        for _ in range(10):  # a few at once are answered straight away
            assert (await try_code(guesser, wrong))["code"] == "wrong-code"
        await send(guesser, {"type": "join", "code": wrong, "pupil": None})
        queued = await next_of(guesser, "error")
        assert queued["code"] == "queued" and queued["message"].startswith("Many wrong codes have come from your network")
        classmate = await websockets.connect(ws_url(live), **device(5))  # the same shared address
        await send(classmate, {"type": "join", "code": live.keys.join_code, "pupil": None})
        assert (await next_of(classmate, "error"))["code"] == "queued"
        elsewhere = await websockets.connect(ws_url(live), **device(6))
        assert (await try_code(elsewhere, live.keys.join_code))["type"] == "welcome"  # other devices: no wait
        clock.advance(2)  # room for one check: the classmate, with no wrong codes, goes before the guesser
        assert (await until(classmate, lambda m: m.get("type") == "welcome"))["type"] == "welcome"
        assert (await next_of(guesser, "error"))["code"] == "wrong-code"  # the right code gave its room back
        await send(guesser, {"type": "join", "code": wrong, "pupil": None})
        assert (await next_of(guesser, "error"))["code"] == "queued"
        await send(guesser, {"type": "join", "code": live.keys.join_code, "pupil": None})  # replaces the guess
        clock.advance(2)
        assert (await next_of(guesser, "welcome"))["type"] == "welcome"  # even the guesser gets in with it
        for socket in (guesser, classmate, elsewhere):
            await socket.close()

    with running(quiz_lesson, clock=clock) as live:
        run(scenario(live))


def test_wrong_codes_from_this_computer_never_lock_out_the_teacher(live_server):
    async def scenario():
        guesser = await websockets.connect(ws_url(live_server))
        for _ in range(6):
            assert (await try_code(guesser, wrong_code(live_server)))["code"] == "wrong-code"
        for _ in range(6):
            refused = await websockets.connect(ws_url(live_server, "/ws/teacher"))
            await send(refused, {"type": "hello", "token": "not-the-token"})
            assert (await next_of(refused, "error"))["code"] == "unauthorised"
            await refused.close()
        teacher = await join_as_teacher(live_server)  # neither kind of wrong guess holds up the teacher
        assert (await try_code(guesser, live_server.keys.join_code))["type"] == "welcome"
        await command(teacher, "next", "question")
        for socket in (teacher, guesser):
            await socket.close()

    run(scenario())


def test_a_pupil_who_joined_rejoins_without_waiting_for_anyone_s_guesses(quiz_lesson):
    clock = FakeClock()

    async def scenario(live):
        pupil, pupil_id, _ = await join_as_pupil(live, **device(7))
        pupil.transport.abort()
        guesser = await websockets.connect(ws_url(live), **device(7))
        for _ in range(12):
            await send(guesser, {"type": "join", "code": wrong_code(live), "pupil": None})
        assert (await until(guesser, lambda m: m.get("code") == "queued"))["code"] == "queued"
        again, again_id, _ = await join_as_pupil(live, pupil=pupil_id, **device(7))  # the id is enough
        assert again_id == pupil_id
        for socket in (guesser, again):
            await socket.close()

    with running(quiz_lesson, clock=clock) as live:
        run(scenario(live))


def test_thirty_joins_from_one_device_do_not_fill_a_thirty_pupil_quiz(quiz_lesson):
    async def scenario(live):
        teacher = await join_as_teacher(live)
        for _ in range(30):  # join, forget the id, leave, again
            socket, _, _ = await join_as_pupil(live, **device(8))
            await socket.close()
        shown = await until(teacher, lambda m: m.get("type") == "teacher-state" and m["connected"] == 0
                            and m["joined"] == 30)
        assert shown["joined"] == 30  # their places are kept for a while, in case they come back
        real = [await join_as_pupil(live, **device(9 + n % 5)) for n in range(30)]
        assert len({pupil_id for _, pupil_id, _ in real}) == 30  # a whole class still gets in, at once
        await until(teacher, lambda m: m.get("type") == "teacher-state" and m["connected"] == 30)
        for socket in [teacher] + [s for s, _, _ in real]:
            await socket.close()

    with running(quiz_lesson, settings=QuizSettings(max_pupils=30)) as live:
        run(scenario(live))


def test_one_device_holding_many_connections_locks_out_neither_the_class_nor_the_teacher(quiz_lesson):
    async def scenario(live):
        hog = [await websockets.connect(ws_url(live), **device(2)) for _ in range(130)]
        teacher = await join_as_teacher(live)
        pupil, _, _ = await join_as_pupil(live, **device(3))
        classmate, _, _ = await join_as_pupil(live, **device(2))  # behind the same shared address
        await command(teacher, "next", "question")
        for socket in (pupil, classmate):
            assert (await until(socket, lambda m: m.get("phase") == "question"))["phase"] == "question"
        for socket in hog + [teacher, pupil, classmate]:
            await socket.close()

    with running(quiz_lesson, settings=QuizSettings(max_pupils=30)) as live:
        run(scenario(live))


def test_at_an_address_s_cap_connections_that_have_not_joined_make_room(quiz_lesson):
    limits = ConnectionLimits(max_connections_per_address=20)

    async def scenario(live):
        hog = [await websockets.connect(ws_url(live), **device(2)) for _ in range(20)]
        classmates = [await join_as_pupil(live, **device(2)) for _ in range(10)]  # each makes room
        closed = 0
        for socket in hog:
            try:
                await asyncio.wait_for(socket.recv(), 0.5)
            except websockets.ConnectionClosed:
                closed += 1
            except asyncio.TimeoutError:
                pass
        assert closed == 10  # the oldest that had not joined, one for each classmate
        teacher = await join_as_teacher(live)  # this computer is never capped per address
        for socket in [teacher] + hog + [s for s, _, _ in classmates]:
            await socket.close()

    with running(quiz_lesson, limits=limits) as live:
        run(scenario(live))


def test_when_every_connection_is_a_real_pupil_the_next_is_refused_but_the_teacher_still_gets_in(quiz_lesson):
    limits = ConnectionLimits(max_connections=40)  # 10 of them kept for this computer

    async def scenario(live):
        pupils = [await join_as_pupil(live, **device(2 + n % 6)) for n in range(30)]
        with pytest.raises((websockets.InvalidHandshake, websockets.ConnectionClosed, OSError)):
            late = await websockets.connect(ws_url(live), open_timeout=5, **device(20))
            await late.recv()
        teacher = await join_as_teacher(live)
        await command(teacher, "next", "question")
        pupils[0][0].transport.abort()  # someone leaves: their connection is free for the next pupil
        await asyncio.sleep(0.5)
        late, _, _ = await join_as_pupil(live, **device(20))
        for socket in [teacher, late] + [s for s, _, _ in pupils[1:]]:
            await socket.close()

    with running(quiz_lesson, limits=limits) as live:
        run(scenario(live))


def test_one_pupil_id_holds_only_a_few_connections_the_oldest_make_way(live_server):
    async def scenario():
        first, pupil_id, _ = await join_as_pupil(live_server)
        tabs = [first] + [(await join_as_pupil(live_server, pupil=pupil_id))[0] for _ in range(5)]
        for old in tabs[:2]:
            told = await next_of(old, "error")
            assert told["code"] == "elsewhere"
            with pytest.raises(websockets.ConnectionClosed):
                await asyncio.wait_for(old.recv(), 10)
            assert old.close_code == 4001
        teacher = await join_as_teacher(live_server)
        await command(teacher, "next", "question")
        for tab in tabs[2:]:
            assert (await until(tab, lambda m: m.get("phase") == "question"))["phase"] == "question"
        assert live_server.session.places == 1
        for socket in [teacher] + tabs[2:]:
            await socket.close()

    run(scenario())


def test_a_join_waiting_its_turn_is_dropped_when_its_page_goes(quiz_lesson):
    clock = FakeClock()

    async def scenario(live):
        for _ in range(40):  # pages that queue a guess and vanish leave nothing behind
            guesser = await websockets.connect(ws_url(live), **device(11))
            await send(guesser, {"type": "join", "code": wrong_code(live), "pupil": None})
            await until(guesser, lambda m: m.get("type") == "error")
            guesser.transport.abort()
        await asyncio.sleep(0.5)
        assert live.hub.code_checks.queued("127.0.0.11") == 0

    with running(quiz_lesson, clock=clock) as live:
        run(scenario(live))
