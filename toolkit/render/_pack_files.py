"""Which files of a pack go with one lesson and audience, by name, as a default build writes them.

Each name comes from the function its format uses to name the file, and each title from the pack
index's table of kinds (`site.describe`), so the lesson plan's list of resources and the files
themselves cannot drift apart. (The module name starts with "_" so the format registry skips it.)"""

from __future__ import annotations

from typing import List, NamedTuple, Optional

from ..adapt import AdaptedLesson
from ..bilingual import file_name
from . import RenderOptions
from ..quizzes import quizzes
from ..site import describe
from .gift import gift_name
from .handout import handout_stem, handouts
from .kahoot import sheet_name
from .moodle_xml import has_ordering, xml_name
from .qti import package_name
from .quiz_paper import file_stem
from .slides import deck_names


class PackFile(NamedTuple):
    name: str
    title: str
    description: str
    use: str  # "teach", "print", "platform": as the pack index groups them


def pack_files(lesson: AdaptedLesson, options: Optional[RenderOptions] = None) -> List[PackFile]:
    """The slides, handouts and quiz files a full build makes for this lesson and audience (named as
    in a pack of `options.languages` when rendered in `options.language`: toolkit/bilingual.py)."""
    options = options or RenderOptions()

    def _file(name: str, format_name: str) -> PackFile:
        kind = describe(name, format_name)
        return PackFile(file_name(name, format_name, options.language, options.languages), kind.title,
                        kind.description, kind.use)

    files = [_file(name, "slides") for name in deck_names(lesson)]
    files += [_file(handout_stem(lesson, handout) + ".pdf", "handout") for handout in handouts(lesson, False)]
    parts = quizzes(lesson)
    if parts:
        files += [_file(file_stem(lesson, kind, None, False) + ".pdf", "quiz-paper")
                  for kind in [f"{part}-quiz-paper" for part, _ in parts] + ["quiz-answer-key"]]
        files += [_file(sheet_name(lesson, part), "kahoot") for part, _ in parts]
        files.append(_file(gift_name(lesson), "gift"))
        files.append(_file(xml_name(lesson), "moodle-xml"))
        if has_ordering(lesson):
            files.append(_file(xml_name(lesson, before_4_4=True), "moodle-xml"))
        files += [_file(package_name(lesson, part), "qti") for part, _ in parts]
    return files
