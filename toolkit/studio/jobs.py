"""Work that outlives a request: a build (with progress for the page) and the live quiz."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import List, Optional

from ..adapt import AdaptedLesson
from ..build import BuildRequest, BuildResult, build
from ..errors import ContentErrors, Finding, LessonkitError
from ..wording import _


@dataclass
class BuildJob:
    """One build: how far it has got, and how it ended."""

    request: BuildRequest
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    done: int = 0
    total: int = 0
    step: str = ""
    state: str = "running"  # "running", "done" or "failed"
    findings: List[Finding] = field(default_factory=list)
    problem: str = ""
    result: Optional[BuildResult] = None
    changed: float = field(default_factory=time.monotonic)

    def progress(self, done: int, total: int, step: str) -> None:
        self.done, self.total, self.step, self.changed = done, total, step, time.monotonic()

    def run(self) -> None:
        try:
            self.result = build(self.request, progress=self.progress, notice=lambda text: None)
            self.state = "done"
        except ContentErrors as problems:
            self.findings, self.problem, self.state = problems.findings, problems.format_message(), "failed"
        except LessonkitError as problem:
            self.problem, self.state = problem.format_message(), "failed"
        except OSError as problem:
            self.problem, self.state = f"{problem.filename or _('a file')}: {problem.strerror or problem}", "failed"
        except Exception as problem:  # a bug: said plainly, the previous pack is unchanged
            self.problem, self.state = _("lessonkit failed unexpectedly ({name}: {exc})", name=type(problem).__name__, exc=problem), "failed"
        self.changed = time.monotonic()

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class Builds:
    """One build at a time (a second waits for the first); the latest jobs are kept for their pages."""

    def __init__(self) -> None:
        self.jobs: dict = {}
        self.lock = threading.Lock()

    def start(self, request: BuildRequest) -> BuildJob:
        job = BuildJob(request)
        self.jobs = {k: v for k, v in list(self.jobs.items())[-9:]}
        self.jobs[job.id] = job

        def run() -> None:
            with self.lock:
                job.run()

        threading.Thread(target=run, name=f"studio-build-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> Optional[BuildJob]:
        return self.jobs.get(job_id)


@dataclass
class RunningQuiz:
    lesson_id: str
    audience_id: str
    title: str
    audience_name: str
    teacher_url: str
    join_urls: List[str]
    server: object
    thread: threading.Thread
    network: bool = False


class Quizzes:
    """The live quiz, started from the studio on a free port: this computer only unless the teacher ticks the network."""

    def __init__(self) -> None:
        self.current: Optional[RunningQuiz] = None
        self.lock = threading.Lock()

    def start(self, lesson_id: str, audience_id: str, adapted: AdaptedLesson, network: bool = False) -> RunningQuiz:
        """`network`: listen on every address (as `lessonkit quiz serve --host 0.0.0.0`) so pupils can join."""
        from ..live.server import prepare, uvicorn_server

        with self.lock:
            self._stop()
            live = prepare(adapted, "0.0.0.0" if network else "127.0.0.1", 0)
            server = uvicorn_server(live)
            thread = threading.Thread(target=server.run, kwargs={"sockets": [live.listener]},
                                      name="studio-quiz", daemon=True)
            thread.start()
            deadline = time.monotonic() + 10
            while not server.started and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.02)
            self.current = RunningQuiz(lesson_id, audience_id, adapted.title, adapted.audience_name,
                                       live.teacher_url, live.join_urls, server, thread, network)
            return self.current

    def stop(self) -> None:
        with self.lock:
            self._stop()

    def _stop(self) -> None:
        if self.current is not None:
            self.current.server.should_exit = True  # type: ignore[attr-defined]
            self.current.thread.join(timeout=5)
            self.current = None
