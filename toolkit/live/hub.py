"""The running quiz: pupils' and teachers' connections, what each may do, and who hears about it.

Every change to the quiz happens here, between awaits on one event loop, so the session is always
consistent. One connection's bad messages, floods or disconnects only ever affect that connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Set

from ..wording import _
from .access import CodeChecks, Keys, normalise_code, same_secret
from .content import language_choices
from .connection import Connection, ConnectionLimits, Disconnected
from .protocol import Answer, BadMessage, Command, Hello, Join, Language, encode, error, pupil_message, teacher_message
from .session import ENDED, QUESTION, REVEALED, QuizRefused, QuizSession

log = logging.getLogger("lessonkit.live")

SaveResults = Callable[[QuizSession], None]


@dataclass(frozen=True)
class JoinInfo:
    """What the teacher's screen shows so pupils can join."""

    urls: List[str]  # e.g. ["http://192.168.1.20:8765/"]
    qr_svg: str  # for the first address, with the code in it
    reach_problem: str  # why pupils could not reach the quiz, or ""
    export_name: str = ""  # where --export saves the results, shown to the teacher


class Hub:
    def __init__(self, session: QuizSession, keys: Keys, join: JoinInfo, limits: ConnectionLimits = ConnectionLimits(),
                 save_results: Optional[SaveResults] = None, clock: Callable[[], float] = time.monotonic):
        self.session, self.keys, self.join, self.limits = session, keys, join, limits
        self.save_results, self.clock = save_results, clock
        self.code_checks = CodeChecks(clock)  # pupils' join codes only: the teacher's secret is checked apart
        self.pupils: Dict[str, List[Connection]] = {}  # pupil id -> their open connections, oldest first
        self.teachers: Set[Connection] = set()
        self.on_settled: Callable[[object, bool], None] = lambda peer, exempt: None
        """Told when a connection has joined (a pupil) or shown the secret (a teacher: `exempt` from the caps)."""
        self.save_problem = ""
        self.saved = False
        self._teacher_update: Optional[asyncio.TimerHandle] = None
        self._time_up: Optional[asyncio.TimerHandle] = None

    # -- pupils --------------------------------------------------------------------------------

    async def run_pupil(self, websocket, address: str) -> None:
        connection = Connection(websocket, address, self.limits, self.clock)
        pupil_id = None
        try:
            await websocket.accept()
            pupil_id = await self._pupil_joins(connection)
            if pupil_id is None:
                return
            self._hold(connection, pupil_id)
            self.on_settled(websocket.client, False)
            self._welcome_pupil(connection, pupil_id)
            self._teacher_changed()
            while connection.open:
                raw = await connection.receive()
                with self.session.speaking(connection.language):  # this pupil's errors in their language
                    if connection.within_rate():
                        self._pupil_says(connection, pupil_id, raw)
        except Disconnected:
            pass
        finally:
            self._forget(connection, pupil_id)
            await connection.finish()

    async def _pupil_joins(self, connection: Connection) -> Optional[str]:
        """Wait for a join with the right code, or an id this quiz gave out; wrong codes are answered."""
        give_up = self.clock() + self.limits.join_timeout
        while connection.open:
            message = await self._next_join(connection, max(0.1, give_up - self.clock()))
            if message is None:
                continue
            connection.language = self.session.spoken(message.language, connection.language)
            if self.session.knows(message.pupil):  # an id this quiz gave out is proof enough: no code to check
                return self._place(connection, message.pupil)
            message = await self._code_turn(connection, message)
            connection.language = self.session.spoken(message.language, connection.language)
            right = same_secret(normalise_code(message.code), self.keys.join_code)
            self.code_checks.checked(connection.address, right)
            if right:
                return self._place(connection, message.pupil)
            connection.misses += 1
            with self.session.speaking(connection.language):
                connection.post(error("wrong-code", _("That code is not right. Check the code on the board and try again."),
                                      retry_after=0))
        return None

    async def _next_join(self, connection: Connection, timeout: Optional[float]) -> Optional[Join]:
        """The next join message; anything else is answered with an error and gives None."""
        raw = await connection.receive(timeout=timeout)
        with self.session.speaking(connection.language):
            if not connection.within_rate():
                return None
            try:
                message = pupil_message(raw)
            except BadMessage as problem:
                connection.post(error("bad-message", str(problem)))
                return None
            if isinstance(message, Language):  # chosen on the join screen: the next join says so too
                connection.language = self.session.spoken(message.language, connection.language)
                return None
            if not isinstance(message, Join):
                connection.post(error("not-joined", _("Enter the code first.")))
                return None
        return message

    async def _code_turn(self, connection: Connection, message: Join) -> Join:
        """Wait for this address's turn to have a code checked; a join sent meanwhile replaces the one waiting."""
        turn = asyncio.ensure_future(self.code_checks.turn(connection.address, connection.misses))
        try:
            await asyncio.wait({turn}, timeout=0)
            if not turn.done():
                ahead = self.code_checks.queued(connection.address)
                with self.session.speaking(connection.language):
                    connection.post(error(
                        "queued", _("Many wrong codes have come from your network, so codes are checked one at a time. "
                                    "Please wait: yours is in the queue."), queued=ahead))
            while not turn.done():
                reader = asyncio.ensure_future(self._next_join(connection, None))
                await asyncio.wait({turn, reader}, return_when=asyncio.FIRST_COMPLETED)
                if not reader.done():
                    reader.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await reader
                    continue
                newer = reader.result()  # raises Disconnected when the page has gone
                if newer is not None:
                    message = newer
            return message
        finally:
            turn.cancel()

    def _place(self, connection: Connection, pupil_id: Optional[str]) -> Optional[str]:
        """A place in the quiz for this connection, or None (and the connection closing) when it is full."""
        try:
            with self.session.speaking(connection.language):
                return self.session.join(pupil_id)
        except QuizRefused as refused:
            connection.post(error(refused.code, refused.message))
            connection.close_soon(1013, "quiz full")
            return None

    def _hold(self, connection: Connection, pupil_id: str) -> None:
        """Add a joined connection; one pupil id may hold only a few, so the oldest makes way."""
        own = self.pupils.setdefault(pupil_id, [])
        own.append(connection)
        for oldest in own[:max(0, len(own) - self.limits.connections_per_pupil)]:
            with self.session.speaking(oldest.language):
                oldest.post(error("elsewhere", _("This quiz is open in another tab or window, so it has stopped here.")))
            oldest.close_soon(4001, "open elsewhere")

    def _welcome_pupil(self, connection: Connection, pupil_id: str, with_answer: bool = True) -> None:
        """What a pupil's page needs, in their language: on joining, and again (without the answer the page
        already has) when they choose another."""
        session = self.session
        words = session.words[session.spoken(connection.language)]
        connection.post(encode({
            "type": "welcome", "pupil": pupil_id, "title": words["title"], "audience": words["audience"],
            "help": words["help"], "timer": session.settings.timer_seconds, "pupils": session.is_pupils,
            "language": session.spoken(connection.language),
        }))
        connection.post(encode(session.pupil_state(connection.language)))
        mine = session.answer_of(pupil_id) if with_answer else None
        if mine:
            connection.post(encode({"type": "answer", "question": mine[0], "choice": list(mine[1])}))

    def _pupil_says(self, connection: Connection, pupil_id: str, raw) -> None:
        try:
            message = pupil_message(raw)
        except BadMessage as problem:
            connection.post(error("bad-message", str(problem)))
            return
        if isinstance(message, Join):
            connection.post(error("joined", _("You have already joined.")))
            return
        if isinstance(message, Language):  # one the quiz does not offer is ignored: the page carries on as it was
            chosen = self.session.spoken(message.language, connection.language)
            if message.language == chosen:
                connection.language = chosen
                self._welcome_pupil(connection, pupil_id, with_answer=False)  # the same place and answers, in other words
            return
        assert isinstance(message, Answer)
        try:
            stored = self.session.answer(pupil_id, message.question, message.choice)
        except QuizRefused as refused:
            connection.post(error(refused.code, refused.message))
            return
        ack = encode({"type": "answer", "question": message.question, "choice": list(stored)})
        for own in self.pupils.get(pupil_id, ()):  # the same pupil in another tab sees it too
            own.post(ack)
        self._teacher_changed()

    def _forget(self, connection: Connection, pupil_id: Optional[str]) -> None:
        self.teachers.discard(connection)
        own = self.pupils.get(pupil_id) if pupil_id is not None else None
        if own is not None and connection in own:
            own.remove(connection)
            if not own:
                del self.pupils[pupil_id]
            self.session.leave(pupil_id)
            self._teacher_changed()
            # the place is kept for a while; the teacher's count follows when it is given up
            asyncio.get_running_loop().call_later(self.session.settings.rejoin_grace + 0.1, self._teacher_changed)

    # -- teachers ------------------------------------------------------------------------------

    async def run_teacher(self, websocket, address: str) -> None:
        connection = Connection(websocket, address, self.limits, self.clock)
        try:
            await websocket.accept()
            if not await self._teacher_says_hello(connection):
                return
            self.on_settled(websocket.client, True)
            self.teachers.add(connection)
            connection.post(encode(self._teacher_welcome()))
            connection.post(encode(self._teacher_state()))
            while connection.open:
                raw = await connection.receive()
                if connection.within_rate():
                    self._teacher_commands(connection, raw)
        except Disconnected:
            pass
        finally:
            self._forget(connection, None)
            await connection.finish()

    async def _teacher_says_hello(self, connection: Connection) -> bool:
        """The teacher's secret, checked on its own: pupils' wrong codes never hold up the teacher."""
        raw = await connection.receive(timeout=self.limits.join_timeout)
        try:
            message = teacher_message(raw)
        except BadMessage:
            message = None
        if isinstance(message, Hello) and same_secret(message.token, self.keys.teacher_token):
            return True
        await asyncio.sleep(self.limits.teacher_refusal_delay)  # a 32-character secret; guesses are slowed too
        connection.post(error("unauthorised", _("This page needs the teacher link printed when the quiz started.")))
        connection.close_soon(1008, "teacher link needed")
        return False

    def _teacher_welcome(self) -> Dict:
        session = self.session
        return {
            "type": "teacher-welcome", "title": session.title, "audience": session.audience_name,
            "code": self.keys.join_code, "join_urls": self.join.urls, "qr_svg": self.join.qr_svg,
            "reach_problem": self.join.reach_problem, "help": session.help, "timer": session.settings.timer_seconds,
            "export": self.join.export_name, "pupils": session.is_pupils,
            "languages": language_choices(session.languages) if len(session.languages) > 1 else [],
        }

    def _teacher_state(self) -> Dict:
        state = self.session.teacher_state()
        if self.save_problem:
            state["save_problem"] = self.save_problem
        return state

    def _teacher_commands(self, connection: Connection, raw) -> None:
        try:
            message = teacher_message(raw)
        except BadMessage as problem:
            connection.post(error("bad-message", str(problem)))
            return
        if not isinstance(message, Command):
            return  # a repeated hello changes nothing
        try:
            {"next": self.session.next, "reveal": self.session.reveal, "end": self.session.end}[message.action]()
        except QuizRefused as refused:
            connection.post(error(refused.code, refused.message))
            return
        self.phase_changed()

    # -- telling everyone ----------------------------------------------------------------------

    def phase_changed(self) -> None:
        """Send the new state to every page (one encoding shared by all pupils), save, and time."""
        session = self.session
        if session.phase in (REVEALED, ENDED):
            self.save()
        texts = {tag: encode(session.pupil_state(tag)) for tag in session.languages}  # one encoding per language
        for connections in self.pupils.values():
            for connection in connections:
                connection.post(texts[session.spoken(connection.language)])
        self._flush_teachers()
        if self._time_up is not None:
            self._time_up.cancel()
            self._time_up = None
        left = session.time_left()
        if session.phase == QUESTION and left is not None:
            number = session.current.number
            self._time_up = asyncio.get_running_loop().call_later(left, self._times_up, number)

    def _times_up(self, number: int) -> None:
        self._time_up = None
        if self.session.phase == QUESTION and self.session.current.number == number:
            self.session.reveal()
            self.phase_changed()

    def save(self) -> None:
        if self.save_results is None or self.session.index < 0:
            return  # nothing asked yet, nothing to save
        try:
            self.save_results(self.session)
            self.save_problem = ""
            self.saved = True
        except OSError as problem:  # a full disk must not stop the lesson
            self.save_problem = _("Could not save the results: {problem}", problem=problem.strerror or problem)
            log.warning(self.save_problem)

    def _teacher_changed(self) -> None:
        """Answer counts reach the teacher in batches, so 1,000 taps make a few updates, not 1,000."""
        if self._teacher_update is None and self.teachers:
            delay = self.limits.teacher_update_delay
            self._teacher_update = asyncio.get_running_loop().call_later(delay, self._flush_teachers)

    def _flush_teachers(self) -> None:
        if self._teacher_update is not None:
            self._teacher_update.cancel()
            self._teacher_update = None
        if self.teachers:
            text = encode(self._teacher_state())
            for connection in self.teachers:
                connection.post(text)
