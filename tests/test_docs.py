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
