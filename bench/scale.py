"""
Scale benchmark: a registry of a million claims, imported, matched and checked.

Builds a reproducible synthetic feed (``bench/synth.py``: Arabic and English, Zipf
vocabulary, near-duplicate restatements), imports it through the real command line
(``factreg import --no-match --quiet``), then measures on the same registry:

- import throughput, database size, peak RSS of the import;
- ``factreg check`` time;
- match latency (p50/p95 over ``--queries`` fresh restatements of registered claims,
  through ``Registry.match``) and the benchmark process's peak RSS;
- an exhaustive ``rapidfuzz.process.extract`` over every claim's normalized text for a
  sample of the queries (token_set_ratio, processor=None: the strings factreg indexes),
  the speed ratio, top-5 agreement with factreg and recall of the candidate stage;
- ``factreg match TEXT`` end to end as a process (start-up included);
- with ``--crossmatch``, the deferred matching pass over the whole registry;
- with ``--dump``, ``factreg dump`` of the registry to a file and ``factreg restore`` of
  that file into a new, empty registry (claims/s, peak RSS, file size), and whether the
  restored registry dumps to the same bytes.

It talks to the registry through its public API and command line only, so
``--db postgresql://…`` runs the same benchmark on the PostgreSQL backend.

    python bench/scale.py                      # 1,000,000 claims (takes a while)
    python bench/scale.py --n 20000            # a quick run
    python bench/scale.py --keep               # reuse the database an earlier run built
    python bench/scale.py --n 100000 --dump --skip-match   # full copy throughput

Not a test: nothing here asserts; it prints figures (and writes them as JSON to
``bench/out/``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shlex
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from synth import Feed, query_for  # bench/ is on sys.path when this script runs

import factreg
from factreg import matching
from factreg.normalize import index_text

OUT = Path(__file__).resolve().parent / "out"
#: token_set_ratio from which an exhaustive hit counts as a near-duplicate. The feed's
#: restatements score 85-100 against their claim; unrelated claims reach 60-70 by
#: sharing function words and letters, and are not what agreement is about.
NEAR_DUPLICATE = 80.0
#: Queries matched (untimed) before latency is measured: first-touch page faults and
#: Python's lazy imports are not what a user of a running registry waits for.
WARMUP = 5


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the benchmark; the figures go to stdout.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="claims in the registry")
    parser.add_argument("--queries", type=int, default=300, help="timed match queries (>= 200)")
    parser.add_argument(
        "--exhaustive", type=int, default=40, help="queries also answered by an exhaustive scan"
    )
    parser.add_argument(
        "--db", help="SQLite path or postgresql:// URL (default: bench/out/scale-N.db)"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the registry at --db if it holds the feed already",
    )
    parser.add_argument(
        "--near",
        type=float,
        default=NEAR_DUPLICATE,
        help="token_set_ratio from which an exhaustive hit is a near-duplicate",
    )
    parser.add_argument("--seed", type=int, default=20241130)
    parser.add_argument("--skip-check", action="store_true", help="do not time factreg check")
    parser.add_argument(
        "--crossmatch",
        action="store_true",
        help="also time the deferred matching pass (factreg crossmatch) over "
        "the whole registry, last (about 5 ms a claim)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        action="append",
        help="with --crossmatch: run it with --jobs N, once per --jobs given, each on the "
        "registry as imported (default: 1 and 2); then compare what they decided",
    )
    parser.add_argument(
        "--dump",
        action="store_true",
        help="also time factreg dump and factreg restore (into --restore-db) and check "
        "that the restored registry dumps to the same bytes",
    )
    parser.add_argument(
        "--restore-db",
        help="empty registry to restore into (default: bench/out/restored-N.db, replaced)",
    )
    parser.add_argument(
        "--skip-match", action="store_true", help="do not time matching (nor the CLI)"
    )
    parser.add_argument(
        "--against",
        metavar="DB",
        help="another registry holding the same feed (built otherwise): the same queries "
        "alternate between --db and it, in one process, and both latencies are printed",
    )
    args = parser.parse_args(argv)
    args.jobs = args.jobs or [1, 2]

    OUT.mkdir(exist_ok=True)
    db = args.db or str(OUT / f"scale-{args.n}.db")
    postgres = db.startswith(("postgresql://", "postgres://"))
    feed_path = OUT / f"feed-{args.n}-{args.seed}.jsonl"
    results: dict[str, Any] = {
        "command": shlex.join(["python", *sys.argv]),
        "n": args.n,
        "db": "postgresql" if postgres else "sqlite",
    }

    print(f"$ {results['command']}")
    print(
        f"# {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"load average {os.getloadavg()[0]:.1f}"
    )

    if not feed_path.exists():
        started = time.perf_counter()
        temporary = feed_path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as stream:
            Feed(args.n, args.seed).write(stream)
        temporary.replace(feed_path)
        print(
            f"feed        {args.n:,} claims written to {feed_path} "
            f"in {time.perf_counter() - started:.0f} s"
        )

    # -- import -----------------------------------------------------------------------------
    present = _claims_in(db)
    if present and not (args.keep and present == args.n):
        if postgres:
            print(f"error: {db} holds {present:,} claims: give an empty database, or --keep")
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        present = 0
    if not present:
        command = [
            sys.executable,
            "-m",
            "factreg",
            "--db",
            db,
            "import",
            "--no-match",
            "--quiet",
            str(feed_path),
        ]
        print(f"import      $ {shlex.join(['factreg', *command[3:]])}")
        seconds, usage, output = _run(command)
        results["import"] = {
            "seconds": seconds,
            "claims_per_s": args.n / seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024,
            "cpu_s": usage.ru_utime + usage.ru_stime,
        }
        print(f"            {output.strip()}")
        print(
            f"            {args.n / seconds:,.0f} claims/s ({seconds:.1f} s wall, "
            f"{usage.ru_utime + usage.ru_stime:.1f} s CPU in all its processes), "
            f"peak RSS {usage.ru_maxrss / 1024:.0f} MB"
        )
    else:
        print(f"import      skipped: {db} holds the {present:,} claims already (--keep)")
    size = _database_size(db)
    if size is not None:
        results["db_mb"] = size / 2**20
        print(
            f"database    {size / 2**20:,.0f} MB ({size / args.n:,.0f} bytes per claim)"
            + (" (the whole PostgreSQL database)" if postgres else "")
        )

    if not args.skip_check:
        seconds, usage, output = _run([sys.executable, "-m", "factreg", "--db", db, "check"])
        results["check_s"] = seconds
        print(f"check       {seconds:.1f} s: {output.strip()}")

    if args.dump:
        results["dump"] = _dump_restore(db, args.n, args.restore_db)

    if args.skip_match:
        if args.crossmatch:
            results["crossmatch"] = _crossmatch(db, args.n, args.jobs, postgres)
        return _write(results)

    # -- matching ---------------------------------------------------------------------------
    queries = _queries(feed_path, args.n, args.queries, args.seed)
    with factreg.open(db, create=False) as registry:
        for text, _ in queries[:WARMUP]:
            registry.match(text)
        latencies: list[float] = []
        found: list[list[str]] = []
        for text, _ in queries:
            started = time.perf_counter()
            hits = registry.match(text)
            latencies.append(time.perf_counter() - started)
            found.append([m.claim_id for m in hits])
        sample = queries[: args.exhaustive]
        candidates = [
            [
                c.claim.id
                for c in registry.store.candidates(
                    matching.query_terms(text), matching.CANDIDATE_LIMIT
                )
            ]
            for text, _ in sample
        ]
    own = [
        bool(hits) and hits[0] == origin for hits, (_, origin) in zip(found, queries, strict=True)
    ]
    p50, p95 = _percentile(latencies, 50), _percentile(latencies, 95)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["match"] = {
        "queries": len(queries),
        "p50_ms": p50 * 1000,
        "p95_ms": p95 * 1000,
        "mean_ms": statistics.fmean(latencies) * 1000,
        "top1_is_origin": sum(own) / len(own),
        "bench_rss_mb": rss,
    }
    print(
        f"match       {len(queries)} queries: p50 {p50 * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, mean {statistics.fmean(latencies) * 1000:.1f} ms; "
        f"the restated claim ranks first for {sum(own) / len(own):.1%}; "
        f"benchmark process peak RSS so far {rss:.0f} MB"
    )

    if args.against:
        results["against"] = _against(db, args.against, queries)

    # -- exhaustive scan on the same normalized strings ---------------------------------
    if sample:  # --exhaustive 0 skips the scan
        _exhaustive(results, feed_path, sample, found, candidates, latencies, args.near)

    # -- the command line, end to end -------------------------------------------------------
    runs = []
    for text, _ in queries[-5:]:
        seconds, _, _ = _run(
            [str(Path(sys.executable).with_name("factreg")), "--db", db, "match", text]
        )
        runs.append(seconds)
    results["cli_match_s"] = {"median": statistics.median(runs), "max": max(runs)}
    print(
        f"cli         factreg match TEXT, 5 runs: median {statistics.median(runs):.2f} s, "
        f"max {max(runs):.2f} s (process start included)"
    )

    if args.crossmatch:
        results["crossmatch"] = _crossmatch(db, args.n, args.jobs, postgres)

    return _write(results)


def _against(db: str, other: str, queries: list[tuple[str, str]]) -> dict[str, Any]:
    """
    The queries matched alternately in ``db`` and ``other`` (the order swapped each
    time), so that both feel the same load: p50 and p95 of each, and for PostgreSQL the
    share of ``claim_postings`` pages the visibility map marks all-visible.
    """
    times: dict[str, list[float]] = {db: [], other: []}
    with factreg.open(db, create=False) as first, factreg.open(other, create=False) as second:
        pair = {db: first, other: second}
        for text, _ in queries[:WARMUP]:
            first.match(text)
            second.match(text)
        for number, (text, _) in enumerate(queries):
            for name in (db, other) if number % 2 == 0 else (other, db):
                started = time.perf_counter()
                pair[name].match(text)
                times[name].append(time.perf_counter() - started)
    figures: dict[str, Any] = {}
    for name, latencies in times.items():
        visible = _all_visible(name)
        figures[name] = {
            "p50_ms": _percentile(latencies, 50) * 1000,
            "p95_ms": _percentile(latencies, 95) * 1000,
            "postings_all_visible": visible,
        }
        print(
            f"against     {name}: p50 {figures[name]['p50_ms']:.1f} ms, "
            f"p95 {figures[name]['p95_ms']:.1f} ms"
            + (f"; claim_postings pages all-visible {visible:.0%}" if visible is not None else "")
        )
    return figures


def _all_visible(db: str) -> float | None:
    """
    The share of ``claim_postings`` pages PostgreSQL's visibility map marks all-visible.
    """
    if not db.startswith(("postgresql://", "postgres://")):
        return None
    import psycopg

    with psycopg.connect(db) as conn:
        row = conn.execute(
            "SELECT relallvisible::float8 / greatest(relpages, 1) FROM pg_class "
            "WHERE oid = 'claim_postings'::regclass"
        ).fetchone()
    return float(row[0]) if row else None


def _exhaustive(
    results: dict[str, Any],
    feed_path: Path,
    sample: list[tuple[str, str]],
    found: list[list[str]],
    candidates: list[list[str]],
    latencies: list[float],
    cutoff: float,
) -> None:
    """
    ``rapidfuzz.process.extract`` over every claim's normalized text for ``sample``: its
    speed against factreg's, top-5 agreement and candidate-stage recall.
    """
    choices = _normalized(feed_path)
    scan_times: list[float] = []
    agreement = [0.0, 0.0]
    recall = [0.0, 0.0]
    for (text, _), mine, pool in zip(sample, found, candidates, strict=False):
        query = index_text(text)
        started = time.perf_counter()
        best = process.extract(
            query,
            choices,
            scorer=fuzz.token_set_ratio,
            processor=None,
            limit=25,
            score_cutoff=cutoff,
        )
        scan_times.append(time.perf_counter() - started)
        for tally, returned in ((agreement, mine), (recall, pool)):
            hit, wanted = _agreement([(key, score) for _, score, key in best], set(returned))
            tally[0] += hit
            tally[1] += wanted
    scan = statistics.fmean(scan_times)
    mine_mean = statistics.fmean(latencies[: len(sample)])
    results["exhaustive"] = {
        "queries": len(sample),
        "mean_s": scan,
        "speedup": scan / mine_mean,
        "top5_agreement": agreement[0] / agreement[1] if agreement[1] else None,
        "candidate_recall": recall[0] / recall[1] if recall[1] else None,
        "near_duplicates": agreement[1],
        "cutoff": cutoff,
    }
    print(
        f"exhaustive  rapidfuzz.process.extract over {len(choices):,} strings, "
        f"{len(sample)} queries: {scan:.2f} s each; factreg is {scan / mine_mean:,.0f}x "
        f"faster on the same queries"
    )
    print(
        f"            top-5 agreement {results['exhaustive']['top5_agreement']:.3f} "
        f"({agreement[0]:.0f} of {agreement[1]:.0f} exhaustive top-5 near-duplicates, "
        f"token_set_ratio >= {cutoff:g}); candidate-stage recall "
        f"{results['exhaustive']['candidate_recall']:.3f}"
    )
    del choices


def _crossmatch(db: str, n: int, jobs: Sequence[int], postgres: bool) -> dict[str, Any]:
    """
    ``factreg crossmatch --jobs J`` for each J, each on its own copy of the registry as
    imported (SQLite), or one after the other with the claims marked unmatched again in
    between (PostgreSQL: only the first run's registry is compared); then whether every
    run left the same queue, links and clusters.
    """
    figures: dict[str, Any] = {}
    digests: dict[int, str] = {}
    pristine = f"{db}.unmatched"
    if not postgres:
        _copy_sqlite(db, pristine)
    for number, count in enumerate(jobs):
        if number and not postgres:
            _copy_sqlite(pristine, db)
        elif number:
            _reset_postgres(db)
        command = [sys.executable, "-m", "factreg", "--db", db, "crossmatch", "--quiet"]
        command += ["--jobs", str(count)]
        print(f"crossmatch  $ {shlex.join(['factreg', *command[3:]])}")
        seconds, usage, output = _run(command)
        digests[count] = _matched_state(db)
        figures[f"jobs_{count}"] = {
            "seconds": seconds,
            "claims_per_s": n / seconds,
            "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": usage.ru_maxrss / 1024,
        }
        print(
            f"            {n / seconds:,.0f} claims/s ({seconds:.0f} s wall, "
            f"{usage.ru_utime + usage.ru_stime:.0f} s CPU in all its processes), peak RSS "
            f"{usage.ru_maxrss / 1024:.0f} MB: {output.strip()}"
        )
    if not postgres:
        for suffix in ("", "-wal", "-shm"):
            Path(pristine + suffix).unlink(missing_ok=True)
    figures["same_result"] = len(set(digests.values())) == 1
    print(
        "            queue, links and clusters "
        + ("the same for every --jobs" if figures["same_result"] else "DIFFER between runs")
    )
    return figures


def _copy_sqlite(source: str, target: str) -> None:
    import shutil

    for suffix in ("-wal", "-shm"):
        Path(target + suffix).unlink(missing_ok=True)
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


def _reset_postgres(db: str) -> None:
    """
    Undo a crossmatch on PostgreSQL: no suggestions, links or cluster, all unmatched
    (the audit log keeps its link events: it is append-only).
    """
    import psycopg

    with psycopg.connect(db) as conn:
        conn.execute("DELETE FROM suggestions")
        conn.execute("DELETE FROM links")
        conn.execute("UPDATE claims SET cluster = id, matched = 0")


def _matched_state(db: str) -> str:
    """
    A digest of what a crossmatch decides: the queue, the links and every claim's cluster.
    """
    queries = (
        "SELECT claim_id, other_id, score, relation, reasons FROM suggestions "
        "ORDER BY claim_id, other_id",
        "SELECT a, b, origin, score FROM links ORDER BY a, b",
        "SELECT id, cluster FROM claims ORDER BY id",
    )
    digest = hashlib.sha256()
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(db) as conn:
            for query in queries:
                for row in conn.execute(query):
                    digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()
    with sqlite3.connect(db) as conn:
        for query in queries:
            for row in conn.execute(query):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _write(results: dict[str, Any]) -> int:
    out = OUT / f"scale-{results['n']}-{results['db']}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"# figures written to {out}")
    return 0


def _dump_restore(db: str, n: int, restore_db: str | None) -> dict[str, Any]:
    """
    Time ``factreg dump`` and ``factreg restore`` through the command line, and compare
    the restored registry's dump with the first, byte for byte.
    """
    dumped = OUT / f"dump-{n}.jsonl"
    target = restore_db or str(OUT / f"restored-{n}.db")
    if not target.startswith(("postgresql://", "postgres://")):
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
    figures: dict[str, Any] = {}
    for step, command in (
        ("dump", [sys.executable, "-m", "factreg", "--db", db, "dump", str(dumped)]),
        (
            "restore",
            [sys.executable, "-m", "factreg", "--db", target, "restore", "-q", str(dumped)],
        ),
    ):
        print(f"{step:<11} $ {shlex.join(['factreg', *command[3:]])}")
        seconds, usage, output = _run(command)
        cpu = usage.ru_utime + usage.ru_stime
        figures[step] = {
            "seconds": seconds,
            "claims_per_s": n / seconds,
            "cpu_s": cpu,
            "peak_rss_mb": usage.ru_maxrss / 1024,
        }
        print(f"            {output.strip()}")
        print(
            f"            {n / seconds:,.0f} claims/s ({seconds:.1f} s wall, {cpu:.1f} s CPU; "
            f"{n / cpu:,.0f} claims per CPU second), peak RSS {usage.ru_maxrss / 1024:.0f} MB"
        )
    figures["file_mb"] = dumped.stat().st_size / 2**20
    again = dumped.with_name(f"dump-{n}-again.jsonl")
    _run([sys.executable, "-m", "factreg", "--db", target, "dump", str(again)])
    figures["identical"] = _digest(dumped) == _digest(again)
    print(
        f"            dump file {figures['file_mb']:,.0f} MB; the restored registry dumps "
        f"to {'the same bytes' if figures['identical'] else 'DIFFERENT bytes'}"
    )
    again.unlink()
    return figures


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _claims_in(db: str) -> int:
    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).exists():
        return 0
    try:
        with factreg.open(db, create=False) as registry:
            return int(registry.stats()["claims"])
    except factreg.FactregError:
        return 0


def _database_size(db: str) -> int | None:
    """
    Bytes on disk: the SQLite file and its WAL, or the PostgreSQL database (if psycopg
    is installed).
    """
    if not db.startswith(("postgresql://", "postgres://")):
        return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists())
    try:
        import psycopg
    except ImportError:
        return None
    with psycopg.connect(db) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else None


def _run(command: list[str]) -> tuple[float, resource.struct_rusage, str]:
    """
    Run ``command``; its wall time, resource use (its children included) and output.
    """
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{shlex.join(command)} failed ({child.returncode}):\n{output}")
    return seconds, usage, output


def _queries(feed_path: Path, n: int, count: int, seed: int) -> list[tuple[str, str]]:
    """
    ``count`` fresh restatements of claims drawn from the feed: ``(query, origin id)``.
    """
    rng = random.Random(seed + 2)
    wanted = set(rng.sample(range(n), min(count, n)))
    picked: list[tuple[str, str]] = []
    with feed_path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number in wanted:
                row = json.loads(line)
                picked.append((row["text"], row["id"]))
    rng.shuffle(picked)
    languages = Feed(1, seed).languages
    return [
        (query_for(text, languages["ar" if _arabic(text) else "en"], rng), origin)
        for text, origin in picked
    ]


def _arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _normalized(feed_path: Path) -> dict[str, str]:
    """
    Every claim's normalized text (what factreg indexes) by id.
    """
    with feed_path.open(encoding="utf-8") as lines:
        return {row["id"]: index_text(row["text"]) for row in map(json.loads, lines)}


def _agreement(best: list[tuple[str, float]], returned: set[str]) -> tuple[int, int]:
    """
    How many of the exhaustive top 5 ``returned`` holds, and how many there are.

    Ties at the fifth score are fair either way: any of the tied claims counts, up to
    the places left.
    """
    if not best:
        return 0, 0
    fifth = best[min(5, len(best)) - 1][1]
    above = [key for key, score in best if score > fifth]
    tied = [key for key, score in best if score == fifth]
    places = min(5, len(best)) - len(above)
    hit = sum(key in returned for key in above)
    hit += min(places, sum(key in returned for key in tied))
    return hit, len(above) + places


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


if __name__ == "__main__":
    sys.exit(main())
