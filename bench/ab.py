"""
A/B of one factreg command: its wall time (process start included) with this tree's
factreg and with another commit's, runs alternated so that both feel the same load.

    python bench/ab.py --db bench/out/scale-100000.db match "some claim text"
    python bench/ab.py --ref HEAD~1 --db registry.db show c-7k2 --runs 20
    python bench/ab.py --ref 5a639a3 --db bench/out/scale-20000.db --fresh --runs 1 \
        --here=--jobs=1 crossmatch --quiet

``--fresh`` runs each time on a new copy of a SQLite ``--db`` (for commands that change
it); ``--here`` adds an argument for this tree only (an option the other lacks).

The other commit's ``factreg/`` is taken with ``git archive`` into a temporary folder.
Both run as ``python -S -m factreg`` with this environment's site-packages on the path
(so the editable install does not pick the tree), from a neutral directory; the
absolute figures are therefore a little below the ``factreg`` script's.

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from _tree import unpack

ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    """
    Time the command with both trees; the medians and minima go to stdout.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="registry to run the command on")
    parser.add_argument("--ref", default="HEAD", help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=20, help="runs of each tree")
    parser.add_argument(
        "--fresh", action="store_true", help="run on a new copy of the SQLite --db each time"
    )
    parser.add_argument(
        "--here", action="append", default=[], help="an argument for this tree only"
    )
    parser.add_argument("command", nargs="+", help="factreg command and its arguments")
    args = parser.parse_args(argv)
    print(f"$ {shlex.join(['python', *sys.argv])}")
    db = str(Path(args.db).resolve())
    site = sysconfig.get_paths()["purelib"]
    with tempfile.TemporaryDirectory() as folder:
        other = unpack(args.ref, Path(folder))
        trees = {args.ref: str(other), "this tree": str(ROOT)}
        times: dict[str, list[float]] = {name: [] for name in trees}
        for run in range(args.runs):
            for name in list(trees) if run % 2 == 0 else list(trees)[::-1]:
                env = dict(os.environ, PYTHONPATH=f"{trees[name]}{os.pathsep}{site}")
                target = db
                if args.fresh:
                    target = str(Path(folder) / "fresh.db")
                    shutil.copyfile(db, target)
                command = [*args.command, *(args.here if name == "this tree" else [])]
                started = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-S", "-m", "factreg", "--db", target, *command],
                    env=env,
                    cwd=folder,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                times[name].append(time.perf_counter() - started)
                if args.fresh:
                    print(f"{name:<10} {times[name][-1]:.1f} s: {done.stdout.strip()[-200:]}")
                    for suffix in ("", "-wal", "-shm"):
                        Path(target + suffix).unlink(missing_ok=True)
    for name, seconds in times.items():
        print(
            f"{name:<10} median {statistics.median(seconds):.3f} s, "
            f"min {min(seconds):.3f} s ({len(seconds)} runs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
