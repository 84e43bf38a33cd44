"""One pack: the national materials, or one school's, each in its own folder with its own index
page and a zip of the folder, so a pack that does not name a school cannot be mistaken for one that does.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

from .adapt import lesson_review_notice, signed_off
from .bilingual import combine_html
from .load import Project
from .model import SchoolProfile, text_for
from .model.school import profile_in
from .quizzes.zips import zipped
from .site import pack_page
from .wording import current_language, language

NATIONAL = "national"
"""The national pack's folder (and zip) name; no school profile may take it as its id."""


def pack_folder(school: Optional[SchoolProfile]) -> str:
    """The folder a pack is written to: the school's id, or 'national'."""
    return school.id if school else NATIONAL


def pack_summary(project: Project, school: Optional[SchoolProfile]) -> dict:
    """What the pack's index page and the manifest say about a pack: whose it is and how fresh it is,
    in the current language (the school's own words too)."""
    school = profile_in(school, current_language()) if school is not None else None
    verified = [c.last_verified for c in school.safeguarding_contacts if c.last_verified] if school else []
    return {
        "folder": pack_folder(school),
        "index": f"{pack_folder(school)}/index.html",
        "zip": f"{pack_folder(school)}.zip",
        "school": school.id if school else None,
        "school_name": school.name if school else None,
        "nation": school.nation if school else None,
        "fictional": bool(school and school.fictional),
        "contacts_checked": min(verified).isoformat() if verified else None,
        "files": 0,
        "lessons": [{
            "id": lesson.id, "title": text_for(lesson.title, "default"), "version": lesson.version,
            "last_reviewed": lesson.last_reviewed.isoformat(), "reviewed_by": lesson.reviewed_by,
            "review": lesson_review_notice(lesson, school), "signed_off": signed_off(lesson, school),
        } for lesson in (loaded.model for loaded in project.lessons)],
        "audiences": {a.id: a.names.for_nation(school.nation) if school else a.label  # in the nation's terms
                      for a in project.audiences.values()},
    }


def updated_summary(summary: dict, previous: Optional[dict], files: Sequence[dict]) -> dict:
    """The summary of a pack folder now holding `files`: lessons of an earlier build that are still
    there are kept (this build's version of a lesson replaces the earlier one)."""
    present = {entry["lesson"] for entry in files}
    lessons = {lesson["id"]: lesson for lesson in (previous or {}).get("lessons", []) if isinstance(lesson, dict)}
    lessons.update({lesson["id"]: lesson for lesson in summary["lessons"]})
    audiences = dict((previous or {}).get("audiences") or {}, **summary["audiences"])
    return dict(summary, files=len(files), audiences=audiences,
                lessons=[lessons[i] for i in sorted(lessons) if i in present])


def _relative(path: str, folder: str) -> str:
    return path[len(folder) + 1:]


def pack_files(summaries: Sequence[Tuple[str, dict]], files: Sequence[Tuple[dict, bytes]]) -> List[Tuple[str, bytes]]:
    """The pack's index page and its zip (the folder with that page), as (path, bytes) to write.
    `summaries`: (language, pack_summary()) for each of the pack's languages, Welsh first: the page
    is in each of them in turn (toolkit/bilingual.py)."""
    summary = summaries[0][1]
    folder = summary["folder"]
    listed = [dict(entry, path=_relative(entry["path"], folder)) for entry, _ in files]
    pages = []
    for tag, in_language in summaries:
        with language(tag):
            pages.append((tag, pack_page(in_language, listed)))
    index = (pages[0][1] if len(pages) == 1 else combine_html(pages)).encode("utf-8")
    contents = [(entry["path"], data) for entry, data in files] + [(summary["index"], index)]
    return [(summary["index"], index), (summary["zip"], zipped(sorted(contents)))]  # name order: the same bytes each build


def current_packs(previous: Sequence[dict], built: Sequence[dict]) -> List[dict]:
    """Packs of earlier builds still in the folder, with this build's packs replacing theirs; national first."""
    packs: Dict[str, dict] = {p["folder"]: p for p in previous}
    packs.update({p["folder"]: p for p in built})
    return [packs[folder] for folder in sorted(packs, key=lambda f: (f != NATIONAL, f))]
