"""YAML files -> typed models, keeping where each value came from for later messages."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Generic, List, Optional, Sequence, Tuple, Type, TypeVar

from pydantic import BaseModel, ValidationError

from .builtin import example_schools, school_profile_path
from .builtin import lessons_dir as builtin_lessons
from .errors import Finding, UsageProblem
from .lessonfiles import (AUDIENCES_FILE, CATALOGUE_FILES, NATIONS_FILE, ROUTES_FILE, catalogue_dir_for,  # noqa: F401
                          display_path, lesson_files, lesson_paths_or_builtin)
from .model import Audience, AudienceCatalogue, Lesson, Nation, NationCatalogue, RouteCatalogue, SchoolProfile, SupportRoute
from .textrules import text_findings
from .validation import findings_from
from .wording import N_, _
from .yamlsource import Positions, YamlProblem, read

M = TypeVar("M", bound=BaseModel)



@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A model with the file it came from and the positions of its values."""

    model: M
    path: str
    positions: Positions
    raw: Any = None

    def finding(self, loc: Sequence[Any], message: str, hint: str = "", severity: str = "error",
                rule: str = "", key: bool = False) -> Finding:
        where = self.positions.find(tuple(loc), prefer_key=key)
        line, column = where if where else (None, None)
        return Finding(self.path, message, hint, line, column, severity, rule)


def load_file(path: Path, model: Type[M], findings: List[Finding]) -> Optional[Loaded[M]]:
    """Read one file as `model`; append every problem to `findings` and return None on failure."""
    shown = display_path(path)
    try:
        data, positions = read(path)
    except YamlProblem as problem:
        findings.append(Finding(shown, problem.message, problem.hint, problem.line, problem.column, rule="yaml"))
        return None
    if not isinstance(data, dict):
        findings.append(Finding(shown, _("the file should be a mapping of keys to values"),
                                _("start from the example in docs/lesson-format.md"), 1, 1, rule="yaml"))
        return None
    text_problems = text_findings(data, positions, shown)
    findings.extend(text_problems)
    try:
        loaded = Loaded(model.model_validate(data), shown, positions, data)
        return None if any(f.rule == "characters" for f in text_problems) else loaded
    except ValidationError as exc:
        findings.extend(findings_from(exc, data, positions, shown, model))
        return None


# What `plain_input` says, by the input it checks.
_NOT_PLAIN = {
    "slide template": N_("{path}: the slide template is not a plain file (it is missing, a folder, a pipe or a "
                         "device). Give the path of the slide template file"),
}


def plain_input(path: Optional[Path], what: str) -> None:
    """Refuse, before anything opens it, an input that is not a plain file (a pipe would hang the build).
    `what` is a key of _NOT_PLAIN."""
    if path is not None and not Path(path).is_file():
        raise UsageProblem(_(_NOT_PLAIN[what], path=path))


@dataclass
class Project:
    """Everything a build reads: lessons and the catalogues they refer to."""

    lessons: List[Loaded[Lesson]] = field(default_factory=list)
    audiences_file: Optional[Loaded[AudienceCatalogue]] = None
    routes_file: Optional[Loaded[RouteCatalogue]] = None
    nations_file: Optional[Loaded[NationCatalogue]] = None
    language: str = "en"
    """The language of the text: English, or a translation (toolkit/translation.py)."""

    @property
    def nations(self) -> Dict[str, Nation]:
        """Each nation's terms: the catalogue's nations.yaml, else the built-in one."""
        return self.nations_file.model.by_id() if self.nations_file else builtin_nations()

    @property
    def audiences(self) -> Dict[str, Audience]:
        return self.audiences_file.model.by_id() if self.audiences_file else {}

    @property
    def routes(self) -> Dict[str, SupportRoute]:
        return self.routes_file.model.by_id() if self.routes_file else {}

    def lesson(self, lesson_id: str) -> Optional[Lesson]:
        return next((l.model for l in self.lessons if l.model.id == lesson_id), None)


def load_project(paths: Sequence[Path], catalogue: Optional[Path] = None,
                 catalogues_only: bool = False) -> Tuple[Project, List[Finding]]:
    """Load every lesson and both catalogues, collecting all problems rather than stopping at one.
    No `paths` means the built-in lessons, unless `catalogues_only` (then only the catalogues for
    them are loaded)."""
    findings: List[Finding] = []
    paths = lesson_paths_or_builtin(paths)
    folder = catalogue_dir_for(paths, catalogue)
    project = Project()
    for name, model, attr in ((AUDIENCES_FILE, AudienceCatalogue, "audiences_file"), (ROUTES_FILE, RouteCatalogue, "routes_file")):
        target = folder / name
        if not target.exists():
            findings.append(Finding(display_path(target), _("catalogue file not found"),
                                    _("give the folder that holds {file} with --catalogue, or leave --catalogue out "
                                      "to use the built-in one", file=name)))
            continue
        setattr(project, attr, load_file(target, model, findings))
    if (folder / NATIONS_FILE).exists():  # optional: without it, the built-in nations apply
        project.nations_file = load_file(folder / NATIONS_FILE, NationCatalogue, findings)
    for path in [] if catalogues_only else lesson_files(paths):
        loaded = load_file(path, Lesson, findings)
        if loaded is not None:
            project.lessons.append(loaded)
    return project, findings


@functools.lru_cache(maxsize=None)
def builtin_nations() -> Dict[str, Nation]:
    """The built-in nations.yaml, for commands that read no catalogue (`school init`, profile checks)."""
    findings: List[Finding] = []
    loaded = load_file(builtin_lessons() / NATIONS_FILE, NationCatalogue, findings)
    if loaded is None:  # only if the installed package itself is damaged
        raise UsageProblem(_("the built-in nations.yaml cannot be read: {problems}. Reinstall lessonkit",
                             problems="; ".join(f.message for f in findings)))
    return loaded.model.by_id()


def load_school(path: Path) -> Tuple[Optional[Loaded[SchoolProfile]], List[Finding]]:
    from .profiles.logo import confined_logo

    findings: List[Finding] = []
    path = school_profile_path(path)
    if not path.is_file():
        if path.exists():
            raise UsageProblem(_("{path}: not a school profile file (it is a folder, pipe or device). Give the path of "
                                 "a .yaml file", path=path))
        raise UsageProblem(_("{path}: no such school profile. Try: lessonkit school init {path} "
                             "(or use a built-in example: {examples})", path=path, examples=", ".join(example_schools())))
    loaded = load_file(path, SchoolProfile, findings)
    if loaded is not None and loaded.model.logo:
        # Renderers get the checked absolute path; the logo is given relative to the profile.
        logo, problem = confined_logo(path, loaded.model.logo)
        if problem:
            severity, message, hint = problem
            findings.append(loaded.finding(("logo",), message, hint, severity, "logo"))
        loaded = Loaded(loaded.model.model_copy(update={"logo": str(logo) if logo else None}), loaded.path, loaded.positions, loaded.raw)
    return loaded, findings
