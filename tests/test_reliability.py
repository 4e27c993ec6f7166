"""
Reliability of the embedded store: an import killed at any moment, processes racing on
one SQLite file, and a backup taken while another process writes.

Real processes throughout (``python -m factreg`` for the CLI, small library workers
started with ``python -c``); handshakes go through pipes, never sleeps. SQLite, except
overlapping imports and waiting for other writers, shown on both backends (PostgreSQL
when ``FACTREG_TEST_POSTGRES_URL`` names a server).
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import io
import itertools
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import attrs
import pytest
from click.testing import CliRunner

import factreg
from factreg.cli import cli
from factreg.errors import JudgementConflictError, StaleVersionError, StoreError
from factreg.model import Source
from tests.conftest import BACKENDS, POSTGRES_URL, postgres_schema_url

ROOT = Path(__file__).resolve().parent.parent
#: Messages that would mean a lock leaked to the user.
LOCKED = ("locked", "busy", "Traceback")
#: Seconds the concurrency workers keep writing.
RACE_SECONDS = 3.0

pytestmark = pytest.mark.slow


def _factreg(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "factreg", "--db", str(db), *args]


def _worker(name: str, *args: str) -> subprocess.Popen[str]:
    """
    Start ``tests.test_reliability.<name>()`` in a new Python process, talking by pipes.
    """
    return subprocess.Popen(
        [sys.executable, "-c", f"from tests.test_reliability import {name}; {name}()", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FACTREG_REVIEWER": name},
    )


def _claims(db: Path) -> list[factreg.Claim]:
    with factreg.open(db, create=False) as reg:
        return list(reg.claims())


def _consistent(db: Path) -> None:
    """
    ``factreg check`` passes: integrity, index against table, audit log against claims.
    """
    result = CliRunner().invoke(cli, ["--db", str(db), "check"])

    assert (0, "Registry is consistent.\n") == (result.exit_code, result.output), result.output


# -- a killed import ----------------------------------------------------------------------

_AR = [
    "زار",
    "قال",
    "أعلن",
    "نفى",
    "أكد",
    "الوزير",
    "الوفد",
    "السفير",
    "الجيش",
    "القاهرة",
    "عمان",
    "طرابلس",
    "موسكو",
    "بنغازي",
    "مساعدين",
    "ضباط",
    "طائرة",
    "اجتماع",
    "مصادر",
    "مطلعة",
    "صحيفة",
    "الحكومة",
    "البرلمان",
    "المعارضة",
]
_EN = [
    "visited",
    "said",
    "announced",
    "denied",
    "confirmed",
    "minister",
    "delegation",
    "ambassador",
    "army",
    "Cairo",
    "Amman",
    "Tripoli",
    "Moscow",
    "Benghazi",
    "aides",
    "officers",
    "plane",
    "meeting",
    "sources",
    "newspaper",
    "government",
    "parliament",
    "opposition",
]
_PUBLISHERS = [(f"https://news{i}.example/story", f"Publisher {i}") for i in range(10)]

Key = tuple[str, str | None]


def _feed(size: int, seed: int) -> tuple[bytes, set[Key], set[str]]:
    """
    A JSONL feed of ``size`` claims (Arabic and English, some restated across sources so
    matching links and queues them; half with an id, half without; a few lines twice),
    with the (text, source url) keys and the ids an import must end up holding.
    """
    rng = random.Random(seed)
    lines: list[str] = []
    keys: set[Key] = set()
    ids: set[str] = set()
    while len(keys) < size:
        words = _AR if rng.random() < 0.5 else _EN
        text = " ".join(rng.sample(words, 6)) + f" {rng.randint(2, 400)}"
        if lines and rng.random() < 0.1:  # a restatement in another article
            text = json.loads(rng.choice(lines))["text"]
        source = rng.choice([*_PUBLISHERS, None])
        key = (text, source[0] if source else None)
        if key in keys:
            continue
        keys.add(key)
        row: dict[str, Any] = {"text": text}
        if rng.random() < 0.5:
            row["id"] = f"r{len(keys):05d}"
            ids.add(row["id"])
        if source:
            row["source"] = {"url": source[0], "publisher": source[1]}
        lines.append(json.dumps(row, ensure_ascii=False))
        if "id" not in row and rng.random() < 0.03:
            lines.append(lines[-1])  # the same line again: one claim
    return "".join(line + "\n" for line in lines).encode(), keys, ids


def _small_pipe(stream: IO[bytes]) -> None:
    # A one-page pipe, so "the feed was written up to byte N" means the importer has read
    # nearly as far (the pipe and its 8 KiB read buffer lag behind by at most 12 KiB).
    setpipe = getattr(fcntl, "F_SETPIPE_SZ", 1031)
    with contextlib.suppress(OSError):  # not Linux: a 64 KiB lag, still inside the feed
        fcntl.fcntl(stream.fileno(), setpipe, 4096)


def _import_and_kill(
    db: Path, feed: bytes, flags: list[str], *, at_byte: int | None, after_eof: float
) -> int | None:
    """
    Run ``factreg import - `` on ``feed``; SIGKILL it once it has read ``at_byte`` bytes,
    or ``after_eof`` seconds after the whole feed was written (the commit window).

    Returns the exit status when the import finished before the kill, else None.
    """
    proc = subprocess.Popen(
        _factreg(db, "import", "-q", *flags, "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None and proc.stderr is not None
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        _small_pipe(proc.stdin)
        end = len(feed) if at_byte is None else at_byte
        for start in range(0, end, 4096):
            proc.stdin.write(feed[start : min(start + 4096, end)])
            proc.stdin.flush()
        if at_byte is None:
            proc.stdin.close()
            try:
                return proc.wait(timeout=after_eof)
            except subprocess.TimeoutExpired:
                pass
        proc.kill()
        proc.wait()
        return None
    finally:
        watchdog.cancel()
        if not proc.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        stderr = proc.stderr.read().decode()
        proc.stderr.close()
        assert "Traceback" not in stderr, stderr


def _assert_partial_state(db: Path, keys: set[Key], ids: set[str]) -> int:
    """
    After a kill: consistent, every claim from the feed, none twice; the claim count.
    """
    if not db.exists():
        return 0
    _consistent(db)
    claims = _claims(db)
    found = [(c.text, c.source.url if c.source else None) for c in claims]

    assert len(found) == len(set(found)), "a claim was registered twice"
    assert set(found) <= keys
    assert {c.id for c in claims if c.id.startswith("r")} <= ids
    return len(claims)


@pytest.mark.parametrize("no_match", [False, True], ids=["matching", "no-match"])
def test_killed_import_leaves_a_consistent_registry_and_resumes(
    tmp_path: Path, no_match: bool
) -> None:
    """
    SIGKILL an import of a few thousand claims at 12 seeded points (inside the feed and
    in the commit window); after each, `factreg check` passes and no claim is there
    twice; re-running the import completes it, and running it again adds nothing (by id,
    and by text plus source for claims without one). With --no-match the deferred
    `crossmatch` pass is killed the same way and resumes.
    """
    seed = 20161130 + no_match
    rng = random.Random(seed)
    feed, keys, ids = _feed(2500, seed)
    db = tmp_path / "factreg.db"
    flags = ["--no-match"] if no_match else []
    for n in range(12):
        # Nine kills while the feed is being read, then three in the commit window.
        at_byte = rng.randrange(12_288, len(feed)) if n < 9 else None
        code = _import_and_kill(db, feed, flags, at_byte=at_byte, after_eof=rng.uniform(0, 0.4))
        assert code in (None, 0), f"kill {n} (seed {seed}): the import failed on its own"
        _assert_partial_state(db, keys, ids)

    finished = subprocess.run(
        _factreg(db, "import", "-q", *flags, "-"), input=feed, capture_output=True, timeout=120
    )
    again = subprocess.run(
        _factreg(db, "import", "-q", *flags, "-"), input=feed, capture_output=True, timeout=120
    )

    assert (0, b"") == (finished.returncode, finished.stderr)
    assert (0, b"") == (again.returncode, again.stderr)
    assert again.stdout.startswith(b"Imported 0 claims"), again.stdout
    assert len(keys) == _assert_partial_state(db, keys, ids)
    assert ids <= {c.id for c in _claims(db)}
    if no_match:
        _kill_crossmatch_and_resume(db, rng)


def _unmatched(db: Path) -> int:
    with factreg.open(db, create=False) as reg:
        return int(reg.stats()["unmatched"])


def _poll_until_below(db: Path, count: int, proc: subprocess.Popen[bytes]) -> None:
    # The child says nothing while it works: watch the state it commits instead.
    deadline = time.monotonic() + 60
    while _unmatched(db) >= count and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def _kill_crossmatch_and_resume(db: Path, rng: random.Random) -> None:
    interrupted = 0
    for _ in range(6):
        before = _unmatched(db)
        proc = subprocess.Popen(
            _factreg(db, "crossmatch", "-q"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        # Kill at a random moment after the first batch of this run has committed.
        _poll_until_below(db, before, proc)
        try:
            proc.wait(timeout=rng.uniform(0, 0.3))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        assert proc.stderr is not None
        assert b"" == proc.stderr.read()
        proc.stderr.close()
        _consistent(db)
        interrupted += 0 < _unmatched(db) < before
    finished = subprocess.run(_factreg(db, "crossmatch", "-q"), capture_output=True, timeout=120)

    assert (0, b"") == (finished.returncode, finished.stderr)
    assert 0 == _unmatched(db)
    assert interrupted >= 1, "no kill landed inside the crossmatch pass"
    _consistent(db)


# -- racing writers -----------------------------------------------------------------------

STATUSES = [
    "true",
    "mostly_true",
    "mixed",
    "mostly_false",
    "false",
    "misleading",
    "unverifiable",
    "in_review",
]


def race_library() -> None:
    """
    Worker: after "go" on stdin, for RACE_SECONDS add claims, review (with the version
    read, retrying on StaleVersionError) and judge pairs; print what was accepted as JSON.
    """
    db, seed, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
    rng = random.Random(seed)
    reviews: collections.Counter[str] = collections.Counter()
    tally = {"adds": 0, "judgements": 0, "refused": 0, "stale": 0}
    errors: list[str] = []
    with factreg.open(db, create=False) as reg:
        print("ready", flush=True)
        sys.stdin.readline()
        deadline = time.monotonic() + RACE_SECONDS
        n = 0
        while time.monotonic() < deadline:
            n += 1
            op = rng.choice(["review", "review", "review", "judge", "add"])
            try:
                if op == "review":
                    claim_id = rng.choice(ids)
                    while True:
                        seen = reg.get(claim_id).version
                        try:
                            reg.review(
                                claim_id,
                                rng.choice(STATUSES),
                                expected_version=seen,
                                note=f"{seed}-{n}",
                            )
                        except StaleVersionError:
                            tally["stale"] += 1
                            continue
                        reviews[claim_id] += 1
                        break
                elif op == "judge":
                    a, b = rng.sample(ids, 2)
                    try:
                        reg.judge(a, b, rng.choice(["same", "different", "unsure"]))
                        tally["judgements"] += 1
                    except JudgementConflictError:
                        tally["refused"] += 1
                else:
                    reg.add(
                        f"worker {seed} says the delegation had {n} aides in Cairo",
                        source=Source(url=f"https://w{seed}.example/{n}"),
                    )
                    tally["adds"] += 1
            except Exception as exc:  # every failure is reported, none hidden
                errors.append(f"{op}: {type(exc).__name__}: {exc}")
                break
    print(json.dumps({"reviews": reviews, **tally, "errors": errors}), flush=True)


def _cli_racer(
    db: Path, ids: list[str], seed: int, stop: threading.Event, out: dict[str, Any]
) -> None:
    """
    A user at a shell: reviews (with --expect-version after `show --json`, retrying
    when stale, and blind), judges and adds, one `python -m factreg` process at a time.
    """
    rng = random.Random(seed)
    reviews: collections.Counter[str] = collections.Counter()
    calls: list[tuple[list[str], int, str]] = []

    def factreg_(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            _factreg(db, "--reviewer", f"cli{seed}", *args),
            capture_output=True,
            text=True,
            timeout=120,
        )
        calls.append((list(args), done.returncode, done.stderr))
        return done

    n = 0
    while not stop.is_set():
        n += 1
        op = rng.choice(["checked-review", "blind-review", "judge", "add"])
        claim_id = rng.choice(ids)
        if op == "checked-review":
            while not stop.is_set():
                version = json.loads(factreg_("show", claim_id, "--json").stdout)["version"]
                done = factreg_(
                    "review",
                    claim_id,
                    "--status",
                    rng.choice(STATUSES),
                    "--expect-version",
                    str(version),
                )
                if done.returncode == 0 or "changed by someone else" not in done.stderr:
                    break
                out["stale"] += 1
        elif op == "blind-review":
            done = factreg_("review", claim_id, "--status", rng.choice(STATUSES))
        elif op == "judge":
            done = factreg_("judge", *rng.sample(ids, 2), "unsure")
            out["judgements"] += done.returncode == 0
        else:
            done = factreg_(
                "add",
                f"cli {seed} reports {n} officers in Amman",
                "--url",
                f"https://cli{seed}.example/{n}",
            )
            out["adds"] += done.returncode == 0
        if op.endswith("review") and done.returncode == 0:
            reviews[claim_id] += 1
    out["reviews"] = reviews
    out["calls"] = calls


def test_racing_writers_lose_nothing_and_never_see_a_lock(tmp_path: Path) -> None:
    """
    Three library processes and two CLI users add, review and judge on one SQLite file
    for a few seconds: "database is locked" never reaches anyone (no exception, no
    stderr, exit 0 or a stale-version refusal), every claim's version is 1 + the reviews
    the workers saw accepted, the audit log holds exactly the accepted changes, and
    `check` passes.
    """
    db = tmp_path / "factreg.db"
    with factreg.open(db, actor="setup") as reg:
        ids = [
            reg.add(
                f"seed claim {i}: the ambassador met {i} ministers", id=f"k{i}", match=False
            ).claim.id
            for i in range(6)
        ]
    workers = [_worker("race_library", str(db), str(seed), ",".join(ids)) for seed in (1, 2, 3)]
    for proc in workers:
        assert proc.stdout is not None
        assert "ready\n" == proc.stdout.readline(), proc.stderr.read() if proc.stderr else ""
    stop = threading.Event()
    shells: list[dict[str, Any]] = [{"stale": 0, "judgements": 0, "adds": 0} for _ in range(2)]
    threads = [
        threading.Thread(target=_cli_racer, args=(db, ids, 10 + i, stop, shells[i]))
        for i in range(2)
    ]
    for thread in threads:
        thread.start()
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outcomes = [proc.communicate(timeout=120) for proc in workers]
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    library = [json.loads(out) for out, _ in outcomes]
    everyone = [*library, *shells]
    calls = [call for shell in shells for call in shell["calls"]]
    reviews = sum((collections.Counter(w["reviews"]) for w in everyone), collections.Counter[str]())
    judgements = sum(w["judgements"] for w in everyone)
    adds = sum(w["adds"] for w in everyone)
    with factreg.open(db, create=False) as reg:
        log = reg.history()
        versions = {i: reg.get(i).version for i in ids}
        claims = reg.stats()["claims"]
        problems = reg.check()

    assert [""] * 3 == [err for _, err in outcomes]
    assert [[]] * 3 == [w["errors"] for w in library]
    assert [] == [c for c in calls if any(word in c[2] for word in LOCKED)]
    assert [] == [c for c in calls if c[1] != 0 and "changed by someone else" not in c[2]]
    assert [] == [c for c in calls if c[1] != 0 and "--expect-version" not in c[0]]
    assert sum(w["stale"] for w in everyone) > 0, "the writers never collided"
    assert {i: 1 + reviews[i] for i in ids} == versions
    assert {i: reviews[i] for i in ids} == collections.Counter(
        e.claim_id for e in log if e.action == "review"
    )
    assert 2 * judgements == sum(e.action == "judge" for e in log)
    assert len(ids) + adds == sum(e.action == "add" for e in log) == claims
    assert [] == problems


def open_at_once() -> None:
    """
    Worker: after "go" on stdin, open (and so create) the registry and add one claim.
    """
    sys.stdin.readline()
    with factreg.open(sys.argv[1]) as reg:
        reg.add(f"claim from worker {sys.argv[2]}", match=True)
    print("ok", flush=True)


def test_processes_creating_one_registry_at_once_all_succeed(tmp_path: Path) -> None:
    """
    Eight processes open a registry that does not exist yet at the same moment: one
    creates it, the others wait; all eight claims are registered.
    """
    db = tmp_path / "new.db"
    workers = [_worker("open_at_once", str(db), str(i)) for i in range(8)]
    for proc in workers:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()

    outcomes = [proc.communicate(timeout=120) for proc in workers]

    assert [("ok\n", "")] * 8 == outcomes
    assert 8 == len(_claims(db))
    _consistent(db)


# -- backup under load --------------------------------------------------------------------


def write_forever() -> None:
    """
    Worker: add claims w000000, w000001, … one transaction each, printing each number
    once committed, until stdin closes.
    """
    stop = threading.Event()

    def wait_for_eof() -> None:
        sys.stdin.read()
        stop.set()

    threading.Thread(target=wait_for_eof, daemon=True).start()
    with factreg.open(sys.argv[1], create=False) as reg:
        n = 0
        while not stop.is_set():
            reg.add(f"write number {n} of the backup test", id=f"w{n:06d}", match=False)
            print(n, flush=True)
            n += 1


@attrs.define
class Writer:
    """
    A process adding claims w000000, w000001, … and the numbers it has committed so far.
    """

    db: Path
    proc: subprocess.Popen[str]
    committed: list[int]
    seen: threading.Condition

    def wait_for(self, count: int) -> None:
        """
        Return once the writer has reported ``count`` commits.
        """
        with self.seen:
            assert self.seen.wait_for(lambda: len(self.committed) >= count, timeout=60)

    def stop(self) -> str:
        """
        Stop the writer (close its stdin); its stderr.
        """
        assert self.proc.stdin is not None and self.proc.stderr is not None
        if not self.proc.stdin.closed:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)
        return self.proc.stderr.read()


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[Writer]:
    """
    A registry of 3,000 claims with a process writing to it, already 100 commits in.
    """
    db = tmp_path / "factreg.db"
    feed, _, _ = _feed(3000, 7)
    with factreg.open(db, actor="setup") as reg:
        reg.import_jsonl([("feed.jsonl", io.BytesIO(feed))], match=False)
    running = Writer(db, _worker("write_forever", str(db)), [], threading.Condition())

    def read() -> None:
        assert running.proc.stdout is not None
        for line in running.proc.stdout:
            with running.seen:
                running.committed.append(int(line))
                running.seen.notify_all()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    running.wait_for(100)
    yield running
    running.stop()
    reader.join(timeout=60)


@pytest.mark.parametrize("via", ["cli", "library"])
def test_backup_during_writes_is_consistent_and_a_prefix(
    writer: Writer, tmp_path: Path, via: str
) -> None:
    """
    `factreg backup` (or Registry.backup) taken while another process commits claim
    after claim opens as a consistent registry holding exactly the first k writes, with
    k at least what was committed when the backup started, and the writes after it out.
    """
    target = tmp_path / "backup.db"
    started = len(writer.committed)
    if via == "cli":
        done = subprocess.run(
            _factreg(writer.db, "backup", str(target)), capture_output=True, text=True, timeout=120
        )
        assert (0, "") == (done.returncode, done.stderr)
    else:
        with factreg.open(writer.db, create=False) as reg:
            reg.backup(target)
    writer.wait_for(len(writer.committed) + 50)
    writer_errors = writer.stop()

    with factreg.open(target, create=False) as backup:
        problems = backup.check()
        claims = list(backup.claims())
    writes = sorted(c.id for c in claims if c.id.startswith("w"))
    total = sum(c.id.startswith("w") for c in _claims(writer.db))

    assert "" == writer_errors
    assert [] == problems
    assert [f"w{n:06d}" for n in range(len(writes))] == writes
    assert started <= len(writes) < total
    assert 3000 == len(claims) - len(writes)


def test_backup_never_overwrites(tmp_path: Path) -> None:
    """
    A backup onto an existing file is refused and the file is left as it was.
    """
    db, target = tmp_path / "factreg.db", tmp_path / "precious.db"
    target.write_bytes(b"keep me")
    with factreg.open(db) as reg:
        reg.add("x", match=False)

        with pytest.raises(StoreError, match="exists: choose a new file"):
            reg.backup(target)

    assert b"keep me" == target.read_bytes()


# -- overlapping imports and waiting writers, both backends -------------------------------

#: Processes importing into one new registry at the same moment, and how many times the
#: race is run (issue 18: the lost imports showed up in 3 runs of 6).
IMPORTERS = 8
IMPORT_RACE_ROUNDS = 6
#: What a CLI import may say on stderr while it waits its turn.
WAITING = "Waiting for another writer…"


@pytest.fixture(params=BACKENDS)
def new_registry(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """
    Makes locations of registries that do not exist yet: SQLite files, or empty
    PostgreSQL schemas (dropped afterwards).
    """
    if request.param == "sqlite":
        numbers = itertools.count()
        yield lambda: str(tmp_path / f"new-{next(numbers)}.db")
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests need FACTREG_TEST_POSTGRES_URL (set by .ci/run)")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed")
    base = POSTGRES_URL
    schemas: list[str] = []

    def make() -> str:
        schemas.append(f"t_{uuid.uuid4().hex[:12]}")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schemas[-1]}"')
        return postgres_schema_url(base, schemas[-1])

    try:
        yield make
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def cli_at_once() -> None:
    """
    Worker: after "go" on stdin, run the command line in argv (``factreg …``) here.
    """
    sys.stdin.readline()
    cli.main(sys.argv[1:], prog_name="factreg")


def _overlapping_feeds(directory: Path) -> tuple[list[Path], list[str]]:
    """
    IMPORTERS feeds: each has claims of its own and some of twelve shared ones (same text
    from the same article, so the same claim), each shared claim in several feeds.
    Returns the feeds and every distinct claim text.
    """
    shared: list[dict[str, Any]] = [
        {
            "text": f"The port of Misrata reopened {k + 2} berths to cargo ships in March",
            "source": {"url": f"https://shared.example/{k}", "publisher": "Shared Wire"},
        }
        for k in range(12)
    ]
    feeds: list[Path] = []
    texts = {str(row["text"]) for row in shared}
    for i in range(IMPORTERS):
        rows: list[dict[str, Any]] = [
            {
                "text": f"Feed {i} says the council in district {i * 100 + k} hired "
                f"{k + 3} inspectors",
                "source": {"url": f"https://feed{i}.example/{k // 5}", "publisher": f"Feed {i}"},
            }
            for k in range(15)
        ]
        texts.update(str(row["text"]) for row in rows)
        rows += [row for k, row in enumerate(shared) if (k + i) % 3]
        random.Random(i).shuffle(rows)
        feed = directory / f"feed-{i}.jsonl"
        feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        feeds.append(feed)
    return feeds, sorted(texts)


_IMPORTED = re.compile(r"^Imported (\d+) claims? \((\d+) already present")


def test_overlapping_imports_into_one_new_registry_all_succeed(
    new_registry: Callable[[], str], tmp_path: Path
) -> None:
    """
    Eight `factreg import` processes started at the same moment into one registry that
    does not exist yet, with overlapping and distinct feeds, again and again: every one
    exits 0 (saying at most that it waits for another writer), every claim is registered
    once by exactly one of them, `check` is clean, and the audit log has each claim's
    creation once.
    """
    feeds, texts = _overlapping_feeds(tmp_path)
    lines = sum(len(f.read_text().splitlines()) for f in feeds)
    for round_ in range(IMPORT_RACE_ROUNDS):
        db = new_registry()
        workers = [_worker("cli_at_once", "--db", db, "import", "-q", str(feed)) for feed in feeds]
        for proc in workers:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()

        outcomes = [(*proc.communicate(timeout=300), proc.returncode) for proc in workers]

        assert [0] * IMPORTERS == [code for _, _, code in outcomes], (round_, outcomes)
        assert {WAITING} >= {line for _, err, _ in outcomes for line in err.splitlines()}
        counts = [_IMPORTED.match(out) for out, _, _ in outcomes]
        assert all(counts), outcomes
        added = sum(int(m[1]) for m in counts if m)
        present = sum(int(m[2]) for m in counts if m)
        assert (len(texts), lines - len(texts)) == (added, present)
        with factreg.open(db, create=False) as reg:
            claims = list(reg.claims())
            created = collections.Counter(e.claim_id for e in reg.history() if e.action == "import")
        assert texts == sorted(c.text for c in claims)
        assert {c.id: 1 for c in claims} == dict(created)
        _consistent_at(db)


def _consistent_at(db: str) -> None:
    result = CliRunner().invoke(cli, ["--db", db, "check"])

    assert (0, "Registry is consistent.\n") == (result.exit_code, result.output), result.output


def hold_the_lock() -> None:
    """
    Worker: open the registry argv[1] and hold its write lock in argv[2] transactions of
    argv[3] seconds each, back to back, each adding a claim; print "holding" once the
    first has the lock and "done" after the last.
    """
    turns, seconds = int(sys.argv[2]), float(sys.argv[3])
    with factreg.open(sys.argv[1]) as reg:
        for turn in range(turns):
            with reg.store.transaction():
                reg.add(f"Holder claim number {turn} about the tram timetable", match=False)
                if turn == 0:
                    print("holding", flush=True)
                time.sleep(seconds)
    print("done", flush=True)


def _holding(db: str, turns: int, seconds: float) -> subprocess.Popen[str]:
    holder = _worker("hold_the_lock", db, str(turns), str(seconds))
    assert holder.stdout is not None
    assert "holding\n" == holder.stdout.readline()
    return holder


def test_an_import_waits_while_the_writers_ahead_keep_finishing(
    new_registry: Callable[[], str], tmp_path: Path
) -> None:
    """
    An import that finds the registry taken says so on stderr and waits, for longer in
    all than its limit, as long as the writer ahead keeps finishing transactions (each
    shorter than the limit); then it imports.
    """
    db = new_registry()
    factreg.open(db).close()
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "The ferry to Gozo now leaves every forty minutes"}\n')
    holder = _holding(db, turns=8, seconds=0.3)

    done = subprocess.run(
        [sys.executable, "-m", "factreg", "--db", db, "--wait", "1.5", "import", "-q", str(feed)],
        capture_output=True,
        text=True,
        timeout=120,
    )

    holder.communicate(timeout=60)

    assert (0, WAITING + "\n") == (done.returncode, done.stderr)
    assert "The ferry to Gozo now leaves every forty minutes" in {c.text for c in _claims_at(db)}


def test_an_import_behind_a_stuck_writer_gives_up_writing_nothing(
    new_registry: Callable[[], str], tmp_path: Path
) -> None:
    """
    When one writer holds the registry longer than the limit, the waiting import gives
    up: exit 1, one error naming the busy registry and saying nothing was written.
    """
    db = new_registry()
    factreg.open(db).close()
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "The ferry to Gozo now leaves every forty minutes"}\n')
    holder = _holding(db, turns=1, seconds=4)

    done = subprocess.run(
        [sys.executable, "-m", "factreg", "--db", db, "--wait", "0.5", "import", "-q", str(feed)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    holder.communicate(timeout=60)

    assert 1 == done.returncode
    waiting, error = done.stderr.splitlines()
    assert WAITING == waiting
    assert error.startswith("Error: ")
    assert "is busy: another process has held" in error
    assert "nothing was written" in error
    assert ["Holder claim number 0 about the tram timetable"] == [c.text for c in _claims_at(db)]


def _claims_at(db: str) -> list[factreg.Claim]:
    with factreg.open(db, create=False) as reg:
        return list(reg.claims())


def hold_a_new_file() -> None:
    """
    Worker: make argv[1] a new, empty SQLite file in WAL mode and hold its write lock
    for argv[2] seconds (as a process creating a registry there does); print "holding".
    """
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
    db.execute("ROLLBACK")
    db.close()


def test_creating_a_registry_waits_its_turn_and_calls_on_wait(tmp_path: Path) -> None:
    """
    Creating a registry while another process holds the new file's write lock waits for
    it (longer than the first look), calls on_wait once, then creates the registry.
    """
    db = tmp_path / "new.db"
    holder = _worker("hold_a_new_file", str(db), "1.0")
    assert holder.stdout is not None
    assert "holding\n" == holder.stdout.readline()
    calls: list[None] = []

    with factreg.open(db, wait=30, on_wait=lambda: calls.append(None)) as reg:
        reg.add("The ferry to Gozo now leaves every forty minutes", match=False)
    holder.communicate(timeout=60)

    assert [None] == calls
    assert 1 == len(_claims(db))
    _consistent(db)


def test_a_file_that_is_not_a_registry_is_named_so(tmp_path: Path) -> None:
    """
    "not a factreg registry" is kept for files that are not one: a file that is not a
    database, and another program's SQLite database, which is left as it was.
    """
    junk, other = tmp_path / "junk.db", tmp_path / "other.db"
    junk.write_bytes(b"not a database" * 100)
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    conn.close()

    with pytest.raises(StoreError) as not_sqlite:
        factreg.open(junk)
    with pytest.raises(StoreError) as foreign:
        factreg.open(other)

    assert f"{junk} is not a factreg registry: file is not a database" == str(not_sqlite.value)
    assert (
        f"{other} is an SQLite database but not a factreg registry (it holds notes); "
        "nothing was changed: give --db a new file or an existing registry"
    ) == str(foreign.value)
    with contextlib.closing(sqlite3.connect(other)) as conn:
        assert [("notes",)] == conn.execute("SELECT name FROM sqlite_master").fetchall()
