"""Half-open connections cannot exhaust the server: header timeouts, caps per address and in all, and
near the descriptor limit new connections are refused quietly, while the teacher and pupils still get in.
"""

from __future__ import annotations

import asyncio
import errno
import resource
import select
import socket
import time

import httpx
import websockets

from toolkit.live.connection import ConnectionLimits
from toolkit.live.gate import ConnectionGate
from toolkit.live.network import descriptor_budget
from toolkit.live.server import QuietLoopErrors

from .conftest import CATALOGUE, QUIZ_LESSONS
from .helpers import FakeClock, next_of, running, send, served, stop

SERVER = ("127.0.0.1", 8765)


class Transport:
    def __init__(self):
        self.aborted = False

    def abort(self):
        self.aborted = True


def opened(gate, host, port, server=SERVER):
    transport = Transport()
    return transport, gate.opened(transport, (host, port), server)


def test_at_an_address_s_cap_the_longest_waiting_connection_makes_room():
    clock = FakeClock()
    gate = ConnectionGate(ConnectionLimits(max_connections_per_address=3), budget=100, clock=clock)
    quiet, _ = opened(gate, "10.0.0.2", 1)
    clock.advance(1)
    busy, _ = opened(gate, "10.0.0.2", 2)
    gate.busy(busy)
    pupil, _ = opened(gate, "10.0.0.2", 3)
    gate.upgraded(pupil)
    gate.settled(("10.0.0.2", 3))
    newcomer, admitted = opened(gate, "10.0.0.2", 4)
    assert admitted and quiet.aborted and not busy.aborted and not pupil.aborted
    gate.busy(newcomer)
    late, admitted = opened(gate, "10.0.0.2", 5)  # every connection is doing real work: refused
    assert not admitted and not late.aborted  # the caller closes it; it was never counted
    assert gate.counted["10.0.0.2"] == 3
    assert opened(gate, "10.0.0.3", 1)[1]  # other addresses are not affected
    assert "more than 3 at once from one address" in gate.report()


def test_an_unjoined_websocket_makes_room_after_connections_with_no_request():
    gate = ConnectionGate(ConnectionLimits(max_connections_per_address=2), budget=100, clock=FakeClock())
    socket_, _ = opened(gate, "10.0.0.2", 1)
    gate.upgraded(socket_)
    waiting, _ = opened(gate, "10.0.0.2", 2)
    third, admitted = opened(gate, "10.0.0.2", 3)
    assert admitted and waiting.aborted and not socket_.aborted
    gate.busy(third)
    assert opened(gate, "10.0.0.2", 4)[1] and socket_.aborted and not third.aborted


def test_this_computer_is_never_capped_per_address_and_keeps_a_reserve():
    clock = FakeClock()
    gate = ConnectionGate(ConnectionLimits(max_connections_per_address=2, reserved_for_this_computer=4),
                          budget=20, clock=clock)
    assert gate.reserve == 4
    pupils = [opened(gate, f"10.0.0.{n}", n) for n in range(2, 18)]
    for transport, admitted in pupils:
        assert admitted
        gate.busy(transport)
    assert not opened(gate, "10.0.0.40", 1)[1]  # everyone else's share (16) is taken
    teacher = [opened(gate, "127.0.0.1", 5000 + n) for n in range(4)]
    assert all(admitted for _, admitted in teacher)  # from the reserve, and more than 2 from one address
    teacher_ws, _ = teacher[0]
    gate.upgraded(teacher_ws)
    gate.settled(("127.0.0.1", 5000), exempt=True)
    gate.closed(teacher[1][0])
    lan_teacher, admitted = opened(gate, "192.168.1.20", 9, server=("192.168.1.20", 8765))
    assert admitted and gate.local == 4  # the laptop's own network address is this computer too
    assert not any(t.aborted for t, _ in teacher)


def test_slow_senders_are_closed_after_the_header_timeout_and_reported_once():
    clock = FakeClock()
    gate = ConnectionGate(ConnectionLimits(header_timeout=10, request_timeout=30), budget=100, clock=clock)
    slow = [opened(gate, "10.0.0.2", n)[0] for n in range(50)]
    busy, _ = opened(gate, "10.0.0.3", 1)
    gate.busy(busy)
    ws, _ = opened(gate, "10.0.0.3", 2)
    gate.upgraded(ws)
    clock.advance(9.9)
    gate.sweep()
    assert not any(t.aborted for t in slow)
    clock.advance(0.1)
    gate.sweep()
    assert all(t.aborted for t in slow) and not busy.aborted and gate.total == 2
    clock.advance(20)
    gate.sweep()
    assert busy.aborted and not ws.aborted  # websockets are the hub's to time out
    assert gate.report() == "To keep the quiz open for everyone: 51 connections closed: too slow to send a request."
    assert gate.report() is None
    gate.closed(ws)
    assert gate.total == 0 and not gate.per_address and not gate.counted


def test_running_out_of_files_is_counted_not_printed(capsys):
    gate = ConnectionGate(ConnectionLimits(), budget=100)
    handler = QuietLoopErrors(gate)
    loop = asyncio.new_event_loop()
    try:
        for _ in range(5000):
            handler(loop, {"message": "socket.accept() out of system resource",
                           "exception": OSError(errno.EMFILE, "Too many open files")})
        for _ in range(3):
            handler(loop, {"message": "something unexpected", "exception": ValueError("odd")})
    finally:
        loop.close()
    err = capsys.readouterr().err
    assert "Too many open files" not in err and err.count("something unexpected") <= 1
    assert "5,000 connections not accepted: the process is at its limit of open files" in gate.report()


def test_the_soft_descriptor_limit_is_raised_where_allowed():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
        budget = descriptor_budget(2000)
        raised = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if hard == resource.RLIM_INFINITY or hard >= 2100:
            assert raised >= 2000 and budget == 2000
        else:
            assert raised == hard and 0 < budget < hard
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def slow_sockets(count: int, port: int, first_address: int = 2, per_address: int = 30):
    """Connections that send half a request and then nothing (slowloris), from several devices."""
    sockets = []
    for n in range(count):
        s = socket.socket()
        s.bind((f"127.0.0.{first_address + n // per_address}", 0))
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", port))
        sockets.append(s)
    time.sleep(0.2)
    for s in sockets:
        try:
            s.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        except OSError:
            pass
    return sockets


def closed_by_server(sockets, wait: float) -> int:
    deadline = time.monotonic() + wait
    closed = set()
    while time.monotonic() < deadline and len(closed) < len(sockets):
        readable, _, _ = select.select([s for s in sockets if s not in closed], [], [], 0.2)
        for s in readable:
            try:
                if s.recv(1024) == b"":
                    closed.add(s)
            except OSError:
                closed.add(s)
    return len(closed)


def test_half_open_requests_are_closed_and_a_page_from_the_same_address_still_loads(quiz_lesson):
    limits = ConnectionLimits(header_timeout=1, max_connections_per_address=20)
    with running(quiz_lesson, limits=limits) as live:
        slow = slow_sockets(20, live.port, first_address=2, per_address=20)
        try:
            same_address = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=10)
            assert same_address.get(f"http://127.0.0.1:{live.port}/").status_code == 200  # made room
            assert closed_by_server(slow, wait=5) == 20  # the rest timed out
            assert live.gate.total <= 1
        finally:
            for s in slow:
                s.close()


def test_a_body_trickled_after_the_answer_does_not_hold_a_place(quiz_lesson):
    limits = ConnectionLimits(header_timeout=2, max_connections_per_address=5)
    with running(quiz_lesson, limits=limits) as live:
        trickling = []
        for _ in range(5):
            s = socket.create_connection(("127.0.0.1", live.port), source_address=("127.0.0.2", 0))
            s.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx")
            assert s.recv(1024).startswith(b"HTTP/1.1 405")  # answered at once; the body keeps coming
            trickling.append(s)
        try:
            for _ in range(3):
                for s in trickling:
                    try:
                        s.send(b"x")
                    except OSError:
                        pass
                time.sleep(0.3)
            same_address = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=10)
            assert same_address.get(f"http://127.0.0.1:{live.port}/").status_code == 200  # one made room
            assert closed_by_server(trickling, wait=6) == 5  # the rest: too slow, though never silent
        finally:
            for s in trickling:
                s.close()


def test_near_the_descriptor_limit_the_teacher_and_pupils_still_get_in_and_nothing_floods_the_terminal(tmp_path):
    """The real command with 64 open files allowed, under 300 half-open connections from ten devices."""

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))

    slow = []
    try:
        with served(["live-quiz", "--audience", "ks3", "--lessons", str(QUIZ_LESSONS), "--catalogue", str(CATALOGUE),
                     "--port", "0"], tmp_path, preexec_fn=low_limit) as (process, banner):
            slow = slow_sockets(300, banner["port"], first_address=2, per_address=30)
            base = f"http://127.0.0.1:{banner['port']}"
            with httpx.Client(timeout=15) as teacher_browser:
                assert teacher_browser.get(base + "/teacher").status_code == 200

            async def teacher_and_pupil():
                teacher = await websockets.connect(f"ws://127.0.0.1:{banner['port']}/ws/teacher", open_timeout=15)
                await send(teacher, {"type": "hello", "token": banner["token"]})
                await next_of(teacher, "teacher-welcome", timeout=15)
                pupil = await websockets.connect(f"ws://127.0.0.1:{banner['port']}/ws", open_timeout=15,
                                                 local_addr=("127.0.0.40", 0))
                await send(pupil, {"type": "join", "code": banner["code"], "pupil": None})
                await next_of(pupil, "welcome", timeout=15)
                for socket_ in (teacher, pupil):
                    await socket_.close()

            asyncio.run(asyncio.wait_for(teacher_and_pupil(), 60))
            slow += slow_sockets(300, banner["port"], first_address=12, per_address=30)  # a second wave
            time.sleep(3)
            with httpx.Client(timeout=15, transport=httpx.HTTPTransport(local_address="127.0.0.41")) as pupil_page:
                assert pupil_page.get(base + "/").status_code == 200
            assert process.poll() is None  # still serving
            out, err = stop(process)
    finally:
        for s in slow:
            s.close()
    assert "Traceback" not in err and len(err) < 4000, err[:2000]
    assert "To keep the quiz open for everyone: " in err
    assert process.returncode == 0 and "Quiz stopped." in out


def test_a_flood_of_bad_requests_prints_each_warning_once_then_a_summary(tmp_path):
    bad = [b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: h2c\r\nConnection: upgrade\r\n\r\n"]
    with served(["live-quiz", "--audience", "ks3", "--lessons", str(QUIZ_LESSONS), "--catalogue", str(CATALOGUE),
                 "--port", "0"], tmp_path) as (process, banner):
        for payload in bad * 100:
            with socket.create_connection(("127.0.0.1", banner["port"]), timeout=10) as s:
                s.sendall(payload)
                s.recv(1024)
        time.sleep(1.5)  # the summary is printed within a second
        out, err = stop(process)
    assert err.count("Invalid HTTP request received") == 2 and err.count("Unsupported upgrade request") == 2
    assert ("To keep the quiz open for everyone: 99 more warnings like 'Invalid HTTP request received'; "
            "99 more warnings like 'Unsupported upgrade request'.") in err
    assert len(err.splitlines()) == 3
