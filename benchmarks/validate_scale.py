"""How `lessonkit validate` scales: time and peak memory for a folder of many lessons.

Copies a built-in lesson N times (each with its own id) into a temporary folder beside the
built-in catalogues, runs `lessonkit validate` on it in a fresh process, and prints the wall time,
the time per lesson and the peak resident memory of that process. Run it at two sizes to see
whether memory stays flat (it should not grow with the number of lessons). Figures only.

    python benchmarks/validate_scale.py [--lessons 2000] [--lesson lessons/online-blackmail.yaml]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_lessons(folder: Path, source: Path, count: int) -> None:
    text = source.read_text(encoding="utf-8")
    for name in ("audiences.yaml", "support-routes.yaml"):
        shutil.copy(ROOT / "lessons" / name, folder / name)
    for number in range(count):
        lesson_id = f"scale-{number:05d}"
        (folder / f"{lesson_id}.yaml").write_text(re.sub(r"(?m)^id: .*$", f"id: {lesson_id}", text, count=1), encoding="utf-8")


def measure(folder: Path) -> tuple:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run([sys.executable, "-m", "toolkit", "validate", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode not in (0, 1):
        sys.exit(f"validate failed: {result.stderr[-2000:]}")
    return elapsed, max(peak_kb, before), result.stdout.strip().splitlines()[-1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lessons", type=int, default=2000)
    parser.add_argument("--lesson", type=Path, default=ROOT / "lessons" / "online-blackmail.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        make_lessons(folder, args.lesson, args.lessons)
        elapsed, peak_kb, summary = measure(folder)
    print(f"lessons:          {args.lessons}")
    print(f"wall time:        {elapsed:.1f} s ({elapsed / args.lessons * 1000:.1f} ms per lesson)")
    print(f"peak memory:      {peak_kb / 1024:.0f} MB (resident, the validate process)")
    print(f"validate said:    {summary[0] if summary else ''}")


if __name__ == "__main__":
    main()
