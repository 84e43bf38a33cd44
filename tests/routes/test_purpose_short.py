"""Each support route's `purpose_short`: what it is for in a few words, for its help card on the
slides. Every shipped route has one, and a longer one is refused with the file, line and limit."""

from __future__ import annotations

import shutil

from toolkit.load import load_project
from toolkit.model.routes import PURPOSE_SHORT_MAX

from kit import FIXTURES, LESSONS


def test_every_shipped_route_says_in_a_few_words_what_it_is_for():
    project, findings = load_project([LESSONS])
    assert not [f for f in findings if f.severity == "error"]
    for route in project.routes.values():
        assert route.purpose_short, route.id
        assert len(route.purpose_short) <= PURPOSE_SHORT_MAX, route.id


def test_a_short_purpose_over_the_limit_is_refused_with_its_place(tmp_path):
    folder = tmp_path / "lessons"
    shutil.copytree(FIXTURES / "minimal", folder)
    path = folder / "support-routes.yaml"
    text = path.read_text(encoding="utf-8")
    long = "Free, confidential help for children and young people about anything at all"
    assert len(long) > PURPOSE_SHORT_MAX
    assert "  - id: childline\n" in text
    path.write_text(text.replace("  - id: childline\n", f"  - id: childline\n    purpose_short: {long}\n", 1),
                    encoding="utf-8")
    _, findings = load_project([folder])
    errors = [f.render() for f in findings if f.severity == "error"]
    assert len(errors) == 1, errors
    assert "support-routes.yaml:3:" in errors[0] and "purpose_short" in errors[0] and str(PURPOSE_SHORT_MAX) in errors[0]
