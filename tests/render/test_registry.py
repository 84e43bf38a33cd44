"""The formats' names are known without loading the formats (a build loads them only when it has
something to render), and each built-in format is named as its module is."""

from __future__ import annotations

import os
import subprocess
import sys

from kit import ROOT
from toolkit.render import format_names, formats


def test_every_format_is_named_as_its_module():
    assert format_names() == list(formats())
    for name, registered in formats().items():
        module = sys.modules[registered.render.__module__]
        assert module.__name__ == "toolkit.render." + name.replace("-", "_")


def test_a_rebuild_with_nothing_to_render_loads_no_format(tmp_path):
    output = tmp_path / "out"
    this_checkout = {**os.environ, "PYTHONPATH": str(ROOT)}  # both builds run this code, whatever is installed
    build = [sys.executable, "-m", "toolkit", "build", "--lesson", "staff-briefing", "-o", str(output)]
    assert subprocess.run(build, cwd=tmp_path, capture_output=True, timeout=300, env=this_checkout).returncode == 0
    script = ("import sys\nfrom toolkit.cli import main\n"  # main, not the program: that ends without a word after
              "try:\n    main(sys.argv[1:], prog_name='lessonkit')\nexcept SystemExit as end:\n"
              "    assert not end.code, end.code\n"
              "loaded = sorted(m for m in sys.modules if m.startswith('toolkit.render.'))\n"
              "print('LOADED', loaded, file=sys.stderr)\n")
    again = subprocess.run([sys.executable, "-c", script, *build[3:]], cwd=tmp_path, capture_output=True, text=True,
                           timeout=300, env=this_checkout)
    assert again.returncode == 0, again.stderr
    assert "LOADED []" in again.stderr
