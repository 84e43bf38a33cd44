"""What the live quiz shows: the adapted lesson's quiz questions and help contacts as plain data."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ..wording import N_, _, language
from ..wording.phrases import text_label, way_label
from ..adapt import AdaptedLesson, HelpContact, Question
from ..quizzes.order import shown_order as display_order  # one order for slides, paper and live quiz

QUIZ_LABELS = {"starter": N_("Starter quiz"), "exit": N_("Exit quiz")}
HINTS = {
    "single": N_("Choose one answer. You can change it until the answers are shown."),
    "true-false": N_("Choose true or false. You can change it until the answers are shown."),
    "multiple": N_("Choose every answer you think is right. You can change them until the answers are shown."),
    "ordering": N_("Put these in order with the Move up and Move down buttons, then choose Send my order."),
}


@dataclass(frozen=True)
class LiveQuestion:
    """One question as the class meets it: its place in the quiz and the order options are shown in."""

    number: int  # 1-based, across starter and exit quizzes
    position: int  # 1-based, within its own quiz
    quiz_length: int
    question: Question
    """The question in the quiz's first language: its id, type, options and right answers count for every language."""
    display_order: Tuple[int, ...]
    versions: Mapping[str, Question] = field(default_factory=dict)
    """The same question's words in each language offered (language tag -> question), when there are several."""

    def words(self, tag: Optional[str]) -> Tuple[Question, contextlib.AbstractContextManager]:
        """The question in `tag` (its first language when not offered) and a `with` block for the fixed words."""
        if tag is None or tag not in self.versions:
            return self.question, contextlib.nullcontext()
        return self.versions[tag], language(tag)

    @property
    def quiz(self) -> str:
        return self.question.quiz

    @property
    def option_count(self) -> int:
        return len(self.question.options)

    def shown(self, tag: Optional[str] = None) -> Dict:
        """The question as pupils see it while answering, in `tag`: nothing that gives the answer away.

        Option indices and their order are the same in every language (`display_order`, from the first)."""
        q, fixed_words = self.words(tag)
        with fixed_words:
            return {
                "number": self.number, "quiz": q.quiz, "quiz_label": _(QUIZ_LABELS[q.quiz]),
                "position": self.position, "quiz_length": self.quiz_length,
                "type": q.type, "text": q.question, "hint": _(HINTS[q.type]),
                "options": [{"index": i, "text": q.options[i].text} for i in self.display_order],
            }

    def revealed(self, tag: Optional[str] = None) -> Dict:
        """The question with the right answer, the feedback for every option and the teaching point, in `tag`."""
        q = self.words(tag)[0]
        shown = self.shown(tag)
        correct = set(self.question.correct_indices)
        for option in shown["options"]:
            original = q.options[option["index"]]
            option["correct"] = option["index"] in correct
            option["feedback"] = original.feedback
        shown["teaching_point"] = q.teaching_point
        if q.type == "ordering":
            shown["correct_order"] = [{"index": i, "text": o.text} for i, o in enumerate(q.options)]
        return shown


def live_questions(lesson: AdaptedLesson, versions: Optional[Mapping[str, AdaptedLesson]] = None) -> Tuple[LiveQuestion, ...]:
    """The starter quiz, then the exit quiz, numbered for the class.

    `versions`: the same lesson in each language offered (language tag -> adapted lesson), when pupils
    choose their language; each must be a translation of `lesson`, question for question."""
    versions = dict(versions or {})
    questions: List[LiveQuestion] = []
    for part_name in ("starter_quiz", "exit_quiz"):
        part = getattr(lesson, part_name)
        translated = {tag: getattr(version, part_name) for tag, version in versions.items()}
        for position, question in enumerate(part, start=1):
            words = {tag: same_question(question, other[position - 1] if position <= len(other) else None, tag)
                     for tag, other in translated.items()}
            questions.append(LiveQuestion(len(questions) + 1, position, len(part), question, display_order(question), words))
    return tuple(questions)


def same_question(question: Question, translation: Optional[Question], tag: str) -> Question:
    """`translation`, checked to be `question` in other words: answers count the same whichever language
    a pupil reads, so the id, type, number of options and right answers must all match."""
    if translation is None or (translation.id, translation.type, len(translation.options), tuple(translation.correct_indices)) != (
            question.id, question.type, len(question.options), tuple(question.correct_indices)):
        raise ValueError(f"the '{tag}' version of the quiz does not match question '{question.id}'")
    return translation


def contact_card(contact: HelpContact) -> Dict[str, str]:
    """One help contact with only the fields a pupil or teacher reads."""
    fields = ("name", "purpose", "scope", "where_to_find", "phone", "textphone", "text", "url", "email",
              "hours", "for_whom", "nations_note")
    card: Dict = {name: getattr(contact, name) for name in fields if getattr(contact, name)}
    # Each way's label as every other format words it (toolkit.wording.phrases), for the page to show.
    card["labels"] = {"where_to_find": way_label("where"), "phone": way_label("phone"),
                      "textphone": way_label("textphone"), "text": text_label(contact.text or ""),
                      "url": way_label("web"), "email": way_label("email"), "hours": way_label("hours")}
    return card


def help_cards(lesson: AdaptedLesson) -> List[Dict[str, str]]:
    """School, then local, then national contacts, already filtered for the audience by adapt()."""
    return [contact_card(c) for c in lesson.help_contacts]


def language_choices(languages: Sequence[str]) -> List[Dict[str, str]]:
    """The pupils' language switch: each language named in itself ('Cymraeg', 'English'), Welsh first
    (the Welsh Government's bilingual design guidance), then the others in the quiz's order."""
    from babel import Locale, UnknownLocaleError

    def name(tag: str) -> str:
        try:
            own = Locale.parse(tag, sep="-").language
            return Locale(own).get_display_name(own) or tag
        except (ValueError, UnknownLocaleError):
            return tag

    ordered = sorted(languages, key=lambda tag: tag.split("-")[0] != "cy")
    return [{"tag": tag, "name": name(tag)[:1].upper() + name(tag)[1:]} for tag in ordered]
