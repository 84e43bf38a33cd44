"""`lessonkit quiz serve` as a teacher runs it: clear errors, the links printed, the results file."""

from __future__ import annotations

import asyncio
import csv
import io

from click.testing import CliRunner

from toolkit.cli import main

from .conftest import CATALOGUE, QUIZ_LESSONS
from .helpers import command, next_of, send, served, stop

FIXTURE_OPTIONS = ["--lessons", str(QUIZ_LESSONS), "--catalogue", str(CATALOGUE)]


def test_serve_is_documented_with_an_example():
    result = CliRunner().invoke(main, ["quiz", "serve", "--help"])
    assert result.exit_code == 0
    for text in ("--audience", "--school", "--host", "--port", "--timer", "--export", "--lessons", "Example:",
                 "lessonkit quiz serve online-blackmail --audience ks3 --host 0.0.0.0", "[default: 127.0.0.1]"):
        assert text in result.output
    assert "Example:" in CliRunner().invoke(main, ["quiz", "--help"]).output


def test_an_unknown_lesson_names_the_nearest_one():
    result = CliRunner().invoke(main, ["quiz", "serve", "live-quizz", "--audience", "ks3", *FIXTURE_OPTIONS])
    assert result.exit_code == 2
    assert "Error: unknown lesson 'live-quizz'. Did you mean 'live-quiz'? Try: lessonkit list" in result.output


def test_an_audience_the_lesson_is_not_written_for_is_refused():
    result = CliRunner().invoke(main, ["quiz", "serve", "live-quiz", "--audience", "ks2", *FIXTURE_OPTIONS])
    assert result.exit_code == 2
    assert "Error: 'live-quiz' is not written for 'ks2'. It has: ks3, staff" in result.output


def test_broken_lessons_are_reported_not_served(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["quiz", "serve", "broken", "--audience", "ks3", "--lessons", str(tmp_path),
                                       "--catalogue", str(CATALOGUE)])
    assert result.exit_code == 1
    assert "broken.yaml:" in result.output and "Traceback" not in result.output


def test_an_export_folder_that_does_not_exist_is_refused_before_serving(tmp_path):
    result = CliRunner().invoke(main, ["quiz", "serve", "live-quiz", "--audience", "ks3", *FIXTURE_OPTIONS,
                                       "--port", "0", "--export", str(tmp_path / "missing" / "results.csv")])
    assert result.exit_code == 2 and "cannot save results in" in result.output


def test_a_served_quiz_prints_its_links_and_saves_only_counts(tmp_path):
    """Run the real command, play two questions over websockets, stop it with Ctrl+C, read the CSV."""
    import websockets

    with served(["live-quiz", "--audience", "ks3", *FIXTURE_OPTIONS, "--port", "0", "--export", "results.csv"],
                tmp_path) as (process, banner):
        assert "Live quiz: Getting help online (Key Stage 3 (ages 11-14)), 4 questions." in banner["text"]
        assert f"Pupils join at: http://127.0.0.1:{banner['port']}/" in banner["text"]
        assert "start it again with --host 0.0.0.0" in banner["text"]

        async def play():
            base = f"ws://127.0.0.1:{banner['port']}"
            teacher = await websockets.connect(base + "/ws/teacher")
            await send(teacher, {"type": "hello", "token": banner["token"]})
            await next_of(teacher, "teacher-welcome")
            pupils = []
            for _ in range(3):
                pupil = await websockets.connect(base + "/ws")
                await send(pupil, {"type": "join", "code": banner["code"], "pupil": None})
                await next_of(pupil, "welcome")
                pupils.append(pupil)
            await command(teacher, "next", "question")
            for pupil, choice in zip(pupils, ([0], [0], [1])):
                await send(pupil, {"type": "answer", "question": 1, "choice": choice})
                await next_of(pupil, "answer")
            await command(teacher, "reveal", "revealed")
            assert (tmp_path / "results.csv").exists()  # saved at each reveal, not only at the end
            await command(teacher, "next", "question")
            await send(pupils[0], {"type": "answer", "question": 2, "choice": [1]})
            await next_of(pupils[0], "answer")
            for socket in [teacher] + pupils:
                await socket.close()

        asyncio.run(asyncio.wait_for(play(), 60))
        out, err = stop(process)
    assert process.returncode == 0, err
    assert "Quiz stopped. Results saved to results.csv" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.csv"]  # nothing else written, no temp files
    data = (tmp_path / "results.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    first = [(r["option"], r["correct"], r["count"], r["answered"]) for r in rows if r["question_number"] == "1"]
    assert first == [("A trusted adult", "yes", "2", "3"), ("Nobody", "no", "1", "3"),
                     ("The person who is threatening you", "no", "0", "3")]
    second = [(r["option"], r["count"], r["shown"]) for r in rows if r["question_number"] == "2"]
    assert second == [("True", "0", "yes"), ("False", "1", "yes")]  # saved on stopping, mid-question
    assert {r["shown"] for r in rows if r["question_number"] in ("3", "4")} == {"no"}
    assert list(rows[0]) == ["quiz", "question_number", "question_id", "question", "type", "option_number", "option",
                             "correct", "count", "counted_as", "answered", "all_correct", "shown"]
    ordering = [r["counted_as"] for r in rows if r["type"] == "ordering"]
    assert set(ordering) == {"put in the right place"}
    assert banner["token"] not in data.decode("utf-8-sig") and banner["code"] not in data.decode("utf-8-sig")


def test_text_printed_to_the_terminal_cannot_drive_it(tmp_path):
    """A lesson's title and the results path reach the teacher's terminal with escapes shown, not obeyed."""
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    source = (QUIZ_LESSONS / "live-quiz.yaml").read_text(encoding="utf-8")
    (lessons / "live-quiz.yaml").write_text(
        source.replace("title: Getting help online", 'title: "Getting help \\u202eenilno"'), encoding="utf-8")
    export = "results\x1b]0;pwned\x07\x1b[2J.csv"
    with served(["live-quiz", "--audience", "ks3", "--lessons", str(lessons), "--catalogue", str(CATALOGUE),
                 "--port", "0", "--export", export], tmp_path) as (process, banner):
        out, err = stop(process)
    printed = banner["text"] + out + err
    assert "Live quiz: Getting help \\u202eenilno (Key Stage 3" in printed
    assert "saved to results\\x1b]0;pwned\\x07\\x1b[2J.csv" in printed
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
