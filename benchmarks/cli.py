"""What a teacher waits for: whole `lessonkit` commands, against their targets and baselines.

Runs each command as a teacher does (`python -m toolkit ...` in a fresh process, in a temporary
folder), several times, and prints the median wall time (and the fastest) beside its target and
its baseline:

- `lessonkit --help` and every command's `--help`: target 0.15 s and at most 3 times
  `python -c "import click"` (the baseline measured here).
- `lessonkit validate` of the built-in lessons: target 0.5 s; also the first run on a computer (an empty
  user cache folder: message catalogues compiled, hyphenation patterns parsed). Also the YAML parse alone, with
  libyaml's C parser and with the pure-Python one (what `validate` falls back to without libyaml).
- `lessonkit build` of the default pack: `--jobs 1 --no-cache` (the baseline: one core, no cache)
  and `--jobs 2 --no-cache` (target 4 s); outputs compared byte for byte.
- A rebuild after changing nothing (target 1 s), and after editing one lesson (how many units were
  rendered again: only that lesson's).
- A trust of 50 schools (`--schools` over 50 profiles generated in a temporary folder from the
  example schools): wall time at 1, 2 and 4 jobs.
- Peak memory (the sum of the RSS of lessonkit and its workers, sampled) of a full build and of the
  50-school build.

With `--compare DIR` (another checkout, e.g. `git archive 58d282b | tar -x -C /tmp/before`), the
help, validate and build figures are also measured for that code, as the baseline before a change.
Libraries that code needs and this checkout no longer installs go in a folder given with
`--compare-deps DIR` (before 2026-12-05: `pip install --no-deps --target DIR textstat==0.7.4`).
Bytecode is used as an installed package uses it (PYTHONDONTWRITEBYTECODE is dropped, and each
command runs once before it is timed). Figures only: nothing is asserted, and a busy machine makes
them slower (see docs/speed.md).

    python benchmarks/cli.py [--repeat 5] [--trust-repeat 1] [--trust-formats json,handout] [--skip-trust]
                             [--compare /tmp/before]
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The figures the issue (22) gives for the code before it, on the same kind of 2-core machine, idle.
ISSUE_BASELINES = {"help": 0.7, "validate": 1.7, "build": 10.0}
TARGETS = {"help": 0.15, "help_ratio": 3.0, "validate": 0.5, "build": 4.0, "rebuild": 1.0}


COMPARE_DEPS: List[Path] = []
"""Folders of libraries the --compare checkout needs that this one no longer installs (--compare-deps)."""


USER_CACHE: List[Path] = []
"""The user's cache folder the commands are given (LESSONKIT_CACHE_DIR): one in the work folder, so
that no run reads what lessonkit kept on this machine before."""


def environment(tree: Path) -> Dict[str, str]:
    paths = [tree] + (COMPARE_DEPS if tree != ROOT else [])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(p) for p in paths))
    if USER_CACHE:
        env["LESSONKIT_CACHE_DIR"] = str(USER_CACHE[0])
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    env.pop("LESSONKIT_DEBUG", None)
    return env


def lessonkit(tree: Path, cwd: Path, *args: str) -> List[str]:
    return [sys.executable, "-m", "toolkit", *args]


class PeakMemory:
    """The largest sum of the memory of a process and all its descendants, sampled: their
    proportional set sizes (PSS: pages a forked worker shares with lessonkit counted once, not once
    per process as RSS counts them), or their RSS where the system does not give PSS."""

    def __init__(self, pid: int, every: float = 0.05):
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> List[int]:
        found = [pid]
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    for child in handle.read().split():
                        found += self._tree(int(child))
        except OSError:
            pass
        return found

    def _rss_kb(self, pid: int) -> int:
        for source, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
            try:
                with open(source) as handle:
                    for line in handle:
                        if line.startswith(field):
                            return int(line.split()[1])
            except OSError:
                continue
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(self._rss_kb(pid) for pid in self._tree(self.pid)))
            time.sleep(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


CPU: List[float] = []
"""The CPU seconds (user and system, the command and its workers) of each command run, in order."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(tree: Path, cwd: Path, *args: str, memory: bool = False) -> Tuple[float, int]:
    """Wall seconds (and, with `memory`, peak KB of the process tree) of one command; it must succeed.
    Its CPU seconds are added to CPU."""
    cpu = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(lessonkit(tree, cwd, *args), cwd=cwd, env=environment(tree),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = PeakMemory(process.pid) if memory and Path("/proc/self/status").exists() else None
    out, err = process.communicate()
    wall = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu)
    peak = sampler.stop() if sampler else 0
    if process.returncode != 0:
        raise SystemExit(f"`lessonkit {' '.join(args)}` failed ({process.returncode}):\n{err.decode()[-2000:]}")
    return wall, peak


def timed(repeat: int, work) -> List[float]:
    work()  # once untimed: bytecode written, files in the disk cache
    del CPU[:]
    return [work() for _ in range(repeat)]


def show(name: str, times: Sequence[float], target: Optional[float] = None, baseline: Optional[float] = None,
         baseline_name: str = "", extra: str = "") -> None:
    median = statistics.median(times)
    text = f"  {name:44} median {median:6.2f} s  (fastest {min(times):5.2f} s, {len(times)} runs"
    cpu = CPU[-len(times):] if len(CPU) >= len(times) else []
    text += f"; CPU {statistics.median(cpu):5.2f} s)" if cpu else ")"
    del CPU[:]
    if target is not None:
        text += f"  target {target:.2f} s: {'met' if median <= target else 'NOT met'}"
    if baseline:
        text += f"  baseline {baseline:.2f} s{f' ({baseline_name})' if baseline_name else ''}, {baseline / median:.1f}x faster"
    print(text + (f"  {extra}" if extra else ""), flush=True)


def commands() -> List[List[str]]:
    import click

    from toolkit.cli import main

    found: List[List[str]] = [[]]

    def walk(group: click.Group, ctx: click.Context, prefix: List[str]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            found.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, click.Context(command, parent=ctx), [*prefix, name])

    walk(main, click.Context(main), [])
    return found


def help_figures(repeat: int, work: Path, compare: Optional[Path]) -> None:
    print("Help (target: at most 0.15 s and 3 times `python -c \"import click\"`)")
    click_times = timed(repeat, lambda: _wall([sys.executable, "-c", "import click"], work, ROOT))
    show("python -c 'import click' (the baseline)", click_times)
    click_median = statistics.median(click_times)
    before = None
    if compare:
        times = timed(repeat, lambda: run(compare, work, "--help")[0])
        show("lessonkit --help, before (--compare)", times)
        before = statistics.median(times)
    worst = 0.0
    for args in commands():
        times = timed(repeat, lambda: run(ROOT, work, *args, "--help")[0])
        worst = max(worst, statistics.median(times))
        ratio = statistics.median(times) / click_median
        show(f"lessonkit {' '.join(args)} --help".replace("  ", " "), times, TARGETS["help"],
             before if not args else None, "--compare" if before else "",
             extra=f"{ratio:.1f}x click ({'met' if ratio <= TARGETS['help_ratio'] else 'NOT met'})")
    print(f"  slowest help: {worst:.2f} s; the issue's baseline for `lessonkit --help`: {ISSUE_BASELINES['help']} s")


def _wall(command: List[str], cwd: Path, tree: Path) -> float:
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=environment(tree), check=True, capture_output=True)
    CPU.append(_children_cpu() - cpu)
    return time.perf_counter() - start


def yaml_figures(repeat: int) -> None:
    import yaml

    from toolkit import yamlsource
    from toolkit.builtin import lessons_dir

    texts = [p.read_text(encoding="utf-8") for p in sorted(lessons_dir().glob("*.yaml"))]

    def parse(fast: bool) -> float:
        start = time.perf_counter()
        for text in texts:
            yamlsource._compose(text, fast=fast)
        return time.perf_counter() - start

    print(f"YAML parse of the {len(texts)} built-in files (in one process, with every value's line and column)")
    slow = timed(repeat, lambda: parse(False))
    show("pure-Python parser (the fallback)", slow)
    if getattr(yaml, "CSafeLoader", None) is not None:
        show("libyaml's C parser (used when installed)", timed(repeat, lambda: parse(True)), baseline=statistics.median(slow),
             baseline_name="pure Python")
    else:
        print("  libyaml is not installed here: validate uses the pure-Python parser")


def validate_figures(repeat: int, work: Path, compare: Optional[Path]) -> None:
    print("Validate the built-in lessons (target 0.5 s)")
    before = None
    if compare:
        times = timed(repeat, lambda: run(compare, work, "validate")[0])
        show("lessonkit validate, before (--compare)", times)
        before = statistics.median(times)
    baseline, named = before or ISSUE_BASELINES["validate"], "--compare" if before else "issue 22"
    show("lessonkit validate --no-cache --jobs 1", timed(repeat, lambda: run(ROOT, work, "validate", "--no-cache",
                                                                              "--jobs", "1")[0]),
         TARGETS["validate"], baseline, named, extra="(every file checked, on one core)")
    show("lessonkit validate --no-cache", timed(repeat, lambda: run(ROOT, work, "validate", "--no-cache")[0]),
         TARGETS["validate"], baseline, named, extra="(every file checked, on two cores)")
    show("lessonkit validate (nothing changed)", timed(repeat, lambda: run(ROOT, work, "validate")[0]),
         TARGETS["validate"], baseline, named, extra="(every file's findings remembered)")
    kept = list(USER_CACHE)
    firsts = [0]

    def first_time() -> float:  # an empty user cache folder: catalogues compiled, pyphen's patterns parsed
        firsts[0] += 1
        USER_CACHE[:] = [work / f"user-cache-first-{firsts[0]}"]
        try:
            return run(ROOT, work, "validate", "--no-cache")[0]
        finally:
            USER_CACHE[:] = kept

    show("lessonkit validate --no-cache, first run", timed(repeat, first_time), TARGETS["validate"], baseline, named,
         extra="(every file checked, nothing kept in the user's cache folder yet)")
    lessons = work / "validate-lessons"
    shutil.rmtree(lessons, ignore_errors=True)
    from toolkit.builtin import lessons_dir
    shutil.copytree(lessons_dir(), lessons, ignore=shutil.ignore_patterns("schools", "locale"))
    victim = lessons / "online-blackmail.yaml"
    turn = [0]

    def edited() -> float:
        turn[0] += 1
        text = victim.read_text(encoding="utf-8")
        version = re.search(r"^version: *(.+)$", text, re.M)
        assert version, f"{victim} has no top-level version to edit"
        victim.write_text(text.replace(version.group(0), f'version: "9.{turn[0]}"', 1), encoding="utf-8")
        return run(ROOT, work, "validate", str(lessons))[0]

    show(f"lessonkit validate after editing {victim.name}", timed(repeat, edited), TARGETS["validate"], baseline,
         named, extra="(the largest lesson checked again, the others remembered)")


def build_figures(repeat: int, work: Path, compare: Optional[Path]) -> None:
    print("Build the default pack (target 4 s with 2 jobs; baseline one job, no cache)")
    if compare:
        show("lessonkit build, before (--compare)", timed(repeat, lambda: run(compare, work, "build", "-o", _fresh(work, "before"))[0]))
    # Taking turns, so that the load other work puts on the machine weighs on both alike.
    turns = timed(repeat, lambda: (run(ROOT, work, "build", "--jobs", "1", "--no-cache", "-o", _fresh(work, "serial"))[0],
                                   run(ROOT, work, "build", "--jobs", "2", "--no-cache", "-o", _fresh(work, "parallel"))[0]))
    cpu = list(CPU)
    serial, parallel = [t[0] for t in turns], [t[1] for t in turns]
    CPU[:] = cpu[0::2]
    show("lessonkit build --jobs 1 --no-cache", serial)
    CPU[:] = cpu[1::2]
    show("lessonkit build --jobs 2 --no-cache", parallel, TARGETS["build"], statistics.median(serial), "--jobs 1")
    same = _same_tree(work / "serial", work / "parallel")
    print(f"  --jobs 2 and --jobs 1 outputs byte-identical: {same}")

    print("Rebuild (target 1 s after no change; after editing one lesson only its files are rendered)")
    lessons = work / "lessons"
    shutil.rmtree(lessons, ignore_errors=True)
    from toolkit.builtin import lessons_dir
    shutil.copytree(lessons_dir(), lessons, ignore=shutil.ignore_patterns("schools"))
    output = work / "cached"
    first = run(ROOT, work, "build", str(lessons), "-o", str(output))[0]
    show("first build with the cache (empty cache)", [first])
    rebuild = timed(repeat, lambda: run(ROOT, work, "build", str(lessons), "-o", str(output))[0])
    show("rebuild, nothing changed", rebuild, TARGETS["rebuild"], statistics.median(serial), "--jobs 1 --no-cache")
    print(f"  cached build byte-identical to --jobs 1 --no-cache: {_same_tree(work / 'serial', output)}")
    cache = work / f".{output.name}.lessonkit" / "cache"
    edits = []
    victim = sorted(lessons.glob("*.yaml"))
    victim = next(p for p in victim if "online-blackmail" in p.name) if any("online-blackmail" in p.name for p in victim) else victim[-1]
    for turn in range(repeat):
        text = victim.read_text(encoding="utf-8")
        version = re.search(r"^version: *(.+)$", text, re.M)
        assert version, f"{victim} has no top-level version to edit"
        victim.write_text(text.replace(version.group(0), f'version: "9.{turn}"', 1), encoding="utf-8")
        before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.unit")}
        edits.append(run(ROOT, work, "build", str(lessons), "-o", str(output))[0])
        rendered = sum(1 for p in cache.glob("*.unit") if before.get(p.name) != p.stat().st_mtime_ns)
    show(f"rebuild after editing {victim.name}", edits, extra=f"{rendered} of {len(before)} units rendered again")


def _fresh(work: Path, name: str) -> str:
    shutil.rmtree(work / name, ignore_errors=True)
    shutil.rmtree(work / f".{name}.lessonkit", ignore_errors=True)
    return str(work / name)


def _same_tree(first: Path, second: Path) -> bool:
    one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    return one == two and all(filecmp.cmp(first / p, second / p, shallow=False) for p in one)


def make_trust(folder: Path, count: int) -> Path:
    """`count` school profiles made from the example schools (ids and names changed), with their logos."""
    examples_dir = ROOT / "lessons" / "schools"
    examples = sorted(examples_dir.glob("*.yaml"))
    folder.mkdir(parents=True, exist_ok=True)
    for logo in examples_dir.glob("*.png"):
        shutil.copy(logo, folder)
    for number in range(count):
        example = examples[number % len(examples)]
        text = example.read_text(encoding="utf-8")
        school_id = example.stem
        text = text.replace(f"id: {school_id}", f"id: {school_id}-{number:02d}", 1)
        (folder / f"{school_id}-{number:02d}.yaml").write_text(text, encoding="utf-8")
    return folder


def trust_figures(repeat: int, work: Path, formats: Sequence[str], count: int = 50) -> None:
    trust = make_trust(work / "trust", count)
    chosen = [arg for name in formats for arg in ("--format", name)]
    print(f"A trust of {count} schools (--schools, {'formats ' + ', '.join(formats) if formats else 'every format'}, no cache)")
    times: Dict[int, List[float]] = {1: [], 2: [], 4: []}
    cpu: Dict[int, List[float]] = {1: [], 2: [], 4: []}
    for _ in range(repeat):  # taking turns, as above
        for jobs in times:
            times[jobs].append(run(ROOT, work, "build", "--schools", str(trust), "--jobs", str(jobs), "--no-cache", *chosen,
                                   "-o", _fresh(work, f"trust{jobs}"))[0])
            cpu[jobs].append(CPU[-1])
    for jobs in times:
        CPU[:] = cpu[jobs]
        show(f"--schools ({count}) --jobs {jobs}", times[jobs], baseline=statistics.median(times[1]) if jobs > 1 else None,
             baseline_name="--jobs 1" if jobs > 1 else "")
    print(f"  --jobs 2 and --jobs 4 outputs byte-identical to --jobs 1: "
          f"{_same_tree(work / 'trust1', work / 'trust2') and _same_tree(work / 'trust1', work / 'trust4')}")


def memory_figures(work: Path, trust_formats: Sequence[str], skip_trust: bool) -> None:
    print("Peak memory (lessonkit and its workers together, PSS: shared pages counted once)")
    _, peak = run(ROOT, work, "build", "--jobs", "2", "--no-cache", "-o", _fresh(work, "memory"), memory=True)
    print(f"  full build of the default pack, --jobs 2: {peak / 1024:.0f} MB")
    _, peak = run(ROOT, work, "build", "--jobs", "1", "--no-cache", "-o", _fresh(work, "memory1"), memory=True)
    print(f"  full build of the default pack, --jobs 1: {peak / 1024:.0f} MB")
    if not skip_trust:
        chosen = [arg for name in trust_formats for arg in ("--format", name)]
        _, peak = run(ROOT, work, "build", "--schools", str(work / "trust"), "--jobs", "2", "--no-cache", *chosen,
                      "-o", _fresh(work, "memory-trust"), memory=True)
        print(f"  50-school build, --jobs 2: {peak / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each command (the median is shown)")
    parser.add_argument("--trust-repeat", type=int, default=1, help="timed runs of each 50-school build")
    parser.add_argument("--trust-formats", default="", help="comma-separated formats for the 50-school build (default: all)")
    parser.add_argument("--skip-trust", action="store_true", help="leave out the 50-school build")
    parser.add_argument("--compare", type=Path, help="another checkout to measure as the baseline")
    parser.add_argument("--compare-deps", type=Path, action="append", default=[],
                        help="a folder of libraries the --compare checkout needs and this one no longer installs "
                             "(e.g. `pip install --no-deps --target DIR textstat==0.7.4` for code before 2026-12-05)")
    parser.add_argument("--only", default="", help="comma-separated: help,yaml,validate,build,trust,memory")
    options = parser.parse_args()
    COMPARE_DEPS[:] = [p.resolve() for p in options.compare_deps]
    only = set(filter(None, options.only.split(",")))
    trust_formats = [f for f in options.trust_formats.split(",") if f]
    print(f"lessonkit benchmarks/cli.py, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="lessonkit-bench-") as temporary:
        work = Path(temporary)
        USER_CACHE[:] = [work / "user-cache"]
        if not only or "help" in only:
            help_figures(options.repeat, work, options.compare)
        if not only or "yaml" in only:
            yaml_figures(options.repeat)
        if not only or "validate" in only:
            validate_figures(options.repeat, work, options.compare)
        if not only or "build" in only:
            build_figures(options.repeat, work, options.compare)
        if (not only or "trust" in only) and not options.skip_trust:
            trust_figures(options.trust_repeat, work, trust_formats)
        if not only or "memory" in only:
            if only and "trust" not in only and not options.skip_trust:
                make_trust(work / "trust", 50)
            memory_figures(work, trust_formats, options.skip_trust)
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    # A build's own two workers keep a 2-core machine's load near 2: only more than that is other work.
    print(f"load average at the end {load:.1f}" + (f" (above {cores + 1} on this {cores}-core machine: other work slowed "
                                                   "these figures)" if load > cores + 1 else ""))


if __name__ == "__main__":
    main()
