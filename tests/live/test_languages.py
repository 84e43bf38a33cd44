"""Each pupil chooses Cymraeg or English on their own screen: the words follow the pupil, the answers do not.

`lessonkit quiz serve --language en,cy` (or a school in Wales, when the lesson is all in Welsh) gives
every pupil's page a language switch; the question, options, feedback, contacts and the page's own
words come in the pupil's language, while answers and counts belong to the question, whatever the
language it was read in."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest
import websockets
from click.testing import CliRunner
from lxml import html as lxml_html

from toolkit.cli import main
from toolkit.live.app import fixed_texts, load_assets
from toolkit.live.content import HINTS, language_choices
from toolkit.live.protocol import Join, Language, pupil_message
from toolkit.live.session import QuizSession, QuizSettings
from toolkit.quizzes.order import shown_order
from toolkit.wording import _, language

from .conftest import CATALOGUE, QUIZ_LESSONS
from .helpers import command, join_as_teacher, next_of, running, send, served, stop, until, ws_url

ORDERING = 17  # online-blackmail's ordering question (ks3), shown shuffled
WELSH_FIRST = "Beth yw blacmel rhywiol?"  # its first question in lessons/locale/cy (the sourced term for sextortion)
WELSH_TITLE = "Blacmel ar-lein: ei adnabod, ei atal, cael help"


def cy(message: str) -> str:
    """`message` as the Welsh catalogue has it (its wording is the translators' to change)."""
    with language("cy"):
        return _(message)



def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, 60))


def test_the_same_questions_in_each_language_with_the_same_options_in_the_same_order(bilingual_lesson):
    session = QuizSession(bilingual_lesson)
    assert session.languages == ("en-GB", "cy")
    assert (session.title, session.words["cy"]["title"]) == (bilingual_lesson["en-GB"].title, bilingual_lesson["cy"].title)
    assert session.title != session.words["cy"]["title"]
    for number, live in enumerate(session.questions, start=1):
        english, welsh = live.shown("en-GB"), live.shown("cy")
        assert english["text"] != welsh["text"], number
        assert [o["index"] for o in english["options"]] == [o["index"] for o in welsh["options"]] \
            == list(shown_order(live.question)) == list(shown_order(live.versions["cy"]))
        assert {k: v for k, v in english.items() if k not in ("text", "options", "hint", "quiz_label")} == \
            {k: v for k, v in welsh.items() if k not in ("text", "options", "hint", "quiz_label")}
        revealed = live.revealed("cy")
        assert [o["correct"] for o in revealed["options"]] == [o["correct"] for o in live.revealed("en-GB")["options"]]
    ordering = session.questions[ORDERING - 1]
    assert ordering.question.type == "ordering" and ordering.display_order != tuple(range(ordering.option_count))
    welsh_labels = ordering.shown("cy")
    assert welsh_labels["quiz_label"] == cy("Exit quiz") != "Exit quiz"
    assert welsh_labels["hint"] == cy(HINTS["ordering"]) != HINTS["ordering"]


def test_a_pupil_answering_in_welsh_and_one_in_english_count_on_the_same_question(bilingual_lesson):
    session = QuizSession(bilingual_lesson, QuizSettings(min_answers_for_chart=1))
    welsh, english = session.join(None), session.join(None)
    session.next()
    cy_state, en_state = session.pupil_state("cy"), session.pupil_state("en-GB")
    assert cy_state["question"]["text"] == WELSH_FIRST == bilingual_lesson["cy"].starter_quiz[0].question
    assert en_state["question"]["text"] == "What is sextortion?"
    session.answer(welsh, 1, [0])
    session.answer(english, 1, [0])
    assert session.tally(0) == {"answered": 2, "counts": [2, 0, 0], "all_correct": 2}
    teacher = session.teacher_state()
    assert teacher["question"]["text"] == "What is sextortion?" and teacher["answered"] == 2  # the teacher's language


def test_a_language_the_quiz_does_not_offer_means_its_first(bilingual_lesson):
    session = QuizSession(bilingual_lesson)
    for stranger in ("xx", "", "CY", "cy-GB", None, 7, ["cy"], "en-GB" * 50):
        assert session.spoken(stranger) == "en-GB"
        assert session.spoken(stranger, "cy") == "cy"  # a page keeps the language it had
    session.join(None)
    session.next()
    assert session.pupil_state("xx") == session.pupil_state("en-GB")


def test_versions_that_are_not_the_same_quiz_are_refused(bilingual_lesson, quiz_lesson):
    with pytest.raises(ValueError, match="does not match question"):
        QuizSession({"en-GB": bilingual_lesson["en-GB"], "cy": quiz_lesson})


def test_pupils_say_their_language_on_joining_and_when_they_change_it():
    assert pupil_message('{"type": "join", "code": "1", "pupil": null, "language": "cy"}') == Join("1", None, "cy")
    assert pupil_message('{"type": "language", "language": "en-GB"}') == Language("en-GB")
    for stranger in (7, None, ["cy"], {"cy": 1}, "", "c", "cy-" + "x" * 40, "../../etc", "cy\u0000", "<script>"):
        raw = json.dumps({"type": "language", "language": stranger})
        assert pupil_message(raw) == Language(None), stranger  # ignored, never refused
        assert pupil_message(json.dumps({"type": "join", "code": "1", "pupil": None, "language": stranger})).language is None


def test_the_pupil_page_offers_each_language_named_in_itself_welsh_first():
    assert language_choices(("en-GB", "cy")) == [{"tag": "cy", "name": "Cymraeg"}, {"tag": "en-GB", "name": "English"}]
    assets = load_assets(("en-GB", "cy"))
    page = lxml_html.fromstring(assets["pupil.html"][0])
    assert page.get("lang") == "en-GB"
    labels = page.xpath("//fieldset[@id='languages']//label")
    assert [(label.get("lang"), label.text_content().strip()) for label in labels] == [("cy", "Cymraeg"), ("en-GB", "English")]
    assert [i.get("value") for i in page.xpath("//fieldset[@id='languages']//input[@type='radio'][@name='language']")] == ["cy", "en-GB"]
    assert page.xpath("//fieldset[@id='languages']//input[@checked]")[0].get("value") == "en-GB"
    assert page.xpath("//fieldset[@id='languages']/legend")[0].text_content() == "Language"
    words = assets["words.js"][0].decode("utf-8")
    offered = json.loads(re.search(r"window\.LiveLanguages = (.*);\n", words).group(1))
    assert offered["words"]["cy"]["Answer saved."] != "Answer saved." and offered["words"]["en-GB"]["Answer saved."] == "Answer saved."
    welsh = offered["fixed"]["cy"]
    assert welsh["languages-legend"]["text"] == cy("Language") != "Language" and welsh["join-button"]["text"] == cy("Join")
    assert welsh["join-view"]["label"] and welsh["join-view"]["label"] != offered["fixed"]["en-GB"]["join-view"]["label"]
    assert set(welsh) == set(offered["fixed"]["en-GB"]) >= {"page-title", "heading", "join-intro", "code-label", "help-heading"}
    # every element marked as fixed text holds only text, so the page can swap it whole
    source = (load_assets.__globals__["STATIC"] / "pupil.html").read_text(encoding="utf-8")
    for element in page.xpath('//*[@data-fixed="text"]'):
        assert len(element) == 0, element.get("id")
    assert source.count('data-fixed="text"') == len(fixed_texts(assets["pupil.html"][0].decode("utf-8"))) - 5


def test_one_language_means_no_switch():
    assets = load_assets(("en-GB",))
    assert not lxml_html.fromstring(assets["pupil.html"][0]).xpath("//*[@id='languages']")
    assert b"LiveLanguages" not in assets["words.js"][0]


async def _pupil(live, language=None, pupil=None):
    socket = await websockets.connect(ws_url(live))
    message = {"type": "join", "code": live.keys.join_code, "pupil": pupil}
    if language is not None:
        message["language"] = language
    await send(socket, message)
    welcome = await next_of(socket, "welcome")
    return socket, welcome, await next_of(socket, "state")


def test_two_pupils_in_two_languages_answer_the_same_question(bilingual_lesson):
    async def scenario(live):
        teacher = await join_as_teacher(live)
        welsh, welsh_welcome, _ = await _pupil(live, "cy")
        english, english_welcome, _ = await _pupil(live)  # no choice: the quiz's first language
        assert welsh_welcome["language"] == "cy" and english_welcome["language"] == "en-GB"
        assert (welsh_welcome["title"], english_welcome["title"]) == (bilingual_lesson["cy"].title, bilingual_lesson["en-GB"].title)
        assert welsh_welcome["help"][1]["labels"] != english_welcome["help"][1]["labels"]
        shown = await command(teacher, "next", "question")
        assert shown["question"]["text"] == "What is sextortion?"  # the teacher's screen: the first language
        cy_question = (await next_of(welsh, "state"))["question"]
        en_question = (await next_of(english, "state"))["question"]
        assert (cy_question["text"], en_question["text"]) == (WELSH_FIRST, "What is sextortion?")
        assert [o["index"] for o in cy_question["options"]] == [o["index"] for o in en_question["options"]]
        await send(welsh, {"type": "answer", "question": 1, "choice": [0]})
        assert (await next_of(welsh, "answer"))["choice"] == [0]
        await send(english, {"type": "answer", "question": 1, "choice": [1]})
        await next_of(english, "answer")
        counts = await until(teacher, lambda m: m.get("answered") == 2)
        assert counts["question"]["text"] == "What is sextortion?"
        # a wrong answer's message comes in the pupil's own language
        await send(welsh, {"type": "answer", "question": 1, "choice": [9]})
        assert (await next_of(welsh, "error"))["message"] == cy("That answer is not one of the options.")
        await send(english, {"type": "answer", "question": 1, "choice": [9]})
        assert (await next_of(english, "error"))["message"] == "That answer is not one of the options."
        # the Welsh pupil switches to English mid-question: the same place, the same answer
        await send(welsh, {"type": "language", "language": "en-GB"})
        again = await next_of(welsh, "welcome")
        assert again["language"] == "en-GB" and again["pupil"] == welsh_welcome["pupil"]
        assert (await next_of(welsh, "state"))["question"]["text"] == "What is sextortion?"
        assert live.session.answer_of(welsh_welcome["pupil"]) == (1, (0,))
        revealed = await command(teacher, "reveal", "revealed")
        assert revealed["results"]["counts"] == [1, 1, 0]
        assert (await next_of(english, "state"))["question"]["options"][0]["feedback"].startswith("Yes")
        await send(english, {"type": "language", "language": "cy"})
        await next_of(english, "welcome")
        feedback = (await next_of(english, "state"))["question"]["options"][0]
        assert feedback["correct"] is True and not feedback["feedback"].startswith("Yes")
        for socket in (teacher, welsh, english):
            await socket.close()

    with running(bilingual_lesson, settings=QuizSettings(min_answers_for_chart=1)) as live:
        run(scenario(live))


def test_an_unknown_language_is_ignored_and_locks_no_one_out(bilingual_lesson):
    async def scenario(live):
        teacher = await join_as_teacher(live)
        # a join with a language the quiz does not offer still joins, in the first language
        odd, welcome, _ = await _pupil(live, "xx-hostile")
        assert welcome["language"] == "en-GB"
        await command(teacher, "next", "question")
        await next_of(odd, "state")
        for stranger in ("zz", "", 5, None, ["cy"], "x" * 500):
            await send(odd, {"type": "language", "language": stranger})
        await send(odd, {"type": "answer", "question": 1, "choice": [0]})
        assert await next_of(odd, "answer") == {"type": "answer", "question": 1, "choice": [0]}  # nothing else came back
        # before joining, a language message only sets the page's language; a join still needs the code
        early = await websockets.connect(ws_url(live))
        await send(early, {"type": "language", "language": "cy"})
        await send(early, {"type": "join", "code": "000000" if live.keys.join_code != "000000" else "111111", "pupil": None})
        wrong = await next_of(early, "error")
        assert wrong["code"] == "wrong-code"  # in Welsh, as the page asked
        assert wrong["message"] == cy("That code is not right. Check the code on the board and try again.")
        await send(early, {"type": "join", "code": live.keys.join_code, "pupil": None})
        assert (await next_of(early, "welcome"))["language"] == "cy"
        # a flood of language changes is rate limited like any other message, then closed
        await send(odd, {"type": "language", "language": "cy"})
        await next_of(odd, "welcome")
        for _ in range(300):
            await send(odd, {"type": "language", "language": "cy"})
        slowed = await until(odd, lambda m: m.get("type") == "error" and m.get("code") == "slow-down")
        assert slowed["message"] == cy("Too many messages: some were ignored.")  # in the pupil's language
        with pytest.raises(websockets.ConnectionClosed):
            for _ in range(500):
                await asyncio.wait_for(odd.recv(), 5)
        fresh, welcome, _ = await _pupil(live, "cy")  # everyone else carries on
        assert welcome["language"] == "cy"
        for socket in (teacher, early, fresh):
            await socket.close()

    with running(bilingual_lesson) as live:
        run(scenario(live))


def test_one_language_quizzes_ignore_a_language_choice(quiz_lesson):
    async def scenario(live):
        pupil, welcome, state = await _pupil(live, "cy")
        assert welcome["language"] == "en-GB" and state["phase"] == "lobby"
        await send(pupil, {"type": "language", "language": "cy"})
        await send(pupil, {"type": "join", "code": "1", "pupil": None})
        assert (await next_of(pupil, "error"))["code"] == "joined"  # the language message was ignored silently
        await pupil.close()

    with running(quiz_lesson) as live:
        run(scenario(live))


FIXTURE_OPTIONS = ["--lessons", str(QUIZ_LESSONS), "--catalogue", str(CATALOGUE)]


def test_the_language_option_takes_one_or_several_languages():
    result = CliRunner().invoke(main, ["quiz", "serve", "live-quiz", "--audience", "ks3", *FIXTURE_OPTIONS, "--language", "en,xx"])
    assert result.exit_code == 2 and "'xx' is not a language lessonkit writes. Languages: cy, en-GB." in result.output
    help_text = CliRunner().invoke(main, ["quiz", "serve", "--help"]).output
    assert "en,cy" in help_text and "Wales" in help_text


def test_a_lesson_without_a_welsh_translation_is_not_served_in_welsh():
    result = CliRunner().invoke(main, ["quiz", "serve", "live-quiz", "--audience", "ks3", *FIXTURE_OPTIONS,
                                       "--language", "en,cy", "--port", "0"])
    assert result.exit_code == 1 and "no Welsh (Cymraeg) translation for" in result.output
    assert "live-quiz.yaml:" in result.output and "Traceback" not in result.output


SCHOOLS = Path(__file__).resolve().parents[2] / "lessons" / "schools"


def test_a_school_in_wales_offers_cymraeg_and_english_by_itself(tmp_path):
    """The built-in lesson is all in Welsh: a school in Wales gets the choice with no option given."""
    with served(["online-blackmail", "--audience", "ks3", "--school", str(SCHOOLS / "example-wales.yaml"), "--port", "0"],
                tmp_path) as (process, banner):
        assert "Each pupil chooses their language on their own screen: Cymraeg, English." in banner["text"]

        async def scenario():
            socket = await websockets.connect(f"ws://127.0.0.1:{banner['port']}/ws")
            await send(socket, {"type": "join", "code": banner["code"], "pupil": None, "language": "cy"})
            welcome = await next_of(socket, "welcome")
            assert welcome["language"] == "cy" and welcome["title"] == WELSH_TITLE
            await socket.close()

        run(scenario())
        stop(process)
    with served(["online-blackmail", "--audience", "ks3", "--school", str(SCHOOLS / "example-england.yaml"), "--port", "0"],
                tmp_path) as (process, banner):
        assert "Cymraeg" not in banner["text"]
        stop(process)


def test_a_school_in_wales_is_told_when_the_lesson_is_not_all_in_welsh(tmp_path):
    with served(["live-quiz", "--audience", "ks3", *FIXTURE_OPTIONS, "--school", str(SCHOOLS / "example-wales.yaml"),
                 "--port", "0"], tmp_path) as (process, banner):
        assert re.search(r"Welsh is not offered: \d+ texts of this lesson have no Welsh translation yet "
                         r"\(lessonkit translations check --language cy\)\.", banner["text"])
        assert "Each pupil chooses" not in banner["text"]
        stop(process)
