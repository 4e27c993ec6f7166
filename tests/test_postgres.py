"""
PostgreSQL-specific behaviour of the store: connecting, migrations, the write lock,
timeouts, the audit log's triggers, the candidate index, and concurrent writers.

Behaviour both backends share is tested through the parametrized ``registry`` fixture
elsewhere. Tests here that need a server skip when FACTREG_TEST_POSTGRES_URL is unset.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar, cast
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import attrs
import pytest
from click.testing import CliRunner

import factreg
from factreg.cli import cli
from factreg.errors import SchemaVersionError, StaleVersionError, StoreError
from factreg.model import Claim, FactCheck, Source, Status
from factreg.normalize import index_text
from factreg.registry import Registry
from factreg.store import open_store

pytest.importorskip("psycopg", reason="psycopg is not installed")

import psycopg

from factreg.store import postgres
from factreg.store.postgres import LATEST_SCHEMA, PostgresStore

SERVER = os.environ.get("FACTREG_TEST_POSTGRES_URL")
_T = TypeVar("_T")


def needs_server(test: _T) -> _T:
    """
    Mark ``test`` as needing the PostgreSQL server, skipped with the reason without one.
    """
    skip = pytest.mark.skipif(
        not SERVER, reason="PostgreSQL tests need FACTREG_TEST_POSTGRES_URL (set by .ci/run)"
    )
    return cast(_T, pytest.mark.postgres(skip(test)))


ROOT = Path(__file__).resolve().parent.parent


def with_params(url: str, **params: str) -> str:
    """
    ``url`` with query parameters added; ``options`` are appended to any already there.
    """
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    for key, value in params.items():
        query[key] = f"{query[key]} {value}" if key == "options" and key in query else value
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def with_database(url: str, name: str) -> str:
    """
    ``url`` pointing at the database ``name`` instead.
    """
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin() -> psycopg.Connection[tuple[object, ...]]:
    """
    An autocommit connection to the test server as the test URL's user.
    """
    assert SERVER is not None
    return psycopg.connect(SERVER, autocommit=True)


@contextmanager
def scratch_database(*options: str) -> Iterator[str]:
    """
    A new, empty database for one test (dropped afterwards); yields a URL to it.
    """
    assert SERVER is not None
    name = f"factreg_t_{uuid.uuid4().hex[:10]}"
    with admin() as conn:
        try:
            conn.execute(f'CREATE DATABASE "{name}" {" ".join(options)}')
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.FeatureNotSupported) as exc:
            pytest.skip(f"cannot create a scratch database here: {exc}")
    try:
        yield with_database(SERVER, name)
    finally:
        with admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store(postgres_url: str) -> Iterator[PostgresStore]:
    """
    An empty PostgreSQL store in a schema of its own.
    """
    opened = PostgresStore(postgres_url)
    yield opened
    opened.close()


@pytest.fixture
def pg_registry(postgres_url: str) -> Iterator[Registry]:
    """
    An empty registry on PostgreSQL, acting as reviewer "tester".
    """
    with factreg.open(postgres_url, actor="tester") as reg:
        yield reg


class TestConnecting:
    def test_unreachable_server_is_one_line(self) -> None:
        """
        Nothing listening: one line naming the server, no password, no traceback.
        """
        with pytest.raises(StoreError) as caught:
            PostgresStore("postgresql://someone:s3cret@127.0.0.1:1/registry?connect_timeout=3")

        message = str(caught.value)
        assert message.startswith(
            "cannot reach the PostgreSQL server at postgresql://someone@127.0.0.1:1/registry: "
        )
        assert "Connection refused" in message
        assert "\n" not in message
        assert "s3cret" not in message

    def test_cli_reports_unreachable_server(self) -> None:
        """
        The CLI prints ``Error: cannot reach …`` and exits 1.
        """
        result = CliRunner().invoke(
            cli, ["--db", "postgresql://postgres@127.0.0.1:1/registry", "stats"]
        )

        assert 1 == result.exit_code
        assert result.output.startswith("Error: cannot reach the PostgreSQL server at ")
        assert 1 == result.output.count("\n")

    def test_invalid_url(self) -> None:
        """
        A URL libpq cannot parse is named in the error.
        """
        with pytest.raises(StoreError, match="invalid PostgreSQL URL"):
            PostgresStore("postgresql://host:notaport:5/db?nonsense=1")

    @needs_server
    def test_missing_database(self) -> None:
        """
        A database that does not exist: the error says so and how to create it.
        """
        assert SERVER is not None
        url = with_database(SERVER, "factreg_no_such_db")

        with pytest.raises(StoreError) as caught:
            PostgresStore(url)

        assert str(caught.value).startswith(
            "database 'factreg_no_such_db' does not exist on postgresql://"
        )
        assert "CREATE DATABASE factreg_no_such_db" in str(caught.value)

    @needs_server
    def test_unknown_role_is_a_refused_login(self) -> None:
        """
        A role the server does not know: the login is refused, one line.
        """
        assert SERVER is not None
        parts = urlsplit(SERVER)
        host = parts.netloc.rsplit("@", 1)[-1]
        url = urlunsplit(parts._replace(netloc=f"factreg_nobody:pw@{host}"))

        with pytest.raises(StoreError) as caught:
            PostgresStore(url)

        message = str(caught.value)
        assert message.startswith("PostgreSQL refused the login of factreg_nobody to ")
        assert 'role "factreg_nobody" does not exist' in message
        assert "\n" not in message
        assert ":pw@" not in message

    @needs_server
    def test_postgres_scheme_and_open_store(self, postgres_url: str) -> None:
        """
        ``open_store`` picks PostgreSQL for ``postgres://`` URLs too.
        """
        opened = open_store(postgres_url.replace("postgresql://", "postgres://", 1))

        assert isinstance(opened, PostgresStore)
        opened.close()

    @needs_server
    @needs_server
    def test_lost_connection_is_reopened_between_transactions(self, pg_registry: Registry) -> None:
        """
        The server dropping an idle connection costs nothing: the next call reconnects.
        """
        store = pg_registry.store
        assert isinstance(store, PostgresStore)
        pg_registry.add("a claim before the connection drops", match=False)
        with admin() as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (store._conn.info.backend_pid,))

        assert 1 == pg_registry.stats()["claims"]
        pg_registry.add("a claim after the connection dropped", match=False)
        assert 2 == pg_registry.stats()["claims"]

    @needs_server
    def test_no_registry_without_create(self, postgres_url: str) -> None:
        """
        ``create=False`` on a schema without a registry is an error, and creates nothing.
        """
        with pytest.raises(StoreError, match="no registry in postgresql://"):
            PostgresStore(postgres_url, create=False)

        schema = postgres_url.rsplit("search_path%3D", 1)[1].split("%2C", 1)[0]
        with admin() as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = %s", (schema,)
            ).fetchone()
        assert (0,) == tables


@needs_server
class TestSchema:
    def test_migrations_are_recorded(self, store: PostgresStore) -> None:
        """
        Each migration is recorded in schema_migrations, numbered.
        """
        rows = store._query("SELECT version, name FROM schema_migrations ORDER BY version")

        assert [(v, name) for v, name, _ in postgres.MIGRATIONS] == rows

    def test_reopening_migrates_nothing(self, postgres_url: str) -> None:
        """
        A second open of a current registry finds it current and leaves it as it is.
        """
        PostgresStore(postgres_url).close()
        again = PostgresStore(postgres_url)

        assert [(v,) for v in range(1, LATEST_SCHEMA + 1)] == again._query(
            "SELECT version FROM schema_migrations ORDER BY version"
        )
        again.close()

    def test_newer_schema_is_refused(self, postgres_url: str) -> None:
        """
        A registry written by a newer factreg raises SchemaVersionError, one line.
        """
        first = PostgresStore(postgres_url)
        first._execute("INSERT INTO schema_migrations (version, name) VALUES (99, 'future')")
        first.close()

        with pytest.raises(SchemaVersionError) as caught:
            PostgresStore(postgres_url)

        assert str(caught.value).endswith(
            f"has schema version 99; this factreg knows up to {postgres.LATEST_SCHEMA}: "
            "upgrade factreg"
        )

    def test_missing_extension_names_the_sql(self) -> None:
        """
        pg_trgm absent and the role may not create it: the error gives the SQL to run.
        """
        role = f"factreg_r_{uuid.uuid4().hex[:8]}"
        with admin() as conn:
            try:
                conn.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER')
            except psycopg.errors.InsufficientPrivilege as exc:
                pytest.skip(f"cannot create a role here: {exc}")
        try:
            with scratch_database() as url:
                dbname = urlsplit(url).path.lstrip("/")
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f'CREATE SCHEMA registry AUTHORIZATION "{role}"')
                parts = urlsplit(url)
                host = parts.netloc.rsplit("@", 1)[-1]
                as_role = with_params(
                    urlunsplit(parts._replace(netloc=f"{role}@{host}")),
                    options="-c search_path=registry",
                )

                with pytest.raises(StoreError) as caught:
                    PostgresStore(as_role)

                assert (
                    f"the PostgreSQL extension pg_trgm is not enabled in database {dbname} "
                    f"and {role} may not enable it: ask a superuser to run CREATE EXTENSION "
                    f"pg_trgm; in database {dbname}"
                ) == str(caught.value)

                # Once a superuser has enabled it, the same role creates its registry.
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("CREATE EXTENSION pg_trgm")
                opened = PostgresStore(as_role)
                assert [] == opened.check()
                opened.close()
        finally:
            with admin() as conn:
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')

    def test_ids_sort_bytewise_under_a_linguistic_collation(self) -> None:
        """
        In a database collated by ICU en-US, ids still compare as Python compares them.

        English puts "ca" before "cB"; bytes (and Python) put "cB" first. Judging the
        pair must satisfy ``CHECK (a < b)``, and prefix lookups must sort and stop bytewise.
        """
        with (
            scratch_database(
                "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
            ) as url,
            factreg.open(url) as reg,
        ):
            for claim_id in ("ca", "cB", "cBx"):
                reg.add(f"claim {claim_id} text here", id=claim_id, match=False)

            judged = reg.judge("ca", "cB", "different")

            assert ("cB", "ca") == (judged.judgement.a, judged.judgement.b)
            assert ["cB", "cBx", "ca"] == reg.store.ids_with_prefix("c", 10)
            assert ["cB", "cBx"] == reg.store.ids_with_prefix("cB", 10)


@needs_server
class TestSettings:
    def test_default_timeouts(self, store: PostgresStore) -> None:
        """
        With nothing set anywhere, the documented defaults apply on the server.
        """
        shown = {
            name: store._query(f"SHOW {name}")[0][0]
            for name in ("statement_timeout", "lock_timeout")
        }

        assert {"statement_timeout": "1min", "lock_timeout": "1min"} == shown
        assert {
            "statement_timeout": "1min",
            "lock_timeout": "1min",
            "connect_timeout": f"{postgres.CONNECT_TIMEOUT}s",
        } == store.timeouts
        assert str(postgres.CONNECT_TIMEOUT) == store._conn.info.get_parameters()["connect_timeout"]

    def test_url_overrides_timeouts(self, postgres_url: str) -> None:
        """
        Timeouts given in the URL win over the defaults.
        """
        url = with_params(
            postgres_url, connect_timeout="3", options="-c statement_timeout=5s -c lock_timeout=2s"
        )
        opened = PostgresStore(url)

        assert {
            "statement_timeout": "5s",
            "lock_timeout": "2s",
            "connect_timeout": "3s",
        } == opened.timeouts
        opened.close()

    def test_statement_timeout_is_a_clear_error(self, postgres_url: str) -> None:
        """
        A statement running past statement_timeout fails with one line naming the setting.
        """
        opened = PostgresStore(with_params(postgres_url, options="-c statement_timeout=50ms"))

        with pytest.raises(StoreError) as caught:
            opened._query("SELECT pg_sleep(1)")

        assert "ran longer than statement_timeout (50ms) and was cancelled" in str(caught.value)
        opened.close()

    def test_writers_wait_for_the_write_lock_then_give_up(self, postgres_url: str) -> None:
        """
        A second writer waits for the first; past lock_timeout it fails, writing nothing.
        """
        first = PostgresStore(postgres_url)
        second = PostgresStore(with_params(postgres_url, options="-c lock_timeout=200ms"))

        with first.transaction(), pytest.raises(StoreError) as caught, second.transaction():
            pass

        assert (
            "is busy: another process has held the registry's write lock longer than "
            "lock_timeout (200ms); nothing was written, try again" in str(caught.value)
        )
        with second.transaction():  # the lock is free again once the first commits
            pass
        first.close()
        second.close()

    def test_registries_in_two_schemas_do_not_share_the_lock(self, postgres_url: str) -> None:
        """
        The write lock belongs to one registry's schema, not to the whole database.
        """
        assert SERVER is not None
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with admin() as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            other_url = with_params(
                SERVER, options=f"-c search_path={schema},public -c lock_timeout=200ms"
            )
            first, other = PostgresStore(postgres_url), PostgresStore(other_url)
            with first.transaction(), other.transaction():
                assert first._lock_key != other._lock_key
            first.close()
            other.close()
        finally:
            with admin() as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@needs_server
class TestTransactions:
    def test_nested_transactions_commit_once(self, pg_registry: Registry) -> None:
        """
        An inner transaction joins the outer one: its failure undoes both.
        """
        store = pg_registry.store
        source = Source(url="https://example.org/a", publisher="Example")

        with pytest.raises(RuntimeError), store.transaction():
            pg_registry.add("the outer claim is here", source=source, match=False)
            with store.transaction():
                pg_registry.add("the inner claim is here", match=False)
            raise RuntimeError("undo both")

        assert 0 == pg_registry.stats()["claims"]
        # The source's id was cached inside the rolled-back transaction; it must be
        # forgotten, or this insert would point at a source row that does not exist.
        added = pg_registry.add("the outer claim is here", source=source, match=False)
        assert source == added.claim.source
        assert [] == pg_registry.check()

    def test_stale_update_names_both_versions(self, pg_registry: Registry) -> None:
        """
        An update based on an old version is refused, naming both versions, writing nothing.
        """
        claim = pg_registry.add("The minister resigned on Friday", match=False).claim
        pg_registry.review(claim.id, "in_review")
        stale = attrs.evolve(claim, status=Status.FALSE, version=2)

        with pytest.raises(StaleVersionError) as caught, pg_registry.store.transaction():
            pg_registry.store.update_claim(stale, 1)

        assert (claim.id, 1, 2) == (
            caught.value.claim_id,
            caught.value.expected,
            caught.value.actual,
        )
        assert Status.IN_REVIEW == pg_registry.get(claim.id).status

    def test_audit_log_is_append_only(self, pg_registry: Registry) -> None:
        """
        The database itself refuses to change or remove audit lines and judgements.
        """
        a = pg_registry.add("one claim for the log", match=False).claim
        b = pg_registry.add("another claim for the log", match=False).claim
        pg_registry.judge(a.id, b.id, "unsure")
        store = pg_registry.store
        assert isinstance(store, PostgresStore)

        for statement, refusal in [
            ("UPDATE events SET actor = 'mallory'", "the audit log is append-only"),
            ("DELETE FROM events", "the audit log is append-only"),
            ("TRUNCATE events CASCADE", "the audit log is append-only"),
            ("DELETE FROM judgements", "judgements are never deleted"),
            ("TRUNCATE judgements", "judgements are never deleted"),
        ]:
            with pytest.raises(StoreError) as caught, store.transaction():
                store._execute(statement)
            assert str(caught.value).endswith(f"refused by the database: {refusal}"), statement

        assert 4 == len(pg_registry.history())
        assert [] == pg_registry.check()

    def test_streamed_claims_are_one_snapshot(self, postgres_url: str) -> None:
        """
        Claims added while an export streams are not half in it; the store stays usable.
        """
        with factreg.open(postgres_url) as reg, factreg.open(postgres_url) as other:
            reg.add_many(
                [Claim(text=f"claim number {i} in the export") for i in range(2500)], match=False
            )
            stream = reg.claims()
            first = next(stream)
            other.add("a claim added during the export", match=False)
            reg.add("another one, by the exporting registry itself", match=False)
            streamed = [first, *stream]

            assert 2500 == len(streamed)
            assert 2502 == reg.stats()["claims"]

    def test_backup_points_to_pg_dump(self, pg_registry: Registry, tmp_path: Path) -> None:
        """
        ``backup`` is pg_dump's job on PostgreSQL: the error gives the command.
        """
        with pytest.raises(StoreError, match=r"use pg_dump, e\.g\. pg_dump --format=custom "):
            pg_registry.backup(tmp_path / "copy.dump")


@needs_server
class TestRoundTrip:
    def test_export_import_export_is_byte_identical(self, postgres_url: str) -> None:
        """
        Dates, datetimes with offsets, floats and Arabic text survive PostgreSQL exactly.
        """
        source = Source(
            url="https://arabi21.example/2016/11/30/haftar",
            publisher="عربي21",
            title="حفتر في القاهرة",
            published=datetime(2016, 11, 30, 14, 5, 7, 123456, tzinfo=timezone(timedelta(hours=2))),
        )
        dated = Source(url="https://wire.example/1", publisher="Wire", published=date(2016, 11, 29))
        check = FactCheck(
            url="https://check.example/x",
            reviewer="Check",
            published=date(2016, 12, 1),
            rating_value=1,
            best_rating=5,
            worst_rating=1,
            label="False",
        )
        claims = [
            Claim(
                text="الوفد المرافق لحفتر يضم 11 من كبار مساعديه",
                id="s03",
                source=source,
                claimant="مصادر مطلعة",
                attribution=("صدى البلد", "مصادر مطلعة"),
                confidence=0.1 + 0.2,
                tags=("ليبيا",),
                fact_checks=(check,),
                created_at=datetime(2016, 11, 30, 12, 0, 0, 1, tzinfo=timezone.utc),
            ),
            Claim(
                text='He said "no" — 100% \\ sure',
                id="s04",
                source=dated,
                evidence=("https://e.example/%20a",),
                note="line one\nline two",
                created_at=datetime(2016, 11, 30, 12, 0, 0, 1, tzinfo=timezone.utc),
            ),
        ]
        with factreg.open(postgres_url) as reg:
            reg.add_many(claims, match=False)
            first = io.StringIO()
            reg.export_jsonl(first)

        assert SERVER is not None
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with admin() as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            other = with_params(SERVER, options=f"-c search_path={schema},public")
            with factreg.open(other) as reg:
                reg.import_jsonl([("export.jsonl", io.BytesIO(first.getvalue().encode()))])
                second = io.StringIO()
                reg.export_jsonl(second)
        finally:
            with admin() as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

        assert first.getvalue() == second.getvalue()
        row = json.loads(first.getvalue().splitlines()[0])
        assert "2016-11-30T14:05:07.123456+02:00" == row["source"]["published"]
        assert 0.1 + 0.2 == row["confidence"]


@needs_server
class TestCandidateIndex:
    TEXTS = (
        "The army said 11 senior aides accompanied Haftar to Cairo on Monday",
        "The army said the minister visited Cairo on Monday",
        "Prices of bread rose again in Tripoli markets this week",
        "The central bank said inflation fell in October",
    )

    def test_rare_terms_outrank_common_ones(self, pg_registry: Registry) -> None:
        """
        Candidates are IDF-weighted: the claim sharing the rare word comes first.
        """
        for text in self.TEXTS:
            pg_registry.add(text, match=False)

        found = pg_registry.store.candidates(index_text("the said Haftar").split(), 10)

        assert self.TEXTS[0] == found[0].claim.text
        assert found[0].index_score > found[-1].index_score

    def test_unknown_words_find_similar_ones(self, pg_registry: Registry) -> None:
        """
        A spelling the registry never saw stands in for a registered one (by trigrams).
        """
        pg_registry.add("Gaddafi ruled Libya for four decades", match=False)
        pg_registry.add("The army said it controls the port", match=False)

        found = pg_registry.store.candidates([index_text("Qaddafi")], 5)

        assert ["Gaddafi ruled Libya for four decades"] == [c.claim.text for c in found]

    def test_check_finds_a_damaged_index_and_reindex_repairs_it(
        self, pg_registry: Registry
    ) -> None:
        """
        A posting removed behind the store's back is reported; reindex rebuilds it.
        """
        for text in self.TEXTS:
            pg_registry.add(text, match=False)
        store = pg_registry.store
        assert isinstance(store, PostgresStore)
        store._execute("DELETE FROM claim_postings WHERE term = ?", (index_text("Haftar"),))

        assert [
            "candidate index: 1 postings differ from the claims' terms (missing, extra "
            "or of the wrong length): run reindex"
        ] == pg_registry.check()
        assert 4 == pg_registry.reindex()
        assert [] == pg_registry.check()
        assert 4 == pg_registry.reindex()  # idempotent
        assert [] == pg_registry.check()
        assert self.TEXTS[0] == store.candidates([index_text("Haftar")], 5)[0].claim.text

    def test_normalization_version_is_checked(self, pg_registry: Registry) -> None:
        """
        An index built with another normalization version asks for a reindex.
        """
        store = pg_registry.store
        assert isinstance(store, PostgresStore)
        store._execute("UPDATE meta SET value = '0' WHERE key = 'normalization'")

        assert [
            f"candidate index was built with normalization 0, this factreg uses "
            f"{factreg.normalize.NORMALIZATION_VERSION}: run reindex"
        ] == pg_registry.check()
        pg_registry.reindex()
        assert [] == pg_registry.check()

    def test_statistics_follow_updates_of_terms(self, pg_registry: Registry) -> None:
        """
        Changing a claim's terms moves its postings and counts in the same transaction.
        """
        ids = [pg_registry.add(text, match=False).claim.id for text in self.TEXTS]
        words = [set(index_text(text).split()) for text in self.TEXTS]
        kept = sorted(words[0] - words[1] - words[2] - words[3])[0]  # only in the first
        gone = sorted(words[2] - words[0] - words[1] - words[3])[0]  # only in the third
        store = pg_registry.store
        assert isinstance(store, PostgresStore)

        with store.transaction():
            store._execute("UPDATE claims SET terms = ? WHERE id = ?", (f"{kept} {kept}", ids[2]))

        assert [] == [p for p in pg_registry.check() if "candidate index" in p]
        assert [(2,)] == store._query("SELECT df FROM claim_terms WHERE term = ?", (kept,))
        assert [] == store._query("SELECT df FROM claim_terms WHERE term = ?", (gone,))
        assert [(2,)] == store._query(
            "SELECT dl FROM claim_postings WHERE term = ? AND n = "
            "(SELECT n FROM claims WHERE id = ?)",
            (kept, ids[2]),
        )


class TestBulkLoads:
    """
    A bulk load leaves the planner's statistics and the visibility map as VACUUM (ANALYZE)
    would, so that matching right after it is as fast as after a manual vacuum.
    """

    TEXTS = (
        "The army said {n} senior aides accompanied Haftar to Cairo",
        "قال الجيش إن {n} من كبار مساعدي حفتر رافقوه إلى القاهرة",
    )

    def feed(self, count: int) -> bytes:
        rows = [
            {
                "text": self.TEXTS[n % 2].format(n=n),
                "source": {"url": f"https://example.com/{n}", "publisher": "Example"},
            }
            for n in range(count)
        ]
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()

    @staticmethod
    def statistics(registry: Registry) -> dict[str, float]:
        """
        ``pg_class.reltuples`` of the claims and postings (-1: never vacuumed or analysed).
        """
        store = registry.store
        assert isinstance(store, PostgresStore)
        return {
            str(name): float(tuples)
            for name, tuples in store._query(
                "SELECT relname, reltuples FROM pg_class WHERE oid = ANY(ARRAY["
                "'claims'::regclass, 'claim_postings'::regclass])"
            )
        }

    @staticmethod
    def vacuumed(registry: Registry) -> set[str]:
        store = registry.store
        assert isinstance(store, PostgresStore)
        return {
            str(name)
            for (name,) in store._query(
                "SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                "AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
            )
        }

    def test_import_leaves_planner_statistics(
        self, pg_registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        An import large enough analyses and vacuums the tables it filled once committed.
        """
        monkeypatch.setattr(postgres, "SETTLE_AFTER", 20)
        assert {"claims": -1, "claim_postings": -1} == self.statistics(pg_registry)

        pg_registry.import_jsonl(io.BytesIO(self.feed(30)), match=False)

        figures = self.statistics(pg_registry)
        assert 30 == figures["claims"]
        assert figures["claim_postings"] > 30
        assert {"claims", "claim_postings", "claim_terms", "events"} <= self.vacuumed(pg_registry)

    def test_small_import_leaves_the_statistics_to_autovacuum(
        self, pg_registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Below the threshold nothing is vacuumed; the claims count towards the next load.
        """
        monkeypatch.setattr(postgres, "SETTLE_AFTER", 20)

        pg_registry.import_jsonl(io.BytesIO(self.feed(10)), match=False)
        untouched = self.statistics(pg_registry)
        pg_registry.add_many(
            [Claim.new(f"Claim number {n} about the port of Misrata") for n in range(10)],
            match=False,
        )

        assert {"claims": -1, "claim_postings": -1} == untouched
        assert 20 == self.statistics(pg_registry)["claims"]

    def test_settle_waits_for_the_transaction_to_end(
        self, pg_registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        VACUUM cannot run in a transaction: inside one, settling waits for the next call.
        """
        monkeypatch.setattr(postgres, "SETTLE_AFTER", 20)
        store = pg_registry.store

        with store.transaction():
            pg_registry.import_jsonl(io.BytesIO(self.feed(30)), match=False)
            store.settle()
            inside = self.vacuumed(pg_registry)
        store.settle()

        assert set() == inside
        assert "claims" in self.vacuumed(pg_registry)

    @pytest.mark.parametrize("verb", ["copy", "restore"])
    def test_restore_and_copy_leave_planner_statistics(
        self, verb: str, postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Restoring a dump into PostgreSQL, and copying a registry into it, settle too.
        """
        monkeypatch.setattr(postgres, "SETTLE_AFTER", 20)
        with factreg.open(tmp_path / "a.db") as lite, factreg.open(postgres_url) as pg:
            lite.import_jsonl(io.BytesIO(self.feed(30)), match=False)
            if verb == "copy":
                lite.copy_to(pg)
            else:
                lite.dump(tmp_path / "a.jsonl")
                pg.restore(tmp_path / "a.jsonl")

            assert 30 == self.statistics(pg)["claims"]
            assert {"claims", "claim_postings", "events"} <= self.vacuumed(pg)


# -- concurrent writers -------------------------------------------------------------------

REVIEWER = textwrap.dedent("""
    import json, random, sys, time
    import factreg
    from factreg.errors import StaleVersionError

    url, seed, rounds, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    ids = sys.argv[5:]
    rng = random.Random(seed)
    accepted = {i: 0 for i in ids}
    stale = 0
    with factreg.open(url, actor=f"reviewer-{seed}") as reg:
        time.sleep(max(0.0, start - time.time()))  # all start together
        for n in range(rounds):
            target = rng.choice(ids)
            while True:
                seen = reg.get(target)
                try:
                    reg.review(target, rng.choice(["in_review", "mixed", "false"]),
                               confidence=round(rng.random(), 3), note=f"{seed}:{n}",
                               expected_version=seen.version)
                except StaleVersionError:
                    stale += 1
                    continue
                accepted[target] += 1
                break
    print(json.dumps({"accepted": accepted, "stale": stale}))
""")

JOINER = textwrap.dedent("""
    import json, random, sys, time
    import factreg

    url, seed, rounds, start = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    ids = sys.argv[5:]
    rng = random.Random(seed)
    pairs = []
    with factreg.open(url, actor=f"joiner-{seed}") as reg:
        time.sleep(max(0.0, start - time.time()))  # all start together
        for _ in range(rounds):
            a, b = rng.sample(ids, 2)
            reg.judge(a, b, "same")
            pairs.append([a, b])
    print(json.dumps(pairs))
""")


def _run_all(script: str, url: str, ids: list[str], rounds: int, workers: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = str(time.time() + 2)  # time enough for every process to import and connect
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, str(seed), str(rounds), start, *ids],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for seed in range(workers)
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert 0 == proc.returncode, err
        outputs.append(out)
    return outputs


@needs_server
@pytest.mark.slow
class TestConcurrentWriters:
    def test_concurrent_reviews_lose_no_update(self, postgres_url: str) -> None:
        """
        Three processes review the same claims 600 times in all, retrying stale writes:
        every accepted review is one version and one audit line, none is lost.
        """
        with factreg.open(postgres_url) as reg:
            ids = [
                reg.add(f"contested claim number {i} about the border", match=False).claim.id
                for i in range(4)
            ]

        outputs = _run_all(REVIEWER, postgres_url, ids, rounds=200, workers=3)

        accepted = {i: 0 for i in ids}
        stale = 0
        for out in outputs:
            result = json.loads(out)
            stale += result["stale"]
            for claim_id, count in result["accepted"].items():
                accepted[claim_id] += count
        assert 600 == sum(accepted.values())
        assert stale > 0  # the processes did get in each other's way
        with factreg.open(postgres_url) as reg:
            versions = {i: reg.get(i).version for i in ids}
            reviews = {i: sum(e.action == "review" for e in reg.history(i)) for i in ids}
            assert {i: 1 + accepted[i] for i in ids} == versions
            assert accepted == reviews
            assert [] == reg.check()

    def test_concurrent_cluster_joins_keep_clusters_whole(self, postgres_url: str) -> None:
        """
        Two processes join overlapping clusters at once: every joined pair ends in one
        cluster, rooted at its oldest claim, and check finds nothing wrong.
        """
        with factreg.open(postgres_url) as reg:
            ids = [reg.add(f"claim {i} of the joined set", match=False).claim.id for i in range(10)]

        outputs = _run_all(JOINER, postgres_url, ids, rounds=60, workers=4)

        parent = {i: i for i in ids}

        def root(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x

        for out in outputs:
            for a, b in json.loads(out):
                parent[root(a)] = root(b)
        with factreg.open(postgres_url) as reg:
            claims = reg.store.get_claims(ids)
            components: dict[str, list[str]] = {}
            for i in ids:
                components.setdefault(root(i), []).append(i)
            expected = {
                i: min(members, key=lambda m: (claims[m].created_at, m))
                for members in components.values()
                for i in members
            }
            assert expected == {i: claims[i].cluster for i in ids}
            assert [] == reg.check()
