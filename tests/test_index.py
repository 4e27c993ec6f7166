"""
The persistent candidate index and the bulk paths that feed it: every claim findable
after add and import, in the same transaction, after reindex; interrupted imports leave
table and index consistent; check() finds a damaged index and reindex repairs it.
"""

from __future__ import annotations

import gc
import io
import json
import os
import pty
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import factreg
from factreg import _crossmatch, _importing, _workers, matching
from factreg.cli import cli
from factreg.errors import InputError, StoreError
from factreg.model import Source
from factreg.registry import Registry
from factreg.store import records
from factreg.store import sqlite as sqlite_store
from factreg.store.records import ClaimRecord
from tests.conftest import fresh_postgres_schema

_SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "vo", "de", "ba", "zu", "fe")
_ARABIC = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"


def words(seed: int, count: int) -> list[str]:
    """
    ``count`` distinct made-up words, Latin and Arabic, the same for the same seed.
    """
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        if rng.random() < 0.5:
            out["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
        else:
            out["".join(rng.choice(_ARABIC) for _ in range(rng.randint(4, 6)))] = None
    return list(out)


def texts(count: int, seed: int = 7) -> list[str]:
    """
    ``count`` distinct claims of six to ten words, sharing common words as news does.
    """
    rng = random.Random(seed)
    vocabulary = words(seed, 400)
    common = ["minister", "said", "the", "في", "من"]
    out: dict[str, None] = {}
    while len(out) < count:
        chosen = rng.sample(vocabulary, rng.randint(4, 7)) + rng.sample(common, 2)
        rng.shuffle(chosen)
        out[" ".join(chosen)] = None
    return list(out)


def feed(lines: list[str], *, source: str = "https://wire.example/a") -> bytes:
    """
    A JSON Lines feed of ``lines``, all from one article unless told otherwise.
    """
    return "".join(
        json.dumps({"text": t, "source": {"url": source}}, ensure_ascii=False) + "\n" for t in lines
    ).encode("utf-8")


def found(reg: Registry, text: str) -> list[str]:
    """
    The ids ``match`` returns for ``text``, best first.
    """
    return [m.claim_id for m in reg.match(text, limit=matching.CANDIDATE_LIMIT)]


def claim_count(reg: Registry) -> int:
    """
    How many claims the registry holds.
    """
    return int(reg.stats()["claims"])


class TestFindable:
    def test_every_added_claim_is_found_by_its_text(self, registry: Registry) -> None:
        """
        After add, each claim is the first match for its own text.
        """
        ids = [registry.add(t, match=False).claim.id for t in texts(40)]

        assert ids == [found(registry, t)[0] for t in texts(40)]

    def test_every_imported_claim_is_found_by_its_text(self, registry: Registry) -> None:
        """
        After a batched import (several batches), each claim is the first match for its text.
        """
        report = registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(120))))], match=False)
        by_text = {c.text: c.id for c in registry.claims()}

        assert 120 == report.added
        assert [by_text[t] for t in texts(120)] == [found(registry, t)[0] for t in texts(120)]

    def test_a_claim_is_found_inside_the_transaction_that_adds_it(self, registry: Registry) -> None:
        """
        The index reflects a new claim at once, before its transaction commits.
        """
        first, second = texts(2)
        with registry.store.transaction():
            a = registry.add(first, match=False).claim
            seen_a = found(registry, first)
            b = registry.add(second, match=False).claim
            seen_b = found(registry, second)

        assert (a.id, b.id) == (seen_a[0], seen_b[0])

    def test_a_rolled_back_claim_is_not_found(self, registry: Registry) -> None:
        """
        A claim whose transaction rolled back leaves no trace in the index.
        """
        text = texts(1)[0]
        with pytest.raises(RuntimeError), registry.store.transaction():
            registry.add(text, match=False)
            raise RuntimeError("abandon")

        assert [] == found(registry, text)
        assert [] == registry.check()

    def test_a_restatement_with_one_word_changed_is_found(self, registry: Registry) -> None:
        """
        Changing one word of a claim still finds it.
        """
        registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(60))))], match=False)
        target = texts(60)[17]
        changed = target.split()
        changed[0] = "replaced"

        assert target == registry.get(found(registry, target)[0]).text
        assert target in [registry.get(i).text for i in found(registry, " ".join(changed))]

    def test_a_restatement_is_found_when_the_postings_budget_binds(
        self, db_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        With a budget so small that only the three rarest terms are read (as in a large
        registry), a restatement with one word changed is still the first match.
        """
        monkeypatch.setattr(sqlite_store, "POSTINGS_BUDGET", 1)
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(300))))], match=False)
            changed = [(i, t.split()) for i, t in enumerate(texts(300))]
            for _, words_ in changed:
                words_[len(words_) // 2] = "replaced"
            firsts = [reg.get(found(reg, " ".join(w))[0]).text for _, w in changed]

        assert texts(300) == firsts

    def test_a_query_of_common_words_only_finds_claims_holding_them(
        self, db_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        When every query term is too common to read in full, the claims holding the rarest
        of them together are the candidates, at most CANDIDATE_LIMIT of them.
        """
        monkeypatch.setattr(sqlite_store, "MAX_TERM_SHARE", 0.0)
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(120))))], match=False)
            candidates = reg.store.candidates(["minister", "said"], matching.CANDIDATE_LIMIT)
        holding = [t for t in texts(120) if {"minister", "said"} <= set(t.split())]

        assert min(len(holding), matching.CANDIDATE_LIMIT) == len(candidates)
        assert all({"minister", "said"} <= set(c.terms.split()) for c in candidates)

    @pytest.mark.parametrize(
        "text",
        [
            "The army said 11 senior aides accompanied Haftar to Cairo",
            "قال الجيش إن 11 من كبار مساعدي حفتر رافقوه إلى القاهرة",
        ],
    )
    def test_candidates_build_their_claim_only_when_asked(
        self, registry: Registry, text: str
    ) -> None:
        """
        A candidate carries its claim's id, text, cluster, language and source; the whole
        Claim is built from the row on first use, equal to the registered claim.
        """
        added = registry.add(text, source=Source(url="https://wire.example/a"), match=False)
        registry.add("Prices of bread rose again in Tripoli markets", match=False)

        [candidate] = [
            c
            for c in registry.store.candidates(matching.query_terms(text), 50)
            if c.claim_id == added.claim.id
        ]
        deferred = candidate._claim is None
        fields = (candidate.text, candidate.cluster, candidate.lang, candidate.source)

        assert deferred
        assert (text, added.claim.id, added.claim.lang, added.claim.source) == fields
        assert added.claim == candidate.claim


class TestReindex:
    def test_reindex_is_idempotent_and_keeps_every_claim_findable(self, registry: Registry) -> None:
        """
        Reindexing twice reports every claim both times; check passes; all are findable.
        """
        registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(50))))], match=False)
        by_text = {c.text: c.id for c in registry.claims()}

        assert (50, 50) == (registry.reindex(), registry.reindex())
        assert [] == registry.check()
        assert [by_text[t] for t in texts(50)] == [found(registry, t)[0] for t in texts(50)]


class TestInterruptedImport:
    def test_failure_in_a_later_batch_writes_nothing_and_a_rerun_completes(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        An exception after some batches were inserted rolls the whole import back;
        running it again imports every claim once, and a third run adds none.
        """
        monkeypatch.setattr(_importing, "BATCH", 10)
        data = feed(texts(45))
        real = registry.store.append_events
        calls = 0

        def failing(events: list[factreg.Event]) -> None:
            nonlocal calls
            calls += 1
            if calls == 3:
                raise OSError("disk gone")
            real(events)

        monkeypatch.setattr(registry.store, "append_events", failing)
        with pytest.raises(OSError, match="disk gone"):
            registry.import_jsonl([("feed.jsonl", io.BytesIO(data))], match=False)
        interrupted = (claim_count(registry), registry.check())
        monkeypatch.setattr(registry.store, "append_events", real)
        first = registry.import_jsonl([("feed.jsonl", io.BytesIO(data))], match=False)
        second = registry.import_jsonl([("feed.jsonl", io.BytesIO(data))], match=False)

        assert (0, []) == interrupted
        assert (45, 0) == (first.added, second.added)
        assert (45, []) == (claim_count(registry), registry.check())

    def test_commit_every_keeps_committed_batches_and_a_rerun_adds_the_rest(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        With commit_every, a failure keeps the transactions committed before it, consistent;
        running the import again adds the rest, no claim twice.
        """
        monkeypatch.setattr(_importing, "BATCH", 10)
        data = feed(texts(45))
        real = registry.store.insert_claims
        calls = 0

        def failing(claims: list[ClaimRecord], *, matched: bool = True) -> None:
            nonlocal calls
            calls += 1
            real(claims, matched=matched)
            if calls == 3:
                raise OSError("disk gone")

        monkeypatch.setattr(registry.store, "insert_claims", failing)
        with pytest.raises(OSError, match="disk gone"):
            registry.import_jsonl([("feed.jsonl", io.BytesIO(data))], match=False, commit_every=20)
        interrupted = (claim_count(registry), registry.check())
        monkeypatch.setattr(registry.store, "insert_claims", real)
        rerun = registry.import_jsonl(
            [("feed.jsonl", io.BytesIO(data))], match=False, commit_every=20
        )

        assert (20, []) == interrupted
        assert (25, 20) == (rerun.added, rerun.present)
        assert (45, []) == (claim_count(registry), registry.check())

    def test_a_bad_line_with_commit_every_stops_after_the_committed_claims(
        self, registry: Registry
    ) -> None:
        """
        A bad line names file:line; the claims committed before its transaction stay.
        """
        data = feed(texts(30)) + b'{"text": 5}\n' + feed(texts(3, seed=9))

        with pytest.raises(InputError, match=re.escape("feed.jsonl:31: text")):
            registry.import_jsonl([("feed.jsonl", io.BytesIO(data))], match=False, commit_every=10)
        assert (30, []) == (claim_count(registry), registry.check())


class TestDeferredMatching:
    def test_the_deferred_pass_links_restatements(self, registry: Registry) -> None:
        """
        Imported without matching, a restatement from another outlet is linked by the
        second pass, and the pass has nothing left to do afterwards.
        """
        claim = texts(1, seed=3)[0]
        others = texts(30, seed=4)
        lines = (
            feed(others)
            + feed([claim], source="https://daily.example/x")
            + feed([claim + "."], source="https://wire.example/y")
        )
        registry.import_jsonl([("feed.jsonl", io.BytesIO(lines))], match=False)

        report = registry.match_pending()
        ids = found(registry, claim)[:2]

        assert 32 == report.added
        assert 1 <= report.linked
        assert 1 == len({registry.get(i).cluster for i in ids})
        assert 0 == registry.match_pending().added


class TestParallelDeferredMatching:
    """
    ``match_pending(jobs=N)``: workers find the matches, one process writes them, and the
    registry ends exactly as the single-process pass leaves it.
    """

    @staticmethod
    def registry_file(db_path: Path | str) -> None:
        """
        A registry of Arabic and English claims imported without matching, restated by
        other outlets (the same text, a word dropped, a word changed) in later batches.
        """
        base = texts(90, seed=11)
        rng = random.Random(5)
        rows = [(t, f"https://wire.example/{n}") for n, t in enumerate(base)]
        for n, text in enumerate(base):
            words_ = text.split()
            if n % 2 == 0:
                rows.append((text, f"https://daily.example/{n}"))
            if n % 3 == 0:
                rows.append((" ".join(words_[1:]), f"https://post.example/{n}"))
            if n % 5 == 0:
                rows.append((" ".join([*words_[:-1], "13"]), f"https://news.example/{n}"))
        head, tail = rows[:45], rows[45:]
        rng.shuffle(tail)
        lines = b"".join(feed([t], source=url) for t, url in head + tail)
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(lines))], match=False)

    @staticmethod
    def state(db_path: Path | str) -> list[tuple[str, dict[str, Any]]]:
        """
        Every row of the registry but the moments it was written: queue, links,
        clusters, audit log.
        """
        moments = {"at", "created_at", "updated_at"}
        with factreg.open(db_path) as reg:
            return [
                (kind, {k: v for k, v in row.items() if k not in moments})
                for kind, row in reg.store.dump_rows()
            ]

    @pytest.fixture
    def small_chunks(self, monkeypatch: pytest.MonkeyPatch) -> list[int]:
        """
        Chunks of 4 claims, so that a batch is shared by both workers; counts answers.
        """
        monkeypatch.setattr(_crossmatch, "CHUNK", 4)
        monkeypatch.setattr(_crossmatch, "MIN_PARALLEL", 8)
        answered: list[int] = []
        receive = _crossmatch._receive

        def counted(worker: Any) -> Any:
            answer = receive(worker)
            answered.append(0 if answer is None else len(answer))
            return answer

        monkeypatch.setattr(_crossmatch, "_receive", counted)
        return answered

    def test_parallel_pass_leaves_the_registry_as_one_process_does(
        self, tmp_path: Path, small_chunks: list[int]
    ) -> None:
        """
        The same queue, clusters, links and audit log with two workers as with none.
        """
        one, two = tmp_path / "one.db", tmp_path / "two.db"
        self.registry_file(one)
        shutil.copy(one, two)

        with factreg.open(one) as reg:
            alone = reg.match_pending(batch=40)
        with factreg.open(two) as reg:
            shared = reg.match_pending(batch=40, jobs=2)

        assert alone == shared
        assert alone.linked > 0 and alone.suggested > 0
        assert sum(small_chunks) > 0  # the workers did answer
        assert self.state(one) == self.state(two)

    @pytest.mark.postgres
    def test_parallel_pass_on_postgres_leaves_the_registry_as_one_process_does(
        self, small_chunks: list[int]
    ) -> None:
        """
        The same on PostgreSQL: two registries loaded alike, matched with and without
        workers, hold the same rows.
        """
        schemas = [fresh_postgres_schema(), fresh_postgres_schema()]
        one, two = (next(schema) for schema in schemas)
        try:
            self.registry_file(one)
            self.registry_file(two)
            with factreg.open(one) as reg:
                alone = reg.match_pending(batch=40)
            with factreg.open(two) as reg:
                shared = reg.match_pending(batch=40, jobs=2)
            states = self.state(one), self.state(two)
        finally:
            for schema in schemas:
                schema.close()

        assert alone == shared
        assert sum(small_chunks) > 0
        assert states[0] == states[1]

    def test_parallel_pass_goes_on_alone_when_workers_fail(
        self, tmp_path: Path, small_chunks: list[int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Workers that stop at once leave the whole pass to the writing process, same result.
        """
        one, two = tmp_path / "one.db", tmp_path / "two.db"
        self.registry_file(one)
        shutil.copy(one, two)
        monkeypatch.setattr(_crossmatch, "_WORKER", "import sys; sys.exit(3)")

        with factreg.open(one) as reg:
            alone = reg.match_pending(batch=40)
        with factreg.open(two) as reg:
            shared = reg.match_pending(batch=40, jobs=2)

        assert alone == shared
        assert 0 == sum(small_chunks)
        assert self.state(one) == self.state(two)


def _raw(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_path, isolation_level=None)


class TestDamagedIndex:
    def test_terms_changed_behind_the_index_are_found_and_repaired(
        self,
        db_path: Path,
    ) -> None:
        """
        check() reports claims.terms edited without the index; reindex repairs it and
        the claim is found again.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(20))))], match=False)
            target = reg.get(found(reg, texts(20)[5])[0])
        with _raw(db_path) as db:
            db.execute("UPDATE claims SET terms = 'nothing like it' WHERE id = ?", (target.id,))

        with factreg.open(db_path) as reg:
            problems = reg.check()
            reg.reindex()

            assert any("candidate index does not match the claims" in p for p in problems)
            assert [] == reg.check()
            assert target.id == found(reg, target.text)[0]

    @pytest.mark.parametrize(
        "damage",
        [
            "UPDATE claim_terms SET docs = docs + 1 WHERE term = 'minister'",
            "DELETE FROM claim_terms WHERE term = 'said'",
            "INSERT INTO claim_terms (term, docs) VALUES ('ghost', 3)",
            "UPDATE meta SET value = '999' WHERE key = 'indexed_claims'",
            "UPDATE meta SET value = '0' WHERE key = 'indexed_tokens'",
        ],
    )
    def test_wrong_index_statistics_are_found_and_repaired(
        self, db_path: Path, damage: str
    ) -> None:
        """
        check() compares the term counts and totals with the index; reindex rebuilds them.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(20))))], match=False)
        with _raw(db_path) as db:
            db.execute(damage)

        with factreg.open(db_path) as reg:
            problems = reg.check()
            reg.reindex()

            assert any("run reindex" in p for p in problems)
            assert [] == reg.check()

    def test_claims_the_audit_log_does_not_account_for_are_found(
        self,
        db_path: Path,
    ) -> None:
        """
        check() names a claim written behind the registry's back (no creation event, so
        no logged version) and a claim in a cluster whose root is not a root.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(5))))], match=False)
            first, second = sorted(c.id for c in reg.claims())[:2]
        with _raw(db_path) as db:
            db.execute(
                "INSERT INTO claims (id, text, attribution, status, evidence, tags, "
                "fact_checks, created_at, updated_at, version, cluster, terms, "
                "fingerprint, matched) SELECT 'ghost', text || '!', attribution, "
                "status, evidence, tags, fact_checks, created_at, updated_at, version, "
                "'ghost', terms, fingerprint + 1, matched FROM claims WHERE id = ?",
                (first,),
            )
            db.execute("UPDATE claims SET cluster = ? WHERE id = ?", (first, second))
            db.execute("UPDATE claims SET cluster = ? WHERE id = ?", (second, first))

        with factreg.open(db_path) as reg:
            problems = reg.check()

        assert {
            "claim ghost has 0 creation events in the audit log (expected 1)",
            "claim ghost is at version 1 but its audit log ends at version None",
            f"claim {first} is in cluster {second}, which is not a cluster root",
            f"claim {second} is in cluster {first}, which is not a cluster root",
        } <= set(problems)

    def test_candidate_scores_are_fts5_bm25(self, db_path: Path) -> None:
        """
        In a registry whose posting lists fit the budget, candidates and their scores are
        those of FTS5's own bm25 over the OR of the terms not too common to look up, in
        the same order.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(200))))], match=False)
            terms = matching.query_terms(texts(200)[3] + " " + texts(200)[4])
            mine = [(c.claim.id, c.index_score) for c in reg.store.candidates(terms, 50)]
        with _raw(db_path) as db:
            cap = max(50, int(200 * sqlite_store.MAX_TERM_SHARE))
            query = [
                t
                for t in terms
                if 0
                < db.execute("SELECT doc FROM claim_vocab WHERE term = ?", (t,)).fetchone()[0]
                <= cap
            ]
            theirs = db.execute(
                "SELECT c.id, -bm25(claim_fts) AS s FROM claim_fts JOIN claims c "
                "ON c.n = claim_fts.rowid WHERE claim_fts MATCH ? ORDER BY s DESC, c.id "
                "LIMIT 50",
                (" OR ".join(f'"{t}"' for t in query),),
            ).fetchall()

        assert 20 < len(theirs)
        assert [i for i, _ in theirs] == [i for i, _ in mine]
        assert [round(s, 9) for _, s in theirs] == [round(s, 9) for _, s in mine]

    def test_a_registry_of_schema_one_is_upgraded_with_its_statistics(
        self,
        db_path: Path,
    ) -> None:
        """
        A registry made before the statistics existed is migrated: counts filled from
        its index, check passes, claims are found.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(20))))], match=False)
        with _raw(db_path) as db:
            # Back to version 1: its trigger, no statistics.
            db.execute("DROP TABLE claim_terms")
            db.execute("DELETE FROM meta WHERE key LIKE 'indexed_%'")
            db.execute("DELETE FROM schema_migrations WHERE version >= 2")
            db.execute(
                "CREATE TRIGGER claims_index_insert AFTER INSERT ON claims BEGIN "
                "INSERT INTO claim_fts (rowid, terms) VALUES (new.n, new.terms); END"
            )
            db.execute("CREATE INDEX claims_source ON claims (source_id)")
            db.execute("CREATE INDEX claims_status ON claims (status, created_at)")
            db.execute("DROP INDEX claims_created")

        with factreg.open(db_path) as reg:
            assert [] == reg.check()
            assert texts(20)[2] == reg.get(found(reg, texts(20)[2])[0]).text


class TestSchemaFour:
    def test_a_registry_of_schema_three_is_upgraded_and_keeps_working(
        self,
        db_path: Path,
    ) -> None:
        """
        A registry made with the full cluster index and the audit log by claim id is
        migrated: every event keeps its place and gains its claim's number, clusters,
        history and stats read as before, check passes, and imports go on.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(20))))], match=False)
            ids = [found(reg, t)[0] for t in texts(20)[:3]]
            reg.judge(ids[0], ids[1], "same")
            reg.review(ids[2], "false")
            history = {i: reg.history(i) for i in ids}
            members = [c.id for c in reg.cluster(ids[1])]
            stats = reg.stats()
        with _raw(db_path) as db:
            # Back to version 3: events without claim numbers, both indexes as they were.
            db.execute("DROP INDEX claims_cluster")
            db.execute("CREATE INDEX claims_cluster ON claims (cluster)")
            db.execute(
                "CREATE TABLE old_events (seq INTEGER PRIMARY KEY, "
                "claim_id TEXT NOT NULL REFERENCES claims (id), at TEXT NOT NULL, "
                "actor TEXT NOT NULL, action TEXT NOT NULL, version INTEGER, "
                "before TEXT, after TEXT)"
            )
            db.execute(
                "INSERT INTO old_events SELECT seq, claim_id, at, actor, action, "
                "version, before, after FROM events"
            )
            db.execute("DROP TABLE events")
            db.execute("ALTER TABLE old_events RENAME TO events")
            db.execute("CREATE INDEX events_claim ON events (claim_id, seq)")
            for action in ("UPDATE", "DELETE"):
                db.execute(
                    f"CREATE TRIGGER events_append_only_{action.lower()} BEFORE "
                    f"{action} ON events BEGIN "
                    "SELECT RAISE(ABORT, 'the audit log is append-only'); END"
                )
            db.execute("DELETE FROM schema_migrations WHERE version >= 4")

        with factreg.open(db_path) as reg:
            assert [] == reg.check()
            assert history == {i: reg.history(i) for i in ids}
            assert members == [c.id for c in reg.cluster(ids[1])]
            assert stats == reg.stats()
            reg.import_jsonl([("more.jsonl", io.BytesIO(feed(texts(30)[20:])))], match=False)
            assert [] == reg.check()
            assert ["import"] == [e.action for e in reg.history(found(reg, texts(30)[25])[0])]
        with _raw(db_path) as db:
            assert (
                []
                == db.execute(
                    "SELECT e.seq FROM events e LEFT JOIN claims c ON c.n = e.claim_n "
                    "WHERE c.id IS NOT e.claim_id"
                ).fetchall()
            )
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute("DELETE FROM events")

    def test_only_claims_outside_their_own_cluster_are_in_the_cluster_index(
        self, db_path: Path
    ) -> None:
        """
        Importing claims writes no cluster index entry; a claim joined to another's
        cluster gets one, and its cluster, the stats and check read it back.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(10))))], match=False)
            a, b = sorted(found(reg, t)[0] for t in texts(10)[:2])
            with _raw(db_path) as db:
                assert (
                    []
                    == db.execute(
                        "SELECT id FROM claims INDEXED BY claims_cluster WHERE cluster <> id"
                    ).fetchall()
                )
            root = reg.judge(a, b, "same").cluster_a
            with _raw(db_path) as db:
                indexed = db.execute(
                    "SELECT id FROM claims INDEXED BY claims_cluster WHERE cluster <> id"
                ).fetchall()

            assert [({a, b} - {root}).pop()] == [i for (i,) in indexed]
            assert {a, b} == {c.id for c in reg.cluster(a)}
            assert 9 == reg.stats()["clusters"]
            assert [] == reg.check()

    def test_an_event_filed_under_another_claims_number_is_reported(
        self,
        db_path: Path,
    ) -> None:
        """
        check() reports an audit event whose claim number is not that of the claim it
        names: history, read by number, would show it under the wrong claim.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(3))))], match=False)
        with _raw(db_path) as db:
            (a,), (b,) = db.execute("SELECT id FROM claims ORDER BY id LIMIT 2")
            db.execute(
                "INSERT INTO events (claim_id, claim_n, at, actor, action, version) "
                "VALUES (?, (SELECT n FROM claims WHERE id = ?), '2024-01-01', 'x', "
                "'note', NULL)",
                (b, a),
            )

        with factreg.open(db_path) as reg:
            assert [f"claim {a}'s audit log holds events filed under claim {b}"] == reg.check()

    def test_a_registry_that_cannot_be_upgraded_is_left_as_it_was(
        self,
        db_path: Path,
    ) -> None:
        """
        An audit event of a claim that is not there (written with foreign keys off) stops
        the upgrade with a StoreError naming the schema; the registry is unchanged.
        """
        with factreg.open(db_path) as reg:
            reg.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(3))))], match=False)
        with _raw(db_path) as db:
            db.execute("DELETE FROM schema_migrations WHERE version >= 4")
            db.execute(
                "INSERT INTO events (claim_id, claim_n, at, actor, action) "
                "VALUES ('c-gone', 99, '2024-01-01', 'x', 'note')"
            )

        with pytest.raises(StoreError, match="cannot upgrade the registry to schema 4"):
            factreg.open(db_path)
        with _raw(db_path) as db:
            assert (3, 4) == db.execute(
                "SELECT MAX(version), (SELECT COUNT(*) FROM events) FROM schema_migrations"
            ).fetchone()


class TestParallelReading:
    @pytest.mark.parametrize("workers", [1, 3])
    def test_a_large_file_reports_the_right_line_numbers(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch, workers: int
    ) -> None:
        """
        Lines parsed by the worker processes keep their numbers: bad ones are named by line.
        """
        monkeypatch.setattr(records, "PARALLEL_CHUNK", 7)
        monkeypatch.setattr(_workers, "parallel_workers", lambda: workers)
        lines = feed(texts(40)).splitlines(keepends=True)
        lines[25] = b'{"text": ""}\n'
        lines[33] = b"not json\n"

        report = registry.import_jsonl(
            [("feed.jsonl", io.BytesIO(b"".join(lines)))], match=False, skip_invalid=True
        )

        assert [26, 34] == [e.line for e in report.invalid]
        assert 38 == report.added
        assert [26, 34] == sorted(
            set(range(1, 41))
            - {
                e.after["line"]
                for e in registry.history()
                if e.action == "import" and e.after is not None
            }
        )

    @pytest.mark.parametrize("workers", [2, 3])
    def test_several_workers_keep_the_order_of_the_file(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch, workers: int
    ) -> None:
        """
        Chunks answered by several workers are written in file order: the audit log's
        import events follow the lines one by one.
        """
        monkeypatch.setattr(records, "PARALLEL_CHUNK", 5)
        monkeypatch.setattr(_workers, "parallel_workers", lambda: workers)

        registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(53))))], match=False)

        lines = [
            e.after["line"]
            for e in sorted(registry.history(), key=lambda e: e.seq or 0)
            if e.action == "import" and e.after is not None
        ]
        assert list(range(1, 54)) == lines

    @pytest.mark.parametrize(
        "worker",
        [
            "import sys",  # exits at once
            "import sys; sys.stdin.buffer.read(9); sys.stdout.buffer.write(b'junk')",
        ],
    )
    def test_a_failing_worker_is_replaced_by_parsing_here(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch, worker: str
    ) -> None:
        """
        If the parsing worker dies or talks nonsense, the import parses in-process and
        loses nothing.
        """
        monkeypatch.setattr(records, "PARALLEL_CHUNK", 7)
        monkeypatch.setattr(records, "_WORKER", worker)
        monkeypatch.setattr(_workers, "parallel_workers", lambda: 2)

        report = registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(60))))], match=False)

        assert 60 == report.added
        assert sorted(texts(60)) == sorted(c.text for c in registry.claims())

    def test_no_worker_process_means_reading_here(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        If no worker process can be started, the import parses every chunk itself.
        """

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise OSError("no processes left")

        monkeypatch.setattr(records, "PARALLEL_CHUNK", 7)
        monkeypatch.setattr("subprocess.Popen", refuse)

        report = registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(30))))], match=False)

        assert 30 == report.added
        assert sorted(texts(30)) == sorted(c.text for c in registry.claims())


class TestCollectorPause:
    def test_the_cyclic_collector_is_paused_during_an_import_and_back_after(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        An import runs with the cyclic garbage collector paused and turns it back on,
        after success and after a bad line alike.
        """
        seen: list[bool] = []
        real = registry._importer.register_all

        def spying(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        monkeypatch.setattr(registry._importer, "register_all", spying)
        registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(3))))], match=False)
        after_success = gc.isenabled()
        with pytest.raises(InputError):
            registry.import_jsonl([("bad.jsonl", io.BytesIO(b"not json\n"))])

        assert [False, False] == seen
        assert (True, True) == (after_success, gc.isenabled())

    def test_the_deferred_matching_pass_pauses_the_collector_per_batch(
        self, registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        crossmatch matches with the cyclic collector paused, turning it back on between
        batches and at the end.
        """
        registry.import_jsonl([("feed.jsonl", io.BytesIO(feed(texts(5))))], match=False)
        seen: list[bool] = []
        real = registry._matcher.act_on

        def spying(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        def progress(count: int) -> None:
            seen.append(gc.isenabled())

        monkeypatch.setattr(registry._matcher, "act_on", spying)
        registry.match_pending(batch=2, progress=progress)

        assert [False, False, True, False, False, True, False, True] == seen
        assert gc.isenabled()


class TestCommandLine:
    def test_import_with_commit_every(self, db_path: Path) -> None:
        """
        --commit-every imports everything; off a terminal there is no progress bar.
        """
        path = db_path.parent / "feed.jsonl"
        path.write_bytes(feed(texts(25)))

        result = CliRunner().invoke(
            cli, ["--db", str(db_path), "import", "--no-match", "--commit-every", "10", str(path)]
        )

        assert 0 == result.exit_code
        assert (
            "Imported 25 claims (0 already present, 0 joined to a cluster, "
            "0 suggested for review).\n"
        ) == result.output

    def test_commit_every_must_be_positive(self, db_path: Path) -> None:
        """
        --commit-every 0 is a usage error.
        """
        path = db_path.parent / "feed.jsonl"
        path.write_bytes(feed(texts(2)))

        result = CliRunner().invoke(
            cli, ["--db", str(db_path), "import", "--commit-every", "0", str(path)]
        )

        assert 2 == result.exit_code


def _on_a_terminal(command: list[str]) -> tuple[int, str]:
    """
    Run ``command`` with stderr on a pseudo-terminal; its exit status and what it showed.
    """
    leader, follower = pty.openpty()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command has finished
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return child.wait(), shown.decode("utf-8", "replace")


@pytest.mark.slow
class TestProgress:
    @pytest.mark.parametrize(("options", "bar"), [([], True), (["--quiet"], False)])
    def test_a_progress_bar_on_a_terminal_unless_quiet(
        self, db_path: Path, options: list[str], bar: bool
    ) -> None:
        """
        On a terminal import draws a progress bar on stderr; --quiet draws none.
        """
        path = db_path.parent / "feed.jsonl"
        _big_feed(path, 5_000)

        status, shown = _on_a_terminal(
            [
                sys.executable,
                "-m",
                "factreg",
                "--db",
                str(db_path),
                "import",
                "--no-match",
                *options,
                str(path),
            ]
        )

        assert (0, bar) == (status, "Importing" in shown and "100%" in shown)

    def test_crossmatch_draws_its_bar_on_a_terminal(self, db_path: Path) -> None:
        """
        The deferred pass shows a "Matching" bar on a terminal.
        """
        path = db_path.parent / "feed.jsonl"
        _big_feed(path, 600)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "factreg",
                "--db",
                str(db_path),
                "import",
                "--no-match",
                "--quiet",
                str(path),
            ],
            check=True,
        )

        status, shown = _on_a_terminal(
            [sys.executable, "-m", "factreg", "--db", str(db_path), "crossmatch"]
        )

        assert (0, True) == (status, "Matching" in shown)


def _big_feed(path: Path, count: int) -> None:
    vocabulary = words(11, 3000)
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(rng.sample(vocabulary, 8)) + f" {i}"
            out.write(
                json.dumps(
                    {"text": text, "source": {"url": f"https://x.example/{i // 3}"}},
                    ensure_ascii=False,
                )
                + "\n"
            )


@pytest.fixture
def big_feed(tmp_path: Path) -> Iterator[Path]:
    """
    A feed large enough that importing it takes seconds.
    """
    path = tmp_path / "big.jsonl"
    _big_feed(path, 60_000)
    yield path


def _kill_during_import(db_path: Path, feed_path: Path, *extra: str) -> None:
    command = [
        sys.executable,
        "-m",
        "factreg",
        "--db",
        str(db_path),
        "import",
        "--no-match",
        "--quiet",
        *extra,
        str(feed_path),
    ]
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    # Wait until it is writing: the WAL grows (or, with --commit-every, claims appear).
    while time.monotonic() < deadline and child.poll() is None:
        wal = Path(str(db_path) + "-wal")
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.02)
    if child.poll() is not None:
        pytest.fail("the import ended before it could be killed: make the feed bigger")
    os.killpg(child.pid, signal.SIGKILL)  # the parsing worker too
    child.wait()


@pytest.mark.slow
class TestKilledImport:
    def test_a_killed_import_leaves_a_consistent_registry_and_reruns(
        self, db_path: Path, big_feed: Path
    ) -> None:
        """
        SIGKILL in the middle of a one-transaction import: nothing was committed, check()
        is clean, and the import then runs to completion with no duplicates.
        """
        _kill_during_import(db_path, big_feed)

        with factreg.open(db_path) as reg:
            interrupted = (claim_count(reg), reg.check())
            report = reg.import_jsonl([big_feed], match=False)
            again = reg.import_jsonl([big_feed], match=False)

            assert (0, []) == interrupted
            assert (60_000, 0, 60_000) == (report.added, again.added, again.present)
            assert (60_000, []) == (claim_count(reg), reg.check())

    def test_a_killed_import_with_commit_every_keeps_whole_transactions(
        self, db_path: Path, big_feed: Path
    ) -> None:
        """
        SIGKILL during an import with --commit-every: whole transactions survive, the
        index matches them, and a rerun adds exactly the rest.
        """
        _kill_during_import(db_path, big_feed, "--commit-every", "5000")

        with factreg.open(db_path) as reg:
            kept = claim_count(reg)
            problems = reg.check()
            report = reg.import_jsonl([big_feed], match=False, commit_every=5000)

            assert (0, []) == (kept % 5000, problems)
            assert (60_000 - kept, kept) == (report.added, report.present)
            assert (60_000, []) == (claim_count(reg), reg.check())


def test_unknown_source_conflict_in_a_batch_names_its_line(registry: Registry) -> None:
    """
    Two lines citing one new article with different publishers: the second is refused
    with its line, though the article was not written yet when it was read.
    """
    lines = (
        json.dumps(
            {"text": texts(2)[0], "source": {"url": "https://a.example/1", "publisher": "A"}}
        )
        + "\n"
        + json.dumps(
            {"text": texts(2)[1], "source": {"url": "https://a.example/1", "publisher": "B"}}
        )
        + "\n"
    )

    with pytest.raises(InputError, match=re.escape("feed.jsonl:2: source.publisher")):
        registry.import_jsonl([("feed.jsonl", io.BytesIO(lines.encode()))], match=False)
    assert 0 == claim_count(registry)


def test_store_errors_are_not_swallowed(db_path: Path) -> None:
    """
    A registry file that is not a database is refused with StoreError.
    """
    db_path.write_bytes(b"not a database" * 100)

    with pytest.raises(StoreError):
        factreg.open(db_path)


def test_sources_resolved_per_batch_keep_the_registered_fields(registry: Registry) -> None:
    """
    A claim citing a registered article without its publisher gets the publisher filled.
    """
    registry.add(texts(1)[0], source=Source(url="https://a.example/1", publisher="A"), match=False)
    registry.import_jsonl(
        [("feed.jsonl", io.BytesIO(feed(texts(3)[1:], source="https://a.example/1")))], match=False
    )

    assert {"A"} == {c.source.publisher for c in registry.claims() if c.source}
