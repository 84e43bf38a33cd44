"""Everything lessonkit prints goes through here: text from lessons and profiles is made safe to show,
and a reader that goes away (`lessonkit build 2>&1 | head -1`) never stops the work.

`visible` is the one rule for what a terminal may receive: control characters, escape sequences,
text-direction overrides and lone surrogates are shown as `\\x1b`-style codes instead of being
obeyed, so a lesson or profile cannot clear the screen, set the window title or hide text.
"""

from __future__ import annotations

import errno
import os
import re
import sys
from typing import IO, Optional

import click

from .textrules import UNRENDERABLE

# What no format renders (the validate rule), plus text-direction overrides and isolates
_UNSAFE = re.compile(f"[{UNRENDERABLE}\u202a-\u202e\u2066-\u2069]")


def _code(match: "re.Match[str]") -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def visible(text: str) -> str:
    """`text` with every character a terminal would obey instead of show written as a code."""
    return _UNSAFE.sub(_code, str(text))


def _silence(stream: IO) -> None:
    """The reader has gone: send the rest of this stream's output nowhere, and carry on."""
    try:
        target = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, target)
    finally:
        os.close(devnull)


def say(text: str = "", err: bool = False, file: Optional[IO] = None, nl: bool = True) -> None:
    """Print one message (made visible); a closed pipe is not an error."""
    stream = file or (sys.stderr if err else sys.stdout)
    try:
        click.echo(visible(text), file=file, err=err, nl=nl)
    except (BrokenPipeError, ConnectionResetError):
        _silence(stream)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _silence(stream)


class SafeStream:
    """A stream for click's progress bar: writes that fail because the reader went away are dropped."""

    def __init__(self, stream: IO):
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except (BrokenPipeError, ConnectionResetError):
            _silence(self.stream)
            return len(text)

    def flush(self) -> None:
        try:
            self.stream.flush()
        except (BrokenPipeError, ConnectionResetError):
            _silence(self.stream)

    def isatty(self) -> bool:
        return self.stream.isatty()

    def __getattr__(self, name):
        return getattr(self.stream, name)
