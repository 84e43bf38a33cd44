"""The quiz state machine: order of play, one answer per pupil, what pupils and teachers are shown."""

from __future__ import annotations

import pytest

from toolkit.live.content import display_order
from toolkit.live.session import QuizRefused, QuizSession, QuizSettings

from .helpers import FakeClock


def session(lesson, **settings) -> QuizSession:
    return QuizSession(lesson, QuizSettings(**settings), FakeClock())


def go_to(quiz: QuizSession, number: int) -> None:
    """Play on (revealing each question) until question `number` is open."""
    while not (quiz.phase == "question" and quiz.current.number == number):
        quiz.reveal() if quiz.phase == "question" else quiz.next()


def test_the_starter_quiz_then_a_break_then_the_exit_quiz_then_the_end(quiz_lesson):
    quiz = session(quiz_lesson)
    seen = [quiz.phase]
    while quiz.phase != "ended":
        quiz.reveal() if quiz.phase == "question" else quiz.next()
        seen.append(quiz.phase + (f":{quiz.current.number}" if quiz.phase in ("question", "revealed") else ""))
    assert seen == ["lobby", "question:1", "revealed:1", "question:2", "revealed:2", "break",
                    "question:3", "revealed:3", "question:4", "revealed:4", "ended"]


def test_a_lesson_with_only_an_exit_quiz_has_no_break(quiz_lesson):
    from dataclasses import replace

    exit_only = replace(quiz_lesson, starter_quiz=())
    quiz = session(exit_only)
    quiz.next()
    quiz.reveal()
    quiz.next()
    assert (quiz.phase, quiz.current.number) == ("question", 2)


def test_a_lesson_without_questions_cannot_be_served(quiz_lesson):
    from dataclasses import replace

    with pytest.raises(ValueError, match="no quiz questions"):
        QuizSession(replace(quiz_lesson, starter_quiz=(), exit_quiz=()))


def test_the_teacher_must_reveal_before_moving_on(quiz_lesson):
    quiz = session(quiz_lesson)
    quiz.next()
    with pytest.raises(QuizRefused) as refused:
        quiz.next()
    assert refused.value.message == "Show the answer before moving on."
    quiz.end()
    with pytest.raises(QuizRefused, match="finished"):
        quiz.next()
    with pytest.raises(QuizRefused, match="no open question"):
        quiz.reveal()


def test_one_answer_per_pupil_changeable_until_the_reveal(quiz_lesson):
    quiz = session(quiz_lesson)
    anna = quiz.join(None)
    quiz.next()
    quiz.answer(anna, 1, [0])
    quiz.answer(anna, 1, [2])
    assert quiz.tally(0) == {"answered": 1, "counts": [0, 0, 1], "all_correct": 0}
    quiz.reveal()
    with pytest.raises(QuizRefused) as refused:
        quiz.answer(anna, 1, [0])
    assert refused.value.message == "That question is closed now."
    assert quiz.tally(0)["counts"] == [0, 0, 1]


def test_answers_to_any_other_question_are_refused(quiz_lesson):
    quiz = session(quiz_lesson)
    anna = quiz.join(None)
    with pytest.raises(QuizRefused, match="closed"):
        quiz.answer(anna, 1, [0])  # not started yet
    quiz.next()
    with pytest.raises(QuizRefused, match="closed"):
        quiz.answer(anna, 2, [0])


@pytest.mark.parametrize("number, choice, message", [
    (1, [3], "That answer is not one of the options."),
    (1, [-1], "That answer is not one of the options."),
    (1, [True], "That answer is not one of the options."),
    (1, [0, 1], "Choose exactly one answer."),
    (1, [], "Choose exactly one answer."),
    (2, [0, 1], "Choose exactly one answer."),
    (3, [0, 0], "Each option can be chosen once."),
    (4, [0, 1, 2], "Send the whole order, every item once."),
    (4, [0, 1, 2, 2], "Each option can be chosen once."),
])
def test_impossible_answers_are_refused(quiz_lesson, number, choice, message):
    quiz = session(quiz_lesson)
    anna = quiz.join(None)
    go_to(quiz, number)
    with pytest.raises(QuizRefused) as refused:
        quiz.answer(anna, number, choice)
    assert refused.value.message == message


def test_multiple_answers_count_each_option_and_an_empty_choice_takes_the_answer_back(quiz_lesson):
    quiz = session(quiz_lesson)
    pupils = [quiz.join(None) for _ in range(3)]
    go_to(quiz, 3)
    assert quiz.current.question.type == "multiple"
    quiz.answer(pupils[0], 3, [3, 0, 1])
    quiz.answer(pupils[1], 3, [2])
    quiz.answer(pupils[2], 3, [0])
    quiz.answer(pupils[2], 3, [])
    assert quiz.tally(2) == {"answered": 2, "counts": [1, 1, 1, 1], "all_correct": 1}
    assert quiz.answer_of(pupils[0]) == (3, (0, 1, 3))
    assert quiz.answer_of(pupils[2]) is None


def test_ordering_counts_items_in_their_right_place(quiz_lesson):
    quiz = session(quiz_lesson)
    anna, ben = quiz.join(None), quiz.join(None)
    go_to(quiz, 4)
    quiz.answer(anna, 4, [0, 1, 2, 3])
    quiz.answer(ben, 4, [0, 2, 1, 3])
    assert quiz.tally(3) == {"answered": 2, "counts": [2, 1, 1, 2], "all_correct": 1}


def test_ordering_questions_never_start_in_the_right_order(quiz_lesson):
    ordering = quiz_lesson.exit_quiz[1]
    order = display_order(ordering)
    assert sorted(order) == [0, 1, 2, 3] and list(order) != [0, 1, 2, 3]
    assert display_order(ordering) == order  # the same for every pupil
    assert display_order(quiz_lesson.starter_quiz[0]) == (0, 1, 2)  # other types keep the author's order


def test_pupils_see_no_answers_until_the_reveal_and_never_anyone_elses(quiz_lesson):
    quiz = session(quiz_lesson)
    anna = quiz.join(None)
    quiz.next()
    quiz.answer(anna, 1, [0])
    shown = quiz.pupil_state()
    assert [o["text"] for o in shown["question"]["options"]] == ["A trusted adult", "Nobody", "The person who is threatening you"]
    assert "correct" not in str(shown) and "feedback" not in str(shown) and "teaching_point" not in str(shown)
    assert anna not in str(shown) and "answered" not in shown
    quiz.reveal()
    revealed = quiz.pupil_state()["question"]
    assert revealed["options"][0] == {"index": 0, "text": "A trusted adult", "correct": True,
                                      "feedback": "Yes: a trusted adult can help."}
    assert revealed["teaching_point"] == "There is always someone to talk to."
    assert "results" not in quiz.pupil_state() and anna not in str(quiz.pupil_state())


def test_the_teacher_sees_counts_and_totals_only_after_the_reveal(quiz_lesson):
    quiz = session(quiz_lesson)
    pupils = [quiz.join(None) for _ in range(3)]
    quiz.next()
    for pupil, option in zip(pupils, (0, 0, 1)):
        quiz.answer(pupil, 1, [option])
    before = quiz.teacher_state()
    assert (before["joined"], before["connected"], before["answered"]) == (3, 3, 3)
    assert "results" not in before and "correct" not in str(before)
    quiz.leave(pupils[2])
    quiz.reveal()
    after = quiz.teacher_state()
    assert (after["joined"], after["connected"]) == (3, 2)
    assert after["results"] == {"answered": 3, "counts": [2, 1, 0], "all_correct": 2, "hidden": False, "minimum": 3}
    assert not any(pupil in str(after) for pupil in pupils)


def test_too_few_answers_keep_the_totals_hidden(quiz_lesson):
    quiz = session(quiz_lesson, min_answers_for_chart=3)
    pupils = [quiz.join(None) for _ in range(2)]
    quiz.next()
    for pupil in pupils:
        quiz.answer(pupil, 1, [1])
    quiz.reveal()
    assert quiz.teacher_state()["results"]["hidden"] is True


def test_rejoining_keeps_the_same_pupil_and_new_ids_are_random(quiz_lesson):
    quiz = session(quiz_lesson)
    anna = quiz.join(None)
    assert quiz.join(anna) == anna  # a second tab, or a new address after the wifi drops
    ben = quiz.join("0" * 32)  # an id never issued is a new pupil
    assert ben != "0" * 32 and len(ben) == 32 and ben != anna
    assert quiz.places == 2 and quiz.knows(anna) and not quiz.knows("0" * 32)


def test_the_class_size_is_limited_and_rejoining_within_the_grace_period_is_never_refused(quiz_lesson):
    clock = FakeClock()
    quiz = QuizSession(quiz_lesson, QuizSettings(max_pupils=3, rejoin_grace=120), clock)
    anna = quiz.join(None)
    quiz.join(None), quiz.join(None)
    with pytest.raises(QuizRefused) as refused:
        quiz.join(None)
    assert refused.value.message == "This quiz is full. Ask your teacher."
    quiz.leave(anna)  # the wifi drops
    clock.advance(119)
    assert quiz.teacher_state()["joined"] == 3 and quiz.teacher_state()["connected"] == 2
    assert quiz.join(anna) == anna  # her place was kept
    with pytest.raises(QuizRefused):
        quiz.join(None)


def test_pupils_who_left_give_their_place_up_after_the_grace_period(quiz_lesson):
    clock = FakeClock()
    quiz = QuizSession(quiz_lesson, QuizSettings(max_pupils=30, rejoin_grace=120), clock)
    for _ in range(30):  # one device joining again and again, as if clearing its storage each time
        quiz.leave(quiz.join(None))
    assert quiz.teacher_state()["joined"] == 30
    clock.advance(120)
    assert quiz.teacher_state()["joined"] == 0
    real = [quiz.join(None) for _ in range(30)]
    assert len(set(real)) == 30


def test_when_the_quiz_is_full_someone_here_takes_the_place_of_whoever_left_longest_ago(quiz_lesson):
    clock = FakeClock()
    quiz = QuizSession(quiz_lesson, QuizSettings(max_pupils=3, rejoin_grace=120), clock)
    first = [quiz.join(None) for _ in range(3)]
    quiz.next()
    quiz.answer(first[0], 1, [0])
    quiz.leave(first[0])
    clock.advance(1)
    quiz.leave(first[1])
    newcomer = quiz.join(None)  # full, but first[0] has been gone longest
    assert first[0] not in quiz.away and quiz.knows(first[0])  # remembered: she answered
    assert first[1] in quiz.away and quiz.places == 3
    assert quiz.join(first[0]) == first[0]  # back, with her id and her answer, in the place first[1] left
    assert quiz.answer_of(first[0]) == (1, (0,))
    assert not quiz.knows(first[1])  # he had answered nothing: nothing to keep
    with pytest.raises(QuizRefused):
        quiz.join(first[1])  # everyone is here now
    assert newcomer not in first
    assert quiz.tally(0)["answered"] == 1


def test_with_a_timer_answers_close_when_time_is_up(quiz_lesson):
    clock = FakeClock()
    quiz = QuizSession(quiz_lesson, QuizSettings(timer_seconds=30), clock)
    anna = quiz.join(None)
    quiz.next()
    assert quiz.pupil_state()["time_left"] == 30
    clock.advance(29)
    quiz.answer(anna, 1, [0])
    assert quiz.pupil_state()["time_left"] == 1
    clock.advance(1)
    with pytest.raises(QuizRefused, match="Time is up"):
        quiz.answer(anna, 1, [1])


def test_there_is_no_timer_unless_asked_for(quiz_lesson):
    quiz = session(quiz_lesson)
    quiz.next()
    assert "time_left" not in quiz.pupil_state()


def test_memory_stays_bounded_however_often_a_device_joins_answers_and_leaves(quiz_lesson):
    clock = FakeClock()
    quiz = QuizSession(quiz_lesson, QuizSettings(max_pupils=5, rejoin_grace=1, max_remembered=50), clock)
    quiz.next()
    for _ in range(1000):
        pupil = quiz.join(None)
        quiz.answer(pupil, 1, [0])
        quiz.leave(pupil)
        clock.advance(1)
    stayer = quiz.join(None)
    quiz.answer(stayer, 1, [1])
    assert len(quiz.released) <= 50 and len(quiz.answers[0]) <= 52 and quiz.places <= 5
    assert quiz.answer_of(stayer) == (1, (1,))
