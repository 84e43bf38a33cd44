"""Every slide title fits: validate measures each title a deck would show, as the slide format does.

The slide format owns the measuring (`deck.fit.title_size`, the default template's title boxes,
the "(continued)" wording); this check only asks it, so `validate` reports a heading that would
stop `lessonkit build --format slides`, with the place it came from.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple

from ..adapt import Adapted, adapter
from ..errors import Finding, LessonkitError
from ..load import Loaded, Project
from ..model import Lesson
from ..textrules import strings_in
from ..wording import _


@lru_cache(maxsize=1)
def _deck():
    """The default template's writer (for its title boxes and sizes), made once per run."""
    from ..deck import measuring_writer
    from ..deck.palette import brand_colour

    return measuring_writer(brand_colour(None, lambda _: None), 24, lambda _: None)


def prepare() -> None:
    """Open the default template and import the slide measuring now, before the first lesson."""
    from ..deck import outline  # noqa: F401

    _deck()


def _source(loaded: Loaded[Lesson], title: str) -> Optional[Tuple[Any, ...]]:
    """The place in the file of the longest text the title is made from."""
    found = [(len(text), loc) for loc, text, is_key in strings_in(loaded.raw) if not is_key and len(text) > 3 and text in title]
    return max(found)[1] if found else None


def title_problem(title: str, kind: str, columns: int = 1) -> Optional[str]:
    """Why `title` cannot be a slide title on the default template, or None when it fits."""
    from ..deck.content import SlideSpec
    from ..deck.fit import continued_title, title_size
    from ..deck.writer import TITLE_SIZES

    writer = _deck()
    role = writer.role_for(SlideSpec(kind, title, columns=columns))
    sizes = TITLE_SIZES[role]
    box = writer.looks[role].title.box
    try:
        for text in ([title, continued_title(title, 2)] if kind == "content" else [title]):
            title_size(text, box, sizes)
    except LessonkitError:
        return _("too long for a slide title, even at the smallest title size ({size} pt)", size=sizes[-1])
    return None


def chat_problem(scenario) -> Optional[str]:
    """Why a story's chat cannot be drawn on the default template's phone picture, or None."""
    from ..deck.chat import chat_problem as problem
    from ..deck.looks import EMU_PER_PT

    _title, frame, _text = _deck().picture_frames()
    width, height = frame.width / EMU_PER_PT, frame.height / EMU_PER_PT
    if hasattr(scenario, "problem"):  # a drawn picture of its own (the helping hand)
        return scenario.problem(width, height)
    return problem(scenario, width, height)


def check(project: Project, adapted: Optional[Adapted] = None) -> List[Finding]:
    from ..deck.outline import plan

    adapted = adapted or adapter(project)
    findings: List[Finding] = []
    for loaded in project.lessons:
        seen: Dict[str, bool] = {}
        for audience_id in loaded.model.audiences:
            audience = project.audiences.get(audience_id)
            if audience is None:
                continue
            for spec in plan(adapted(loaded.model, audience)):
                problem = chat_problem(spec.picture) if spec.kind == "picture" else None
                if problem and ("chat", problem) not in seen:  # a chat differs by audience: each is checked
                    seen[("chat", problem)] = False
                    if hasattr(spec.picture, "palm"):
                        part = "baseline_activity" if spec.group == "baseline" else "closing_activity"
                        findings.append(loaded.finding((part, "hand", "palm"), problem, rule="helping-hand"))
                    else:
                        loc = ("scenarios", [s.id for s in loaded.model.scenarios].index(spec.picture.id), "chat")
                        findings.append(loaded.finding(loc, problem, rule="story-chat"))
                if spec.title in seen:
                    continue
                problem = title_problem(spec.title, spec.kind, spec.columns)
                seen[spec.title] = problem is None
                if problem:
                    loc = _source(loaded, spec.title) or ("title",)
                    findings.append(loaded.finding(
                        loc, _("'{title}' is {problem}", title=spec.title, problem=problem),
                        _("shorten this heading, or use shorter words: a slide title holds about two lines"),
                        rule="slide-title"))
    return findings
