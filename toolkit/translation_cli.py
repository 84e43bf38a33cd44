"""`lessonkit translations`: keep the translations of lessons and catalogues in step with the English."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import click

from .terminal import say
from .wording import _

LANGUAGE_CHOICE = click.Choice(["cy"])


@click.group()
def translations() -> None:
    """Translate lessons: gettext catalogues (.po) beside the lesson files.

    \b
    Example:
      lessonkit translations update --language cy
      lessonkit translations check --language cy
    """


@translations.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--language", required=True, type=LANGUAGE_CHOICE, help="The language to translate into (cy: Welsh).")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help="Folder with audiences.yaml, support-routes.yaml and nations.yaml.")
def update(paths: Tuple[Path, ...], language: str, catalogue: Optional[Path]) -> None:
    """Add every text the lessons and catalogues have now to their catalogues (locale/LANG/*.po).

    Translations already made are kept; where the English changed, the old translation is marked
    fuzzy for the translator to check. Open the .po files in a PO editor such as Poedit.

    \b
    Example:
      lessonkit translations update --language cy
      lessonkit translations update our-lessons --language cy
    """
    from importlib.metadata import version

    from .errors import ContentErrors
    from .load import lesson_paths_or_builtin, load_project
    from .translation import update_catalogue

    project, findings = load_project(lesson_paths_or_builtin(paths), catalogue)
    if any(f.severity == "error" for f in findings):
        raise ContentErrors(findings)
    files = [project.audiences_file, project.routes_file, project.nations_file, *project.lessons]
    for loaded in files:
        if loaded is None:
            continue
        path, total, missing = update_catalogue([loaded], Path(loaded.path), language, version("lessonkit"))
        say(_("{file}: {total} texts, {missing} still to translate or check", file=path, total=total, missing=missing))


@translations.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--language", required=True, type=LANGUAGE_CHOICE, help="The language to check (cy: Welsh).")
@click.option("--catalogue", type=click.Path(path_type=Path, file_okay=False), help="Folder with audiences.yaml, support-routes.yaml and nations.yaml.")
def check(paths: Tuple[Path, ...], language: str, catalogue: Optional[Path]) -> None:
    """Report every text with no finished translation (file, line, column and field), then check the
    translated lessons with the rules that do not read English words.

    \b
    Example:
      lessonkit translations check --language cy
    """
    check_translation(paths, language, catalogue)


def check_translation(paths: Tuple[Path, ...], language: str, catalogue: Optional[Path]) -> None:
    """`translations check` and `validate --language`: every text translated, and the translated lessons
    pass the rules that do not read English words; ContentErrors listing every problem otherwise."""
    from .errors import ContentErrors
    from .load import lesson_paths_or_builtin, load_project
    from .translation import translated_project

    project, findings = load_project(lesson_paths_or_builtin(paths), catalogue)
    if any(f.severity == "error" for f in findings):
        raise ContentErrors(findings)
    translated, findings = translated_project(project, language)
    if findings:
        raise ContentErrors(findings)
    from .checks import run_checks
    from .checks.content import ENGLISH_ONLY_RULES

    from .wording import language as in_language

    with in_language(language):  # pictures and slides are measured with the words they will carry
        problems = run_checks(translated)
    if any(f.severity == "error" for f in problems):
        raise ContentErrors(problems)
    say(_("{count} lessons checked in {language}: every text translated, no errors.", count=len(translated.lessons),
          language=language))
    say(_("Checked on the English source only (these rules read English words; the translation must keep the "
          "meaning): {rules}.", rules="; ".join(_(rule) for rule in ENGLISH_ONLY_RULES.values())))
