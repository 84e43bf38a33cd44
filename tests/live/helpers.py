"""Helpers for the live-quiz tests: a clock tests control, and real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator, List, Tuple

from toolkit.adapt import AdaptedLesson
from toolkit.live.server import LiveQuiz, prepare, uvicorn_server


class FakeClock:
    """Time that only moves when a test says so, so no test depends on how fast the machine is."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@contextlib.contextmanager
def running(lesson: AdaptedLesson, **options) -> Iterator[LiveQuiz]:
    """A real Uvicorn server on 127.0.0.1 and a free port, stopped when the block ends."""
    live = prepare(lesson, "127.0.0.1", 0, **options)
    server = uvicorn_server(live)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [live.listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the quiz server did not start")
        time.sleep(0.02)
    try:
        yield live
    finally:
        server.should_exit = True
        thread.join(15)


def base_url(live: LiveQuiz) -> str:
    return f"http://127.0.0.1:{live.port}"


def ws_url(live: LiveQuiz, path: str = "/ws") -> str:
    return f"ws://127.0.0.1:{live.port}{path}"


async def next_of(socket, kind: str, timeout: float = 10) -> dict:
    """The next message of this type (skipping others), or fail after `timeout` seconds."""

    async def wait() -> dict:
        while True:
            message = json.loads(await socket.recv())
            if message.get("type") == kind:
                return message

    return await asyncio.wait_for(wait(), timeout)


async def until(socket, test, timeout: float = 10) -> dict:
    """The first message for which `test(message)` is true, or fail after `timeout` seconds."""

    async def wait() -> dict:
        while True:
            message = json.loads(await socket.recv())
            if test(message):
                return message

    return await asyncio.wait_for(wait(), timeout)


async def send(socket, message) -> None:
    await socket.send(message if isinstance(message, (str, bytes)) else json.dumps(message))


async def join_as_teacher(live: LiveQuiz, **connect):
    import websockets

    socket = await websockets.connect(ws_url(live, "/ws/teacher"), **connect)
    await send(socket, {"type": "hello", "token": live.keys.teacher_token})
    await next_of(socket, "teacher-welcome")
    await next_of(socket, "teacher-state")
    return socket


async def join_as_pupil(live: LiveQuiz, pupil=None, **connect):
    """A pupil's socket, their id and the state they were sent on joining."""
    import websockets

    socket = await websockets.connect(ws_url(live), **connect)
    await send(socket, {"type": "join", "code": live.keys.join_code, "pupil": pupil})
    welcome = await next_of(socket, "welcome")
    state = await next_of(socket, "state")
    return socket, welcome["pupil"], state


async def command(teacher, action: str, phase: str) -> dict:
    """Tell the quiz to move on and wait until the teacher's screen shows `phase`."""
    await send(teacher, {"type": "command", "action": action})
    return await until(teacher, lambda m: m.get("type") == "teacher-state" and m["phase"] == phase)


@contextlib.contextmanager
def served(arguments: List[str], cwd: Path, **popen) -> Iterator[Tuple[subprocess.Popen, dict]]:
    """`lessonkit quiz serve ARGUMENTS` as a teacher runs it: the process and what its links say."""
    process = subprocess.Popen([sys.executable, "-m", "toolkit", "quiz", "serve", *arguments], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    try:
        yield process, read_banner(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def stop(process: subprocess.Popen) -> Tuple[str, str]:
    """Ctrl+C, as the teacher stops it; what it printed after its links (stdout, stderr)."""
    process.send_signal(signal.SIGINT)
    return process.communicate(timeout=30)


def read_banner(process: subprocess.Popen) -> dict:
    lines: List[str] = []
    while not lines or not lines[-1].startswith("Press Ctrl+C"):
        line = process.stdout.readline()
        assert line, "the server stopped early:\n" + "".join(lines) + process.stderr.read()
        lines.append(line)
    text = "".join(lines)
    return {
        "text": text,
        "teacher": re.search(r"(http://127\.0\.0\.1:(\d+)/teacher#token=[\w-]+)", text).group(1),
        "port": int(re.search(r"http://127\.0\.0\.1:(\d+)/teacher", text).group(1)),
        "code": re.search(r"Join code: (\d{3}) (\d{3})", text).group(0)[-7:].replace(" ", ""),
        "token": re.search(r"#token=([\w-]+)", text).group(1),
    }
