"""
In-process A/B of the deferred matching pass: the first ``--claims`` waiting claims of a
registry matched by this tree's factreg and by another commit's, rounds alternated.

    python bench/crossmatch_ab.py --ref 5a639a3 --db bench/out/unmatched-20000.db
    python bench/crossmatch_ab.py --ref HEAD~1 --db registry.db --claims 5000 --rounds 2

Each run works on a fresh copy of the SQLite ``--db`` (imported with ``--no-match``),
in its own process (``python -S`` with the tree and this environment's site-packages on
the path, from a temporary directory), and calls ``Matcher._match_batch`` on batches of
200 until ``--claims`` are matched: no process start, no counting, only the pass. It
prints claims per second, and a digest of the queue, links and clusters the run left
(the same digest for both trees: the same decisions).

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from pathlib import Path

from _tree import unpack

ROOT = Path(__file__).resolve().parent.parent

RUN = """
import hashlib, sqlite3, sys, time
import factreg
db, limit = sys.argv[1], int(sys.argv[2])
with factreg.open(db) as reg:
    started = time.perf_counter()
    done = 0
    while done < limit and (ids := reg.store.unmatched(200)):
        reg._matcher._match_batch(ids)
        done += len(ids)
    seconds = time.perf_counter() - started
digest = hashlib.sha256()
with sqlite3.connect(db) as conn:
    for query in (
        "SELECT claim_id, other_id, score, relation, reasons FROM suggestions ORDER BY 1, 2",
        "SELECT a, b, origin, score FROM links ORDER BY 1, 2",
        "SELECT id, cluster, matched FROM claims ORDER BY n",
    ):
        for row in conn.execute(query):
            digest.update(repr(tuple(row)).encode())
print(f"{done} claims in {seconds:.1f} s: {done / seconds:,.0f} claims/s, "
      f"digest {digest.hexdigest()[:16]}")
"""


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the rounds; one line per run to stdout.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite registry imported with --no-match")
    parser.add_argument("--ref", default="HEAD", help="the commit to compare with")
    parser.add_argument("--claims", type=int, default=3000, help="claims matched per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tree")
    args = parser.parse_args(argv)
    print(f"$ {shlex.join(['python', *sys.argv])}")
    site = sysconfig.get_paths()["purelib"]
    with tempfile.TemporaryDirectory() as folder:
        other = unpack(args.ref, Path(folder))
        trees = {args.ref: str(other), "this tree": str(ROOT)}
        copy = str(Path(folder) / "copy.db")
        for _ in range(args.rounds):
            for name, tree in trees.items():
                shutil.copyfile(args.db, copy)
                done = subprocess.run(
                    [sys.executable, "-S", "-c", RUN, copy, str(args.claims)],
                    env={"PYTHONPATH": f"{tree}:{site}", "FACTREG_SEMANTIC": "off"},
                    cwd=folder,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                print(f"{name:<10} {done.stdout.strip()}")
                for suffix in ("", "-wal", "-shm"):
                    Path(copy + suffix).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
