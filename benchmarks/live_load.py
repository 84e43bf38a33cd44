#!/usr/bin/env python3
"""Load test for the live quiz, on loopback only: N simulated pupils join and answer each question.

For each N in a ladder it starts `lessonkit quiz serve` afresh, joins N pupils over websockets (from
several 127.0.0.x addresses, as a class's devices would be), then for each question: the teacher
moves on (time until every pupil has the question = delivery), each pupil answers at a random moment
within --spread seconds (time from answer to acknowledgement), and the teacher reveals. It prints
p50/p99 answer->ack, the slowest delivery, the server's memory, and the largest N meeting the target
(p99 < 100 ms and delivery < 250 ms). The pupils run in this one Python process, on the same cores as
the server, so the figures are pessimistic.

Usage:
    python benchmarks/live_load.py                       # ladder 100, 250, 500, 1000, 1500, 2000
    python benchmarks/live_load.py --ladder 1000 --questions 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import websockets

ROOT = Path(__file__).resolve().parent.parent
PUPILS_PER_ADDRESS = 50  # under the server's per-address limits, like one class behind one router
TARGET_P99_MS, TARGET_DELIVERY_MS = 100.0, 250.0
HEAD = re.compile(r'\{"type":"(?P<type>\w+)",(?:"phase":"(?P<phase>\w+)","total":\d+,"question":\{"number":(?P<number>\d+)'
                  r'|"question":(?P<answered>\d+))?')


def start_server(args, pupils: int):
    command = [sys.executable, "-m", "toolkit", "quiz", "serve", args.lesson, "--audience", args.audience,
               "--lessons", str(args.lessons), "--host", "127.0.0.1", "--port", "0", "--max-pupils", str(pupils)]
    if args.catalogue:
        command += ["--catalogue", str(args.catalogue)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    banner = ""
    while "Press Ctrl+C" not in banner:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("the quiz server did not start:\n" + banner + process.stderr.read())
        banner += line
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/teacher", banner).group(1))
    token = re.search(r"#token=([\w-]+)", banner).group(1)
    code = re.search(r"Join code: (\d{3}) (\d{3})", banner)
    questions = int(re.search(r", (\d+) questions?\.", banner).group(1))
    return process, port, token, code.group(1) + code.group(2), questions


def memory_kib(pid: int) -> Dict[str, Optional[int]]:
    """Resident memory now and at its peak, from /proc (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {"rss": None, "peak": None}
    found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
    return {"rss": int(found.get("VmRSS", 0)), "peak": int(found.get("VmHWM", 0))}


class Pupil:
    def __init__(self, socket):
        self.socket = socket
        self.seen: Dict[int, float] = {}  # question number -> when it arrived
        self.revealed: Dict[int, float] = {}
        self.acked: Dict[int, float] = {}
        self.arrived = asyncio.Event()
        self.reader = asyncio.get_running_loop().create_task(self.read())

    async def read(self) -> None:
        async for text in self.socket:
            now = time.perf_counter()
            # A regex on the start of the message, not a full JSON parse: 2,000 simulated pupils share
            # one process, and their parsing would otherwise be counted as the server's delay.
            found = HEAD.match(text)
            if found and found.group("number"):
                table = self.seen if found.group("phase") == "question" else self.revealed
                table.setdefault(int(found.group("number")), now)
            elif found and found.group("type") == "answer":
                self.acked.setdefault(int(found.group("answered")), now)
            self.arrived.set()


async def join_pupils(port: int, code: str, count: int) -> List[Pupil]:
    async def one(index: int) -> Pupil:
        address = f"127.0.0.{2 + index // PUPILS_PER_ADDRESS}"
        socket = await websockets.connect(f"ws://127.0.0.1:{port}/ws", local_addr=(address, 0), max_queue=None,
                                          open_timeout=30, ping_interval=None)
        await socket.send(json.dumps({"type": "join", "code": code, "pupil": None}))
        return Pupil(socket)

    pupils: List[Pupil] = []
    for start in range(0, count, 100):  # in waves, as a class arrives
        pupils += await asyncio.gather(*(one(i) for i in range(start, min(count, start + 100))))
    return pupils


async def until(check, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError
        await asyncio.sleep(0.002)


class Teacher:
    def __init__(self, socket):
        self.socket = socket
        self.state: dict = {}
        self.changed = asyncio.Event()
        self.reader = asyncio.get_running_loop().create_task(self.read())

    async def read(self) -> None:
        async for text in self.socket:
            message = json.loads(text)
            if message["type"] == "teacher-state":
                self.state = message
                self.changed.set()

    async def command(self, action: str, phases) -> dict:
        """Send a command; the state once the quiz is in one of `phases`."""
        before = self.state.get("question", {}).get("number"), self.state.get("phase")
        await self.socket.send(json.dumps({"type": "command", "action": action}))
        while True:
            self.changed.clear()
            now = self.state.get("question", {}).get("number"), self.state.get("phase")
            if now != before and now[1] in phases:
                return self.state
            await asyncio.wait_for(self.changed.wait(), 60)


async def run_class(args, port: int, token: str, code: str, count: int, pid: int) -> dict:
    socket = await websockets.connect(f"ws://127.0.0.1:{port}/ws/teacher", max_queue=None, ping_interval=None)
    await socket.send(json.dumps({"type": "hello", "token": token}))
    teacher = Teacher(socket)
    started = time.perf_counter()
    pupils = await join_pupils(port, code, count)
    await until(lambda: all(p.arrived.is_set() for p in pupils), 60)
    join_seconds = time.perf_counter() - started
    latencies: List[float] = []
    deliveries: List[float] = []
    reveals: List[float] = []
    for _ in range(args.questions):
        sent = time.perf_counter()
        state = await teacher.command("next", ("question", "break", "ended"))
        if state["phase"] == "break":  # between the starter and exit quizzes
            sent = time.perf_counter()
            state = await teacher.command("next", ("question", "ended"))
        if state["phase"] == "ended":
            break
        number = state["question"]["number"]
        await until(lambda: all(number in p.seen for p in pupils), 60)
        deliveries.append(max(p.seen[number] for p in pupils) - sent)
        answers = [asyncio.get_running_loop().create_task(_answer(p, number, args.spread)) for p in pupils]
        latencies += await asyncio.wait_for(asyncio.gather(*answers), 60 + args.spread)
        sent = time.perf_counter()
        await teacher.command("reveal", ("revealed",))
        await until(lambda: all(number in p.revealed for p in pupils), 60)
        reveals.append(max(p.revealed[number] for p in pupils) - sent)
    memory = memory_kib(pid)
    for pupil in pupils:
        pupil.reader.cancel()
        await pupil.socket.close()
    teacher.reader.cancel()
    await socket.close()
    latencies.sort()
    return {
        "pupils": count, "questions": len(deliveries), "join_s": join_seconds,
        "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
        "delivery_ms": 1000 * max(deliveries), "reveal_ms": 1000 * max(reveals), **memory,
    }


async def _answer(pupil: Pupil, number: int, spread: float) -> float:
    await asyncio.sleep(random.uniform(0, spread))
    sent = time.perf_counter()
    await pupil.socket.send(json.dumps({"type": "answer", "question": number, "choice": [0]}))
    while number not in pupil.acked:
        pupil.arrived.clear()
        await asyncio.wait_for(pupil.arrived.wait(), 30)
    return pupil.acked[number] - sent


def _raise_open_files_limit() -> None:
    """Each pupil is a socket here and one in the server (which inherits this limit)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def meets_target(result: dict) -> bool:
    return result["p99_ms"] < TARGET_P99_MS and result["delivery_ms"] < TARGET_DELIVERY_MS


def show(result: dict) -> str:
    mib = lambda kib: f"{kib / 1024:.0f} MiB" if kib else "n/a"  # noqa: E731
    return (f"{result['pupils']:>6} {result['questions']:>3} {result['join_s']:>7.1f}s {result['p50_ms']:>7.1f} "
            f"{result['p99_ms']:>7.1f} {result['delivery_ms']:>9.1f} {result['reveal_ms']:>8.1f} "
            f"{mib(result['rss']):>8} {mib(result['peak']):>8}  {'yes' if meets_target(result) else 'no'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ladder", default="100,250,500,1000,1500,2000", help="class sizes to try, in order")
    parser.add_argument("--questions", type=int, default=5, help="questions to play at each size")
    parser.add_argument("--spread", type=float, default=5.0, help="pupils answer at random within this many seconds")
    parser.add_argument("--lesson", default="online-blackmail")
    parser.add_argument("--audience", default="ks3")
    parser.add_argument("--lessons", type=Path, default=ROOT / "lessons")
    parser.add_argument("--catalogue", type=Path)
    parser.add_argument("--budget", type=float, default=900, help="stop starting new sizes after this many seconds")
    args = parser.parse_args()
    _raise_open_files_limit()
    ladder = [int(n) for n in args.ladder.split(",")]
    if max(ladder) > 250 * PUPILS_PER_ADDRESS:
        raise SystemExit("at most 12,500 pupils (the loopback addresses used run out)")
    print(f"Live quiz load test on loopback: {os.cpu_count()} CPU cores, {args.questions} questions per size, "
          f"answers spread over {args.spread:g} s, lesson {args.lesson}/{args.audience}")
    if hasattr(os, "getloadavg"):  # other work on the machine shows up as outliers in the figures
        print("Load average before starting: " + " ".join(f"{n:.2f}" for n in os.getloadavg()))
    print(" pupils  qs    join   p50 ms  p99 ms  deliv. ms  reveal ms      RSS     peak  target")
    began, best, largest, failed = time.perf_counter(), 0, 0, False
    for count in ladder:
        if time.perf_counter() - began > args.budget:
            print(f"(time budget of {args.budget:g} s used: stopping before {count})")
            break
        process, port, token, code, _ = start_server(args, count)
        try:
            result = asyncio.run(run_class(args, port, token, code, count, process.pid))
        except (TimeoutError, asyncio.TimeoutError, OSError, websockets.WebSocketException) as problem:
            print(f"{count:>7}  did not complete: {type(problem).__name__} {problem}")
            break
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        print(show(result), flush=True)
        if meets_target(result):
            largest = max(largest, count)
            best = count if not failed else best
        failed = failed or not meets_target(result)
    print(f"Target: p99 answer->ack < {TARGET_P99_MS:g} ms and delivery to all < {TARGET_DELIVERY_MS:g} ms.")
    sustained = f"every size up to {best} met it" if best else "the first size tried did not meet it"
    print(f"Largest class meeting the target: {largest or 'none'}; {sustained}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
