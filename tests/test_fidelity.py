"""
Nothing a reviewer did is lost: full copies (dump, restore, copy between backends),
foreign files refused untouched, missing directories named.

The ``registry`` / ``db_url`` fixtures run each test on SQLite and, when
``FACTREG_TEST_POSTGRES_URL`` is set, on PostgreSQL.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import factreg
from factreg.cli import cli
from factreg.errors import InputError, OutputError, StoreError
from factreg.model import Source
from factreg.registry import Registry
from tests.conftest import POSTGRES_URL, fresh_postgres_schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def other_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """
    A second, empty registry location on the same backend as ``db_url``.
    """
    if not db_url.startswith("postgresql://"):
        yield str(tmp_path / "other.db")
        return
    yield from fresh_postgres_schema()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """
    An empty PostgreSQL schema (skipped without a server).
    """
    yield from fresh_postgres_schema()


T0 = datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc)


def fill(reg: Registry) -> None:
    """
    A registry with what a newsroom accumulates: two articles restating and contradicting
    each other, judgements of every kind, reviews with notes and evidence, a claim
    reviewed many times (long history), an open conflict, a claim awaiting crossmatch.
    """
    first = Source(url="https://arabi21.com/story/1", publisher="عربي21", published=T0.date())
    second = Source(url="https://example.org/b", publisher="Example", title="Visit")
    third = Source(publisher="صدى البلد")
    texts = [
        ("الوفد المرافق لحفتر يضم 11 من كبار مساعديه", first),
        ("زيارة حفتر لمصر استغرقت عدة أيام", first),
        ("The delegation includes 11 senior aides of Haftar", second),
        ("الوفد المرافق لحفتر يضم 15 من كبار مساعديه", second),
        ("زيارة حفتر لمصر استغرقت عدة أيام", second),
        ("حفتر التقى وزير الدفاع المصري في القاهرة", third),
        ("Haftar met the Egyptian defence minister in Cairo on Wednesday", second),
    ]
    ids = [
        reg.add(text, source=source, created_at=T0 + timedelta(minutes=i)).claim.id
        for i, (text, source) in enumerate(texts)
    ]
    reg.add("Haftar flew on to Amman", source=second, match=False)  # awaits crossmatch
    claim = reg.get(ids[0])
    for n in range(12):  # a long history: twelve decisions, notes and evidence
        status = ("false", "mostly_false", "in_review", "mixed")[n % 4]
        claim = reg.review(
            claim.id,
            status,
            confidence=round(0.5 + n / 40, 3),
            note=f"مراجعة رقم {n}",
            evidence=[f"https://factdesk.example/{n}"],
            expected_version=claim.version,
        )
    reg.judge(ids[2], ids[6], "unsure", note="not sure")
    reg.judge(ids[1], ids[4], "same")
    reg.judge(ids[5], ids[6], "different", note="different meeting")
    assert reg.suggestions(), "the fixture must leave open suggestions in the queue"


def portrait(reg: Registry) -> dict[str, Any]:
    """
    What a user sees of a registry: stats, queue, every claim's history, check.
    """
    claims = sorted(c.id for c in reg.claims())
    return {
        "stats": reg.stats(),
        "queue": [(i.kind, i.claim.id, i.other.id if i.other else None) for i in reg.queue()],
        "history": {cid: reg.history(cid) for cid in claims},
        "all history": reg.history(),
        "judgements": {cid: reg.judgements(cid) for cid in claims},
        "claims": list(reg.claims()),
        "check": reg.check(),
    }


def dump_text(reg: Registry) -> str:
    out = io.StringIO()
    reg.dump(out)
    return out.getvalue()


class TestDumpRestore:
    def test_dump_restore_dump_is_byte_identical_and_the_registry_the_same(
        self, registry: Registry, other_url: str, tmp_path: Path
    ) -> None:
        fill(registry)
        first = tmp_path / "first.jsonl"
        counts = registry.dump(first)
        with factreg.open(other_url, actor="someone-else") as copy:
            restored = copy.restore(first)
            again = dump_text(copy)
            assert portrait(registry) == portrait(copy)
        assert first.read_text(encoding="utf-8") == again
        assert counts == restored
        assert restored["judgement"] == 3 and restored["suggestion"] >= 1
        assert restored["event"] > restored["claim"] + 12

    def test_the_dump_carries_what_an_export_leaves_out(self, registry: Registry) -> None:
        fill(registry)
        kinds = [next(iter(json.loads(line))) for line in dump_text(registry).splitlines()]
        assert kinds[0] == "factreg_dump"
        assert {"claim", "link", "judgement", "suggestion", "event"} == set(kinds[1:])
        assert "الوفد المرافق" in dump_text(registry)  # Arabic readable, not \\u-escaped

    def test_a_restored_registry_keeps_working(
        self, registry: Registry, other_url: str, tmp_path: Path
    ) -> None:
        """
        New events continue the log's numbering; a pending claim can be crossmatched.
        """
        fill(registry)
        registry.dump(tmp_path / "d.jsonl")
        last = registry.history()[-1].seq
        with factreg.open(other_url) as copy:
            copy.restore(tmp_path / "d.jsonl")
            added = copy.add("A claim after the restore", source=Source(publisher="X"))
            assert last is not None
            assert [last + 1] == [e.seq for e in copy.history(added.claim.id)]
            assert 1 == copy.match_pending().added
            assert [] == copy.check()

    def test_restore_refuses_a_registry_that_holds_claims(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        fill(registry)
        registry.dump(tmp_path / "d.jsonl")
        before = dump_text(registry)
        with pytest.raises(StoreError, match="not empty"):
            registry.restore(tmp_path / "d.jsonl")
        assert before == dump_text(registry)

    def test_replace_gives_the_dumped_registry_in_place_of_another(
        self, registry: Registry, other_url: str, tmp_path: Path
    ) -> None:
        fill(registry)
        registry.dump(tmp_path / "d.jsonl")
        with factreg.open(other_url) as other:
            other.import_jsonl(ROOT / "claims")
            other.review("s03", "false")
            other.restore(tmp_path / "d.jsonl", replace=True)
            assert portrait(registry) == portrait(other)
            assert dump_text(registry) == dump_text(other)
            # the append-only guards are back
            with pytest.raises(StoreError, match="append-only"):
                other.store._execute("DELETE FROM events")  # type: ignore[attr-defined]

    def test_a_failed_replace_leaves_the_registry_as_it_was(
        self, registry: Registry, other_url: str, tmp_path: Path
    ) -> None:
        fill(registry)
        lines = dump_text(registry).splitlines(keepends=True)
        (tmp_path / "cut.jsonl").write_text("".join(lines[:-2]), encoding="utf-8")
        with factreg.open(other_url) as other:
            other.import_jsonl(ROOT / "claims")
            before = dump_text(other)
            with pytest.raises(InputError, match="incomplete"):
                other.restore(tmp_path / "cut.jsonl", replace=True)
            assert before == dump_text(other)
            assert [] == other.check()

    def test_a_restore_with_more_articles_than_the_source_cache_holds(
        self, registry: Registry, other_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        The store's bounded source cache starting over in the middle of a batch does not
        make it write an article twice (UNIQUE constraint failed: sources.key at 1M).
        """
        import factreg.store.dump
        import factreg.store.sql

        monkeypatch.setattr(factreg.store.sql, "SOURCE_CACHE", 7)
        monkeypatch.setattr(factreg.store.dump, "BATCH", 5)
        registry.add_many(
            (
                # articles met again (cached) beside new ones in every batch
                factreg.Claim(
                    text=f"claim {i}",
                    source=Source(url=f"https://e.org/{i % 3 if i % 2 else i}"),
                )
                for i in range(120)
            ),
            match=False,
        )
        registry.dump(tmp_path / "d.jsonl")
        with factreg.open(other_url) as other:
            other.restore(tmp_path / "d.jsonl")
            assert dump_text(registry) == dump_text(other)

    @pytest.mark.parametrize(
        "damage",
        ["truncated", "first line", "bad row", "unknown kind", "out of order", "not json"],
    )
    def test_a_damaged_dump_restores_nothing(
        self, registry: Registry, other_url: str, tmp_path: Path, damage: str
    ) -> None:
        fill(registry)
        lines = dump_text(registry).splitlines(keepends=True)
        if damage == "truncated":
            lines = lines[:-3]
        elif damage == "first line":
            lines = lines[1:]
        elif damage == "bad row":
            lines[-1] = lines[-1].replace('"actor": "tester"', '"actor": 7')
        elif damage == "unknown kind":
            lines.insert(3, '{"gremlin": {}}\n')
        elif damage == "out of order":
            lines.insert(len(lines) - 1, lines[1])
        else:
            lines.insert(4, "{not json\n")
        path = tmp_path / "bad.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        with factreg.open(other_url) as copy:
            with pytest.raises(InputError, match=r"bad\.jsonl"):
                copy.restore(path)
            assert 0 == copy.stats()["claims"] == copy.stats()["events"]

    def test_an_export_is_not_taken_for_a_dump(
        self, registry: Registry, other_url: str, tmp_path: Path
    ) -> None:
        fill(registry)
        registry.export_jsonl(tmp_path / "export.jsonl")
        with factreg.open(other_url) as copy, pytest.raises(InputError, match="not a factreg dump"):
            copy.restore(tmp_path / "export.jsonl")


class TestCommandLine:
    def test_dump_restore_and_copy_through_the_cli(
        self, runner: CliRunner, db_url: str, other_url: str, tmp_path: Path
    ) -> None:
        with factreg.open(db_url, actor="tester") as reg:
            fill(reg)
            original = portrait(reg)
        dumped = tmp_path / "d.jsonl"
        out = runner.invoke(cli, ["--db", db_url, "dump", str(dumped)])
        assert 0 == out.exit_code, out.output
        out = runner.invoke(cli, ["--db", other_url, "restore", str(dumped)])
        assert 0 == out.exit_code, out.output
        assert "Restored 8 claims" in out.output
        third = tmp_path / "third.db"
        out = runner.invoke(cli, ["--db", other_url, "copy", "--to", str(third)])
        assert 0 == out.exit_code, out.output
        with factreg.open(third, create=False) as reg:
            assert original == portrait(reg)
        out = runner.invoke(cli, ["--db", db_url, "copy", "--to", str(third)])
        assert 1 == out.exit_code
        assert "is not empty" in out.output

    def test_restoring_a_file_that_is_not_a_dump_creates_no_registry(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        db = tmp_path / "new.db"
        out = runner.invoke(
            cli, ["--db", str(db), "restore", str(ROOT / "claims" / "example-followup.jsonl")]
        )
        assert 1 == out.exit_code
        assert "not a factreg dump" in out.output
        assert not db.exists()

    def test_a_registry_is_never_copied_onto_itself(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        db = tmp_path / "r.db"
        with factreg.open(db, actor="tester") as reg:
            fill(reg)
            before = dump_text(reg)
        spelled = str(tmp_path / "." / "r.db")
        out = runner.invoke(cli, ["--db", str(db), "copy", "--replace", "--to", spelled])
        assert 1 == out.exit_code
        assert "is both the source and the target" in out.output
        with factreg.open(db) as reg:
            assert before == dump_text(reg)

    def test_help_says_what_each_carries(self, runner: CliRunner) -> None:
        dump_help = runner.invoke(cli, ["dump", "--help"]).output
        assert "audit log" in dump_help and "judgements" in dump_help
        export_help = runner.invoke(cli, ["export", "--help"]).output
        assert "factreg dump" in export_help


@pytest.mark.postgres
def test_sqlite_to_postgresql_to_sqlite_is_identical(tmp_path: Path, pg_url: str) -> None:
    with factreg.open(tmp_path / "a.db", actor="tester") as reg:
        fill(reg)
        before = dump_text(reg)
        original = portrait(reg)
        with factreg.open(pg_url) as pg:
            reg.copy_to(pg)
            assert before == dump_text(pg)
            with factreg.open(tmp_path / "b.db") as back:
                pg.copy_to(back)
                assert before == dump_text(back)
                assert original == portrait(back)


class TestForeignFiles:
    def test_an_sqlite_database_of_another_application_is_refused_untouched(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        path = tmp_path / "customers.db"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO customers (name) VALUES ('Amal')")
        db.commit()
        db.close()
        before = path.read_bytes()
        for args in (["stats"], ["import", str(ROOT / "claims")], ["add", "x", "--publisher", "P"]):
            out = runner.invoke(cli, ["--db", str(path), *args])
            assert 1 == out.exit_code, out.output
            assert f"Error: {path} is an SQLite database but not a factreg registry" in out.output
        assert before == path.read_bytes()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["customers.db"]

    def test_an_empty_file_becomes_a_registry(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.db"
        path.write_bytes(b"")
        with factreg.open(path) as reg:
            assert 0 == reg.stats()["claims"]

    def test_a_file_that_is_not_a_database_is_refused_untouched(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        path = tmp_path / "notes.txt"
        path.write_text("not a database, just notes\n" * 100)
        before = path.read_bytes()
        out = runner.invoke(cli, ["--db", str(path), "import", str(ROOT / "claims")])
        assert 1 == out.exit_code
        assert before == path.read_bytes()

    def test_a_postgresql_schema_of_another_application_is_refused(self, pg_url: str) -> None:
        psycopg = pytest.importorskip("psycopg")
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE customers (id integer)")
        with pytest.raises(StoreError, match="not a factreg registry"):
            factreg.open(pg_url)

    @pytest.mark.parametrize(
        "args",
        [
            ["--db", "{missing}/r.db", "import", str(ROOT / "claims")],
            ["backup", "{missing}/b.db"],
            ["export", "--out", "{missing}/e.jsonl"],
            ["dump", "{missing}/d.jsonl"],
        ],
    )
    def test_a_missing_directory_is_named(
        self, runner: CliRunner, tmp_path: Path, args: list[str]
    ) -> None:
        db = tmp_path / "r.db"
        with factreg.open(db) as reg:
            reg.add("x", source=Source(publisher="P"))
        missing = tmp_path / "nowhere"
        argv = [a.replace("{missing}", str(missing)) for a in args]
        if argv[0] != "--db":
            argv = ["--db", str(db), *argv]
        out = runner.invoke(cli, argv)
        assert 1 == out.exit_code, out.output
        assert f"directory {missing} does not exist" in out.output
        assert not missing.exists()

    def test_the_library_names_the_missing_directory(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        with pytest.raises(OutputError, match="does not exist"):
            registry.export_jsonl(tmp_path / "no" / "e.jsonl")


# -- killed restores and copies ------------------------------------------------------------


def _big_registry(path: Path, n: int) -> None:
    feed = path.with_suffix(".feed.jsonl")
    with feed.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = {
                "text": f"claim number {i} about topic {i % 97} with figure {i * 7}",
                "source": {"url": f"https://example.org/{i // 5}", "publisher": "Example"},
            }
            out.write(json.dumps(row) + "\n")
    with factreg.open(path, actor="tester") as reg:
        reg.import_jsonl(feed, match=False)
        fill(reg)


def _state(target: str) -> str:
    with factreg.open(target) as reg:
        return dump_text(reg)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["restore", "copy", "restore --replace"])
def test_a_killed_restore_or_copy_leaves_the_target_empty_or_complete(
    tmp_path: Path, command: str, request: pytest.FixtureRequest
) -> None:
    """
    SIGKILL at increasing moments: the target is as it was (empty, or with --replace the
    registry it held) or complete, never in between, and consistent.
    """
    source = tmp_path / "source.db"
    _big_registry(source, 30_000)
    dumped = tmp_path / "d.jsonl"
    with factreg.open(source) as reg:
        reg.dump(dumped)
    whole = dumped.read_text(encoding="utf-8")
    targets = [str(tmp_path / f"t{k}.db") for k in range(4)]
    if POSTGRES_URL:
        targets.append(request.getfixturevalue("pg_url"))
    outcomes = []
    replace = command.endswith("--replace")
    for k, target in enumerate(targets):
        earlier = ""
        if replace:
            with factreg.open(target, actor="tester") as reg:
                reg.import_jsonl(ROOT / "claims")
                earlier = dump_text(reg)
        args = (
            ["--db", target, "restore", "-q", str(dumped), *(["--replace"] if replace else [])]
            if command.startswith("restore")
            else ["--db", str(source), "copy", "-q", "--to", target]
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "factreg", *args],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(0.3 + 0.5 * k)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        state = _state(target)
        complete = state == whole
        empty = (
            (state == earlier)
            if replace
            else json.loads(state.splitlines()[0])["counts"]
            == dict.fromkeys(("claim", "link", "judgement", "suggestion", "event"), 0)
        )
        assert complete or empty, f"{target}: neither as it was nor complete"
        with factreg.open(target) as reg:
            assert [] == reg.check()
        if empty:  # and it can be done again, to completion
            done = subprocess.run(
                [sys.executable, "-m", "factreg", *args], cwd=ROOT, capture_output=True
            )
            assert 0 == done.returncode, done.stderr
            assert whole == _state(target)
        outcomes.append("complete" if complete else "empty")
    assert "empty" in outcomes, "no kill landed during the restore: make the data larger"
    assert os.path.exists(targets[0])


# -- the interactive review keeps what was typed --------------------------------------------


@pytest.fixture
def queued(runner: CliRunner, db_path: Path) -> Path:
    """
    The example claims with the two conflicts judged: the queue opens on claim s06.
    """
    for args in (
        ["import", str(ROOT / "claims")],
        ["judge", "e01", "s03", "different"],
        ["judge", "e03", "s10", "different"],
    ):
        assert 0 == runner.invoke(cli, ["--db", str(db_path), *args]).exit_code
    return db_path


def _review(runner: CliRunner, db: Path, typed: str) -> str:
    result = runner.invoke(cli, ["--db", str(db), "review"], input=typed)
    assert 0 == result.exit_code, result.output
    assert "Aborted" not in result.output and "Traceback" not in result.output
    return result.output


@pytest.fixture
def rival(monkeypatch: pytest.MonkeyPatch, queued: Path) -> None:
    """
    Another reviewer marks each claim true, with a note, just before this one records.
    """
    real = Registry.review

    def sneaky(self: Registry, ref: str, *args: Any, **kw: Any) -> Any:
        with factreg.open(queued, actor="other") as other:
            if other.get(ref).version == 1:
                real(other, ref, "true", note="from the wire")
        return real(self, ref, *args, **kw)

    monkeypatch.setattr(Registry, "review", sneaky)


class TestReviewScreen:
    def test_shows_k_of_n(self, runner: CliRunner, queued: Path) -> None:
        output = _review(runner, queued, "q")
        assert "[1 of 21]" in output

    def test_a_bad_evidence_url_asks_again_for_the_urls_only(
        self, runner: CliRunner, queued: Path
    ) -> None:
        output = _review(
            runner, queued, "f0.7\nchecked\nhtp:/bad https://ok.example/0\nhttps://ok.example/1\nq"
        )
        assert "'htp:/bad': not an absolute URL" in output
        assert "your status, confidence and note are kept" in output
        assert "Recorded: s06 is false (version 2)." in output
        with factreg.open(queued) as reg:
            s06 = reg.get("s06")
        assert ("false", 0.7, "checked", ("https://ok.example/1",)) == (
            s06.status.value,
            s06.confidence,
            s06.note,
            s06.evidence,
        )

    def test_a_bad_confidence_asks_again_for_the_confidence_only(
        self, runner: CliRunner, queued: Path
    ) -> None:
        output = _review(runner, queued, "f1.5\n0.4\nnote kept\n\nq")
        assert "'1.5' is not a number between 0 and 1." in output
        with factreg.open(queued) as reg:
            assert (0.4, "note kept") == (reg.get("s06").confidence, reg.get("s06").note)

    def test_on_a_clash_the_typed_decision_can_be_applied_on_top(
        self, runner: CliRunner, queued: Path, rival: None
    ) -> None:
        output = _review(runner, queued, "f0.9\nmine\nhttps://desk.example/9\naq")
        assert "claim s06 was changed by someone else" in output
        assert "other, " in output and "status unverified → true" in output
        assert "note — → from the wire" in output
        assert "Your decision: false, confidence 0.9, note 'mine'" in output
        assert "Recorded: s06 is false (version 3)." in output
        with factreg.open(queued) as reg:
            s06 = reg.get("s06")
            actors = [(e.actor, e.action) for e in reg.history("s06")]
        assert ("false", 0.9, "mine", ("https://desk.example/9",)) == (
            s06.status.value,
            s06.confidence,
            s06.note,
            s06.evidence,
        )
        assert [("other", "review"), ("tester", "review")] == actors[-2:]

    def test_on_a_clash_theirs_can_be_kept(
        self, runner: CliRunner, queued: Path, rival: None
    ) -> None:
        output = _review(runner, queued, "f0.9\nmine\n\nkq")
        assert "Kept theirs: s06 stays true." in output
        with factreg.open(queued) as reg:
            assert ("true", "from the wire") == (reg.get("s06").status.value, reg.get("s06").note)

    def test_in_review_moves_on(self, runner: CliRunner, queued: Path) -> None:
        output = _review(runner, queued, "i\n\n\nq")
        assert "Recorded: s06 is in_review (version 2)." in output
        assert "[2 of 21]" in output
        second = output.split("[2 of 21]")[1]
        assert "s06  [" not in second
        assert "Stopped. 1 decision recorded. (s06 in_review)" in output

    @pytest.mark.parametrize("where", ["key", "confidence", "note", "evidence"])
    def test_end_of_input_anywhere_ends_with_a_summary(
        self, runner: CliRunner, queued: Path, where: str
    ) -> None:
        """
        Ctrl-D (end of input) at a key or in a prompt: one line of what was recorded.
        """
        typed = {"key": "i\n\n\n", "confidence": "i\n\n\nf", "note": "i\n\n\nf0.5\n"}
        output = _review(runner, queued, typed.get(where, "i\n\n\nf0.5\nnote\n"))
        last = output.strip().splitlines()[-1]
        assert last.startswith("Stopped") and "1 decision recorded. (s06 in_review)" in last

    def test_ctrl_c_in_a_prompt_ends_with_a_summary(
        self, runner: CliRunner, queued: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import click

        calls = []
        real = click.prompt

        def interrupted(*args: Any, **kw: Any) -> Any:
            calls.append(1)
            if len(calls) == 4:
                raise KeyboardInterrupt
            return real(*args, **kw)

        monkeypatch.setattr(click, "prompt", interrupted)
        output = _review(runner, queued, "i\n\n\nf0.5\n")
        assert output.strip().splitlines()[-1].startswith("Stopped at ")
        assert "1 decision recorded. (s06 in_review)" in output


# -- article identity: canonical URLs ------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://Example.ORG/News/a", "https://example.org/News/a"),
        ("https://example.org/a/", "https://example.org/a"),
        ("https://example.org/", "https://example.org"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:80/a", "http://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a#comments", "https://example.org/a"),
        ("https://example.org/a?utm_source=tw&utm_medium=social", "https://example.org/a"),
        (
            "https://example.org/a?id=7&fbclid=x&gclid=y&UTM_Campaign=z",
            "https://example.org/a?id=7",
        ),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?b=2&a=1"),
        ("https://arabi21.com/story/%D8%AD", "https://arabi21.com/story/%D8%AD"),
        ("urn:isbn:0451450523", "urn:isbn:0451450523"),
    ],
)
def test_canonical_url(given: str, canonical: str) -> None:
    from factreg.urls import canonical_url

    assert canonical == canonical_url(given)
    assert canonical == canonical_url(canonical)


VARIANTS = [
    "https://example.org/news/haftar-visit",
    "https://example.org/news/haftar-visit/",
    "https://EXAMPLE.org/news/haftar-visit?utm_source=twitter&utm_medium=social",
    "https://example.org:443/news/haftar-visit#comments",
    "https://example.org/news/haftar-visit?fbclid=IwAR0abc",
]


def test_one_article_under_other_spellings_registers_nothing_new(
    registry: Registry,
) -> None:
    article = (ROOT / "claims" / "seed-article.txt").read_bytes()
    first = registry.ingest(article, source=Source(url=VARIANTS[0], publisher="عربي21"))
    assert first.added > 0
    for url in VARIANTS[1:]:
        again = registry.ingest(article, source=Source(url=url, publisher="عربي21"))
        assert 0 == again.added, url
    assert 1 == registry.stats()["sources"]
    assert {VARIANTS[0]} == {c.source.url for c in registry.claims() if c.source}


def test_the_url_as_given_is_kept_for_display(registry: Registry) -> None:
    added = registry.add("x happened", source=Source(url=VARIANTS[2], publisher="P"))
    stored = registry.get(added.claim.id).source
    assert stored is not None and VARIANTS[2] == stored.url


def _sql(db: str, statement: str) -> list[tuple[Any, ...]]:
    """
    Run one statement on a registry behind factreg's back (as an older version left it).
    """
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            cur = conn.execute(statement)
            return sorted(cur.fetchall()) if cur.description else []
    raw = sqlite3.connect(db)
    try:
        rows = raw.execute(statement).fetchall()
        raw.commit()
        return sorted(rows)
    finally:
        raw.close()


def test_a_registry_made_before_upgrades_its_article_keys(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """
    A registry written when keys were URLs as given: after the upgrade, keys are
    canonical, sources that are one article are one, fingerprints match, ids and history
    are unchanged, re-importing its export adds nothing and re-ingesting under another
    spelling neither.
    """
    import factreg.model

    db = db_url
    article = (ROOT / "claims" / "seed-article.txt").read_bytes()
    with monkeypatch.context() as old:
        old.setattr(factreg.model, "canonical_url", lambda url: url)
        with factreg.open(db, actor="tester") as reg:
            reg.ingest(article, source=Source(url=VARIANTS[0], publisher="عربي21"))
            reg.ingest(article, source=Source(url=VARIANTS[2], publisher="عربي21"))
            reg.add("claim from a third spelling", source=Source(url=VARIANTS[1]))
            before = {c.id: reg.history(c.id) for c in reg.claims()}
            assert 3 == reg.stats()["sources"]
            reg.export_jsonl(tmp_path / "old-export.jsonl")
    assert sorted((v,) for v in VARIANTS[:3]) == _sql(db, "SELECT key FROM sources")
    # What the registry's schema was before the canonical keys.
    _sql(db, "DELETE FROM schema_migrations WHERE name = 'article keys in canonical URL form'")

    with factreg.open(db, actor="tester") as reg:
        assert [(VARIANTS[0],)] == _sql(db, "SELECT key FROM sources")
        assert [] == reg.check()
        assert before == {c.id: reg.history(c.id) for c in reg.claims()}
        assert 0 == reg.import_jsonl(tmp_path / "old-export.jsonl").added
        assert 0 == reg.ingest(article, source=Source(url=VARIANTS[4], publisher="عربي21")).added
        assert reg.add("claim from a third spelling", source=Source(url=VARIANTS[3])).existing
        assert sorted(before) == sorted(c.id for c in reg.claims())
