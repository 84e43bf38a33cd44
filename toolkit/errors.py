"""One error root, and the findings a teacher reads: place, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Optional

import click


@dataclass(frozen=True)
class Finding:
    """One problem in one file."""

    path: str
    message: str
    hint: str = ""
    line: Optional[int] = None
    column: Optional[int] = None
    severity: str = "error"  # "error" or "warning"
    rule: str = ""

    @property
    def place(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"

    def render(self) -> str:
        text = f"{self.place}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class LessonkitError(click.ClickException):
    """Every error a user can cause. The CLI prints it as `Error: ...`, never a traceback."""

    exit_code = 1

    def show(self, file=None) -> None:
        from .terminal import say

        say(f"Error: {self.format_message()}", file=file, err=True)


class UsageProblem(LessonkitError):
    """A wrong option or missing file on the command line."""

    exit_code = 2


class ContentErrors(LessonkitError):
    """Lesson, catalogue or profile files have errors; every one is listed."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings: List[Finding] = sorted(
            findings, key=lambda f: (f.path, f.line or 0, f.column or 0)
        )
        errors = sum(f.severity == "error" for f in self.findings)
        warnings = len(self.findings) - errors
        counted = f"{errors} error{'s' if errors != 1 else ''}"
        if warnings:
            counted += f" and {warnings} warning{'s' if warnings != 1 else ''}"
        super().__init__(f"{counted} found. Fix them and run again; no files were changed.")

    def show(self, file=None) -> None:
        from .terminal import say

        for finding in self.findings:
            say(finding.render(), file=file, err=True)
        say(f"Error: {self.format_message()}", file=file, err=True)


class OutputProblem(LessonkitError):
    """A renderer asked to write somewhere it must not, or twice to the same place."""
