"""Where the built-in content lives: the lessons, audiences, national support routes and example
schools that ship inside the package, so lessonkit works from any folder after install.

In the repository `toolkit/builtin` is a link to the top-level `lessons/` folder, where authors edit
the content; building a wheel copies the files behind the link into the package (see pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, List, Sequence

from .errors import Finding

BUILTIN = (Path(__file__).parent / "builtin").resolve()
"""The built-in lessons and both catalogues (audiences.yaml, support-routes.yaml)."""

BUILTIN_SCHOOLS = BUILTIN / "schools"
"""Example school profiles, one for each UK nation."""


def lessons_dir() -> Path:
    """The built-in lessons folder (also the built-in catalogue folder)."""
    return BUILTIN


def is_builtin(path: str | Path) -> bool:
    """Whether `path` (as shown in a finding) is one of the built-in files a user cannot change."""
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError):
        return False
    return resolved == BUILTIN or BUILTIN in resolved.parents


def example_schools() -> list[str]:
    """The ids of the built-in example school profiles, e.g. 'example-england'."""
    return sorted(p.stem for p in BUILTIN_SCHOOLS.glob("*.yaml"))


def school_profile_path(path: Path) -> Path:
    """`path` itself if it is a file; a bare name such as 'example-england' means the built-in example."""
    if path.is_file() or path.parent != Path("."):
        return path
    name = path.name if path.suffix in (".yaml", ".yml") else f"{path.name}.yaml"
    builtin = BUILTIN_SCHOOLS / name
    return builtin if builtin.is_file() else path


def only_builtin(paths: Sequence[Path]) -> bool:
    """Whether lessons read from `paths` (none: the built-in ones) are all built-in."""
    return all(is_builtin(path) for path in paths)


def for_users(findings: Iterable[Finding], strict: bool) -> List[Finding]:
    """What a build shows: findings about built-in files are for their authors (`validate`, `--strict`)."""
    return [finding for finding in findings if strict or not is_builtin(finding.path)]
