"""Help is instant: `lessonkit --help` and every command's `--help` import neither the models
(pydantic) nor the renderers. Checked by what is imported, never by timing."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from toolkit.cli import COMMANDS, main

HEAVY = ("pydantic", "toolkit.model", "toolkit.build", "toolkit.load", "pptx", "reportlab", "starlette", "uvicorn", "httpx", "jinja2", "phonenumbers")


def _every_command(group: click.Group, ctx: click.Context, prefix=()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _every_command(command, click.Context(command, parent=ctx), (*prefix, name))


def _all_commands():
    return [list(c) for c in _every_command(main, click.Context(main))]


def _imported_after_help(args) -> set:
    code = ("import json, sys\nfrom toolkit.cli import main\n"
            f"try:\n    main({args!r}, prog_name='lessonkit')\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
            "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_every_command_is_listed_and_the_lazy_ones_load():
    names = [c[0] for c in _all_commands()]
    for name in ("build", "validate", "list", "init", "schema", *COMMANDS):
        assert name in names
    assert ["school", "init"] in _all_commands() and ["quiz", "serve"] in _all_commands()


@pytest.mark.parametrize("args", [[]] + _all_commands(), ids=lambda a: " ".join(a) or "lessonkit")
def test_help_imports_nothing_heavy(args):
    loaded = _imported_after_help([*args, "--help"])
    heavy = sorted(m for m in loaded if m.split(".")[0] in HEAVY or any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert heavy == [], f"`lessonkit {' '.join(args)} --help` imports {heavy[:8]}"


def test_a_command_still_imports_what_it_uses_when_it_runs():
    loaded = _imported_after_help(["list"])  # `list` prints and exits 0
    assert "toolkit.build" in loaded and "pydantic" in loaded
