"""The documentation shows what really works: its example lesson validates as written."""

from __future__ import annotations

import re

from toolkit.build import load_checked

from kit import LESSONS, ROOT


def test_the_annotated_example_in_the_lesson_format_doc_validates(tmp_path):
    doc = (ROOT / "docs" / "lesson-format.md").read_text(encoding="utf-8")
    example = re.search(r"## A complete, annotated example.*?```yaml\n(.*?)```", doc, re.S).group(1)
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    project, findings = load_checked([tmp_path / "example.yaml"], catalogue=LESSONS)
    assert [l.model.id for l in project.lessons] == ["spotting-tricks"]
    assert [f.render() for f in findings if f.severity == "error"] == []


def test_every_format_has_a_readme_row():
    from toolkit.render import formats

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in formats():
        assert f"| `{name}` |" in readme


def test_the_quick_start_is_two_commands_and_ci_runs_the_first_as_written():
    import subprocess

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.search(r"## Quick start\n.*?```sh\n(.*?)```", readme, re.S).group(1).splitlines()
    assert len(commands) == 2 and commands[1] == "scripts/test"
    assert commands[0].startswith("python3 -m venv .venv && ")  # works where PEP 668 refuses a plain pip install
    quick_start = (ROOT / ".ci" / "quick-start").read_text(encoding="utf-8")
    program = re.search(r"command=\$\(awk '(.*?)' README.md\)", quick_start).group(1)
    extracted = subprocess.run(["awk", program, "README.md"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert extracted.stdout.strip() == commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("bash .ci/quick-start") < ci.index("bash scripts/test")
