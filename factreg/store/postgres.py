"""
The team server: a registry in one PostgreSQL schema, shared by every reviewer.

Same tables and behaviour as the SQLite store, on psycopg 3. What differs, and why:

* **Writers take turns.** Every write transaction starts by taking a transaction-level
  advisory lock private to the registry's schema (``pg_advisory_xact_lock``), so writes
  run one after another exactly as SQLite's ``BEGIN IMMEDIATE`` makes them, while reads
  never wait. The Registry reads and then writes inside one transaction (joining two
  clusters reads both member lists, then moves claims): under READ COMMITTED with
  concurrent writers, two reviewers joining overlapping clusters could each move claims
  on a stale view and leave a claim pointing at a root that is no longer a root. With
  the lock, a transaction's reads happen after every earlier writer committed, so that
  cannot happen. SERIALIZABLE would detect the conflict too, but only by aborting a
  transaction that the store cannot replay (its body lives in the Registry), turning a
  normal concurrent edit into an error. Reviews still use optimistic versions
  (``UPDATE … WHERE version = ?``): the version a reviewer read before the transaction is
  checked inside it. A writer that finds the lock taken says so (``on_wait``) and waits
  its turn behind any number of writers; it gives up only when one writer has held the
  lock longer than the limit: ``wait`` when given (``--wait``, ``$FACTREG_WAIT``), else
  the connection's ``lock_timeout`` (:data:`LOCK_TIMEOUT` unless set elsewhere). Opening,
  creating and upgrading a registry take the same lock, so they wait the same way.
* **Candidate index.** An inverted index over each claim's ``terms`` (space-separated
  normalized tokens), kept in step by statement-level triggers inside the writing
  transaction: ``claim_postings`` (term, claim, claim length; read by index-only scans),
  ``claim_terms`` (how many claims hold each term) and ``claim_index_stats`` (claims and
  terms in all). A query weighs its terms by IDF, skips those held by more than
  :data:`MAX_TERM_SHARE` of the claims (as the SQLite store does), reads the postings of
  its rarest terms (about :data:`SCAN_POSTINGS` of them), ranks what it found with the
  BM25 formula FTS5 uses, and re-ranks the best with all its terms. The work per query is
  so bounded by the budget, not by the registry's size. Query words the registry has
  never seen are looked up in the vocabulary by trigram similarity (``pg_trgm``), so
  "Qaddafi" still finds "Gaddafi".
* **Timestamps** of claims, links, judgements, suggestions and events are ``timestamptz``
  (read back in UTC). ``sources.published`` and all JSON columns are text, stored
  exactly as written, so an export -> import -> export round trip is byte-identical.
* **Identifiers sort bytewise** (``COLLATE "C"``) whatever the database's collation, as
  in SQLite: id prefix lookups are index range scans and ``CHECK (a < b)`` agrees with
  Python's ordering.
* **Bulk inserts** of claims, sources and events go through ``COPY``.

Connection and statement timeouts have defaults here; a URL may override them
(``?connect_timeout=5&options=-c%20statement_timeout%3D30s``), as may settings made with
``ALTER ROLE``/``ALTER DATABASE`` or in ``postgresql.conf``.
"""

from __future__ import annotations

import heapq
import itertools
import os
import random
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from factreg.errors import SchemaVersionError, StoreError
from factreg.matching import Candidate
from factreg.normalize import NORMALIZATION_VERSION, index_text
from factreg.store import WaitHook
from factreg.store.records import ClaimRecord
from factreg.store.sql import (
    BM25_B,
    BM25_K1,
    CHUNK,
    CLAIM_COLUMNS,
    CLAIM_FROM,
    SQLStore,
    bm25_idf,
    candidate_from_row,
)

_T = TypeVar("_T")
_Conn = psycopg.Connection[tuple[Any, ...]]

#: Seconds to wait for the server to answer when connecting (libpq ``connect_timeout``).
CONNECT_TIMEOUT = 10
#: Longest any one statement may run (server ``statement_timeout``) unless the URL, the
#: role or the database sets its own. Maintenance (check, reindex, migrations) lifts it.
STATEMENT_TIMEOUT = "60s"
#: Longest a writer waits for another writer's transaction (server ``lock_timeout``),
#: unless set elsewhere; the same patience as the SQLite store's (``store.DEFAULT_WAIT``).
#: A store opened with ``wait`` sets ``lock_timeout`` to it.
LOCK_TIMEOUT = "60s"
#: Seconds between two looks at the registry's write lock while waiting for it, at most.
WAIT_POLL = 0.1
#: Query terms held by more than this share of all claims are not looked up (as in the
#: SQLite store): they select too much to rank well and cost the most to read.
MAX_TERM_SHARE = 0.05
#: Postings read per query, roughly: the rarest query terms are taken until the numbers
#: of claims holding them add up to this. Rare terms decide what a restatement is; a
#: claim sharing only the common terms left out is not found (they still re-rank).
SCAN_POSTINGS = 30_000
#: When terms were left out, this many times ``limit`` claims are re-ranked with them.
RERANK = 4
#: Least trigram similarity (0..1) for an unknown query word to stand in for a known one:
#: 0.4 lets "qaddafi" find "gaddafi" (0.45) and "والجيش" find "الجيش" (0.44).
FUZZY_SIMILARITY = 0.4
#: Unknown query words shorter than this are not looked up by similarity.
FUZZY_MIN_LENGTH = 4
#: At most this many unknown words per query are looked up, with this many stand-ins each.
FUZZY_WORDS = 8
FUZZY_ALTERNATIVES = 2
#: A bulk insert refreshes the planner's statistics itself once it has added this many
#: claims and this share of what the statistics last counted: a registry filled in one
#: long import transaction would otherwise be planned as the empty table autovacuum last
#: saw, with a sequential scan for every lookup.
ANALYZE_AFTER = 10_000
ANALYZE_SHARE = 0.5
#: Once a bulk load has committed (an import, a restore, a copy into this registry: see
#: :meth:`PostgresStore.settle`), the tables it filled are vacuumed and analysed when it
#: added at least this many claims and this share of the claims the registry held before.
#: ANALYZE alone is not enough: the candidate query reads ``claim_postings`` by index-only
#: scans, which visit the table for every row of a page the visibility map does not mark
#: all-visible, and only VACUUM marks pages (autovacuum gets there, minutes later).
SETTLE_AFTER = 1_000
SETTLE_SHARE = 0.1
#: The tables a bulk load fills, settled after it.
SETTLED_TABLES = (
    "claims",
    "sources",
    "events",
    "links",
    "judgements",
    "suggestions",
    "claim_postings",
    "claim_terms",
    "claim_index_stats",
    "claim_vectors",
)

# High half of the advisory lock key, "freg"; the low half is the schema's oid.
_LOCK_CLASS = 0x66726567
_TRGM = "@trgm@"  # replaced by the quoted schema pg_trgm lives in

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (
        1,
        "claims, sources, links, judgements, suggestions, audit log, term index",
        """
CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
CREATE TABLE sources (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key text COLLATE "C" NOT NULL UNIQUE,
    url text, publisher text, title text, published text, language text
);
CREATE TABLE claims (
    n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id text COLLATE "C" NOT NULL UNIQUE,
    text text NOT NULL,
    lang text COLLATE "C",
    source_id bigint REFERENCES sources (id),
    claimant text,
    attribution text NOT NULL,
    status text COLLATE "C" NOT NULL,
    confidence double precision CHECK (confidence BETWEEN 0 AND 1),
    note text,
    evidence text NOT NULL,
    tags text NOT NULL,
    fact_checks text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    cluster text COLLATE "C" NOT NULL,
    terms text NOT NULL,
    fingerprint bigint NOT NULL,
    matched integer NOT NULL DEFAULT 1
);
CREATE INDEX claims_unmatched ON claims (n) WHERE matched = 0;
CREATE INDEX claims_cluster ON claims (cluster);
CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_fingerprint ON claims (fingerprint);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE TABLE links (
    a text COLLATE "C" NOT NULL REFERENCES claims (id),
    b text COLLATE "C" NOT NULL REFERENCES claims (id),
    origin text NOT NULL,
    score double precision,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX links_b ON links (b);
CREATE TABLE judgements (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    a text COLLATE "C" NOT NULL REFERENCES claims (id),
    b text COLLATE "C" NOT NULL REFERENCES claims (id),
    verdict text NOT NULL,
    reviewer text NOT NULL,
    at timestamptz NOT NULL,
    note text,
    CHECK (a < b)
);
CREATE INDEX judgements_a ON judgements (a, b);
CREATE INDEX judgements_b ON judgements (b);
CREATE TABLE suggestions (
    claim_id text COLLATE "C" NOT NULL REFERENCES claims (id),
    other_id text COLLATE "C" NOT NULL REFERENCES claims (id),
    score double precision NOT NULL,
    relation text COLLATE "C" NOT NULL,
    reasons text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (claim_id, other_id)
);
CREATE INDEX suggestions_other ON suggestions (other_id);
CREATE TABLE events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id text COLLATE "C" NOT NULL REFERENCES claims (id),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text COLLATE "C" NOT NULL,
    version integer,
    before text,
    after text
);
CREATE INDEX events_claim ON events (claim_id, seq);

CREATE FUNCTION factreg_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION factreg_refuse('the audit log is append-only');
CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION factreg_refuse('the audit log is append-only');
CREATE TRIGGER judgements_append_only BEFORE DELETE ON judgements
    FOR EACH ROW EXECUTE FUNCTION factreg_refuse('judgements are never deleted');
CREATE TRIGGER judgements_append_only_truncate BEFORE TRUNCATE ON judgements
    FOR EACH STATEMENT EXECUTE FUNCTION factreg_refuse('judgements are never deleted');

-- The candidate index: an inverted index over each claim's terms. claim_postings holds
-- one row per (term, claim) with the claim's length in terms, so a query is answered from
-- index-only scans; claim_terms counts the claims holding each term (IDF), and
-- claim_index_stats the claims and terms in all (average length for BM25).
CREATE TABLE claim_postings (
    term text COLLATE "C" NOT NULL,
    n bigint NOT NULL,
    dl integer NOT NULL,
    PRIMARY KEY (term, n) INCLUDE (dl)
);
-- Half-full pages: a count goes up in place (a HOT update), leaving both indexes alone.
CREATE TABLE claim_terms (term text COLLATE "C" PRIMARY KEY, df bigint NOT NULL)
    WITH (fillfactor = 50);
CREATE INDEX claim_terms_trgm ON claim_terms USING gin (term @trgm@.gin_trgm_ops);
CREATE TABLE claim_index_stats (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    claims bigint NOT NULL,
    tokens bigint NOT NULL
);
INSERT INTO claim_index_stats (claims, tokens) VALUES (0, 0);

-- Index (sign 1) or unindex (sign -1) claims given by number and terms.
CREATE FUNCTION claim_index_apply(ns bigint[], docs text[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF ns IS NULL OR cardinality(ns) = 0 THEN
        RETURN;
    END IF;
    -- Sorted, so two writers (should the write lock ever be bypassed) cannot deadlock.
    IF sign > 0 THEN
        WITH split AS (
            SELECT d.n, string_to_array(d.terms, ' ') AS words FROM unnest(ns, docs) AS d (n, terms)
        ), pairs AS (
            SELECT DISTINCT u.term, d.n, cardinality(d.words) AS dl
            FROM split d, unnest(d.words) AS u (term)
        ), posted AS (
            INSERT INTO claim_postings (term, n, dl)
            SELECT term, n, dl FROM pairs ORDER BY term, n
        )
        INSERT INTO claim_terms AS t (term, df)
        SELECT term, count(*) FROM pairs GROUP BY term ORDER BY term
        ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df;
    ELSE
        WITH pairs AS (
            SELECT DISTINCT u.term, d.n
            FROM unnest(ns, docs) AS d (n, terms),
                 unnest(string_to_array(d.terms, ' ')) AS u (term)
        ), gone AS (
            DELETE FROM claim_postings p USING pairs x WHERE p.term = x.term AND p.n = x.n
        )
        UPDATE claim_terms AS t SET df = t.df - x.df
        FROM (SELECT term, count(*) AS df FROM pairs GROUP BY term ORDER BY term) x
        WHERE t.term = x.term;
        DELETE FROM claim_terms WHERE df <= 0 AND term IN (
            SELECT unnest(string_to_array(d, ' ')) FROM unnest(docs) AS d);
    END IF;
    UPDATE claim_index_stats SET
        claims = claims + sign * cardinality(ns),
        tokens = tokens + sign * (SELECT coalesce(sum(cardinality(string_to_array(d, ' '))), 0)
                                  FROM unnest(docs) AS d);
END $$;
CREATE FUNCTION claim_index_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claim_index_apply(array_agg(n), array_agg(terms), 1) FROM added;
    RETURN NULL;
END $$;
CREATE FUNCTION claim_index_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM claim_index_apply(array_agg(n), array_agg(terms), -1) FROM removed;
    RETURN NULL;
END $$;
CREATE FUNCTION claim_index_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Most updates (reviews, cluster moves) leave terms alone: then both are no-ops.
    PERFORM claim_index_apply(array_agg(o.n), array_agg(o.terms), -1)
    FROM removed o JOIN added a ON a.n = o.n WHERE a.terms <> o.terms;
    PERFORM claim_index_apply(array_agg(a.n), array_agg(a.terms), 1)
    FROM removed o JOIN added a ON a.n = o.n WHERE a.terms <> o.terms;
    RETURN NULL;
END $$;
CREATE TRIGGER claims_index_insert AFTER INSERT ON claims REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION claim_index_insert();
CREATE TRIGGER claims_index_delete AFTER DELETE ON claims REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION claim_index_delete();
CREATE TRIGGER claims_index_update AFTER UPDATE ON claims
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION claim_index_update();
""",
    ),
    # The queue's claims without a repeat, oldest first, and the export order.
    (
        2,
        "claims indexed by time",
        """
CREATE INDEX claims_created ON claims (created_at, id);
""",
    ),
    # As in the SQLite store: a claim alone in its cluster (nearly all) is found by id and
    # needs no entry; the shared queries ask for the others with cluster <> id.
    (
        3,
        "cluster index of non-roots only",
        """
DROP INDEX claims_cluster;
CREATE INDEX claims_cluster ON claims (cluster) WHERE cluster <> id;
""",
    ),
    # As in the SQLite store: the semantic extra's vectors, one per claim by number.
    (
        4,
        "claim vectors for the semantic extra",
        """
CREATE TABLE IF NOT EXISTS claim_vectors (
    n bigint PRIMARY KEY REFERENCES claims (n),
    vector bytea NOT NULL
);
""",
    ),
    # Article URLs are compared in canonical form (factreg.urls): the stored keys are
    # recomputed, sources that are one article merged, fingerprints redone, by
    # rekey.rekey_sources once the scripts have run.
    (5, "article keys in canonical URL form", "SELECT 1;"),
)
LATEST_SCHEMA = MIGRATIONS[-1][0]

#: Triggers whose absence ``check`` reports: they keep the audit log and the index honest.
REQUIRED_TRIGGERS = {
    "events": ("events_append_only", "events_append_only_truncate"),
    "judgements": ("judgements_append_only", "judgements_append_only_truncate"),
    "claims": ("claims_index_insert", "claims_index_delete", "claims_index_update"),
}

# What the candidate index should hold, computed from the claims (check, reindex).
_POSTINGS_OF_CLAIMS = (
    "SELECT DISTINCT u.term, c.n, cardinality(string_to_array(c.terms, ' ')) AS dl "
    "FROM claims c, unnest(string_to_array(c.terms, ' ')) AS u (term)"
)
_TOTALS_OF_CLAIMS = (
    "SELECT count(*) AS claims, COALESCE(sum(cardinality(string_to_array(terms, ' '))), 0) "
    "AS tokens FROM claims"
)

# "INSERT INTO t (a, b) VALUES (?, ?)" and nothing more: such a batch can be a COPY.
_PLAIN_INSERT = re.compile(r"INSERT INTO (\w+) \(([\w, ]+)\) VALUES \(([?, ]+)\)")
# Rows below this go through a pipelined executemany; COPY pays off from a few rows on.
_COPY_FROM = 8


class PostgresStore(SQLStore):
    """
    A registry in a PostgreSQL database: the first schema on the connection's search path.

    Args:
        url: a libpq URL, ``postgresql://user@host:port/dbname?…``.
        create: create the tables when the schema holds no registry (else StoreError).

    Raises:
        StoreError: the server cannot be reached, refuses the login, has no such
            database, or ``pg_trgm`` is missing and cannot be enabled by this role.
        SchemaVersionError: the registry was written by a newer factreg.
    """

    def __init__(
        self,
        url: str,
        *,
        create: bool = True,
        wait: float | None = None,
        on_wait: WaitHook | None = None,
    ) -> None:
        super().__init__()
        self.url = _without_password(url)
        self._wait = wait
        self._on_wait = on_wait
        try:
            params = conninfo_to_dict(url)
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"invalid PostgreSQL URL {self.url!r}: {_first_line(exc)}") from exc
        params.setdefault("connect_timeout", str(CONNECT_TIMEOUT))
        params.setdefault("application_name", "factreg")
        params["client_encoding"] = "UTF8"
        self._params = params
        self._where = _describe(params)
        self._reader: _Conn | None = None
        self._streams = 0
        self._cursor_names = itertools.count()
        self._unanalyzed = 0
        self._inserted = 0  # claims inserted by the open write transaction
        self._unsettled = 0  # claims committed since the tables were last settled
        self._conn = self._connect()
        self._lock_key = self._schema_lock_key()
        self._trgm: str | None = None
        self._migrate(create)

    # -- connection plumbing --------------------------------------------------------------

    def _connect(self) -> _Conn:
        try:
            conn = psycopg.connect(make_conninfo("", **self._params), autocommit=True)
        except psycopg.OperationalError as exc:
            raise StoreError(self._connect_problem(exc)) from exc
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self._where}: {_first_line(exc)}") from exc
        try:
            encoding = conn.info.parameter_status("server_encoding")
            if encoding != "UTF8":
                conn.close()
                raise StoreError(
                    f"database {self._where} uses encoding {encoding}; "
                    "factreg needs a UTF8 database (CREATE DATABASE … ENCODING 'UTF8')"
                )
            # Timestamps come back in UTC, as the model keeps them.
            conn.execute("SET TIME ZONE 'UTC'")
            conn.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                (str(FUZZY_SIMILARITY),),
            )
            defaults = {"statement_timeout": STATEMENT_TIMEOUT, "lock_timeout": LOCK_TIMEOUT}
            for name, source in conn.execute(
                "SELECT name, source FROM pg_settings WHERE name = ANY(%s)", (list(defaults),)
            ).fetchall():
                if source == "default":  # nobody chose one: the URL, role or server wins
                    conn.execute("SELECT set_config(%s, %s, false)", (name, defaults[name]))
            if self._wait is not None:  # asked for in so many words: it wins
                conn.execute(
                    "SELECT set_config('lock_timeout', %s, false)", (f"{self._wait * 1000:.0f}ms",)
                )
            shown = {name: conn.execute(f"SHOW {name}").fetchone() for name in defaults}
            limit = conn.execute(
                "SELECT setting::float8 / 1000 FROM pg_settings WHERE name = 'lock_timeout'"
            ).fetchone()
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"{self._where}: {_first_line(exc)}") from exc
        #: The timeouts in force on the connection, as the server shows them ("1min").
        self.timeouts = {name: str(row[0]) if row else "?" for name, row in shown.items()}
        self.timeouts["connect_timeout"] = f"{self._params['connect_timeout']}s"
        #: Seconds a write waits for one writer ahead of it; 0: as long as it takes.
        self.wait = float(limit[0]) if limit else 60.0
        return conn

    def _connect_problem(self, exc: psycopg.OperationalError) -> str:
        text = str(exc)
        user = self._params.get("user") or "(default user)"
        db = self._params.get("dbname") or "(default database)"
        if re.search(r'database "[^"]*" does not exist', text):
            return (
                f"database {db!r} does not exist on {self._where}: create it "
                f"(createdb {db}, or CREATE DATABASE {db}) or fix the URL"
            )
        if (
            "authentication failed" in text
            or ("role" in text and "does not exist" in text)
            or "no pg_hba.conf entry" in text
            or "password" in text
        ):
            return (
                f"PostgreSQL refused the login of {user} to {self._where}: "
                f"{_fatal(text)} (check user and password, e.g. in ~/.pgpass)"
            )
        if "timeout" in text:
            return (
                f"cannot reach the PostgreSQL server at {self._where}: no answer within "
                f"{self._params.get('connect_timeout')} s (connect_timeout)"
            )
        return (
            f"cannot reach the PostgreSQL server at {self._where}: {_fatal(text)} "
            "(is it running and accepting TCP/IP connections?)"
        )

    def _schema_lock_key(self) -> int:
        row = self._conn.execute(
            "SELECT n.oid FROM pg_namespace n WHERE n.nspname = current_schema()"
        ).fetchone()
        if row is None:
            self._conn.close()
            raise StoreError(
                f"{self._where}: no schema to keep the registry in: none of the search_path "
                "schemas exists (create one, or fix options=-c search_path=…)"
            )
        return (_LOCK_CLASS << 32) | int(row[0])

    def close(self) -> None:
        for conn in (self._reader, self._conn):
            if conn is not None:
                conn.close()
        self._reader = None

    def _live(self) -> _Conn:
        # A connection lost between transactions is replaced; inside one it is an error.
        if self._conn.broken and self._depth == 0:
            self._conn.close()
            self._conn = self._connect()
        return self._conn

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._guard(lambda: self._live().execute(_pg(sql), params).rowcount)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = list(rows)
        if not batch:
            return
        plain = _PLAIN_INSERT.fullmatch(sql)
        if plain is None or len(batch) < _COPY_FROM:

            def many() -> None:
                with self._live().cursor() as cur:
                    cur.executemany(_pg(sql), batch)  # pipelined by psycopg

            self._guard(many)
            return
        table, columns = plain.group(1), [c.strip() for c in plain.group(2).split(",")]
        assert len(columns) == plain.group(3).count("?")

        def copy() -> None:
            quoted = ", ".join(f'"{c}"' for c in columns)
            statement = f'COPY "{table}" ({quoted}) FROM STDIN'
            with self._live().cursor() as cur, cur.copy(statement) as out:
                for row in batch:
                    out.write_row(row)

        self._guard(copy)

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._guard(lambda: self._live().execute(_pg(sql), params).fetchall())

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        if self._depth:
            # Inside a write transaction: read through it, seeing its own writes.
            yield from self._stream_on(self._conn, sql, params)
            return
        # Otherwise on a second connection, in one REPEATABLE READ snapshot: an export is
        # consistent while others write, and this connection stays free for the caller.
        if self._reader is None or self._reader.closed or self._reader.broken:
            self._reader = self._connect()
            self._reader.autocommit = False
            self._reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            self._reader.read_only = True
        reader = self._reader
        self._streams += 1
        try:
            yield from self._stream_on(reader, sql, params)
        finally:
            self._streams -= 1
            if not self._streams and not reader.closed and not reader.broken:
                reader.rollback()

    def _stream_on(self, conn: _Conn, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        cursor = conn.cursor(name=f"factreg_stream_{next(self._cursor_names)}")
        cursor.itersize = 1000
        try:
            try:  # not through _guard: a stream cannot be resumed on a new connection
                cursor.execute(_pg(sql), params)
                while rows := cursor.fetchmany(1000):
                    yield from rows
            except psycopg.Error as exc:
                raise self._problem(exc) from exc
        finally:
            if not conn.broken:
                cursor.close()

    def _guard(self, call: Callable[[], _T]) -> _T:
        try:
            try:
                return call()
            except psycopg.OperationalError:
                # Outside a transaction nothing is lost with the connection (writes only
                # happen inside one): reconnect and try once more, else report it.
                if self._depth or not self._conn.broken:
                    raise
                return call()
        except psycopg.Error as exc:
            raise self._problem(exc) from exc

    def _problem(self, exc: psycopg.Error) -> StoreError:
        """
        A one-line StoreError for a failed statement.
        """
        message = _first_line(exc)
        if isinstance(exc, pg_errors.LockNotAvailable):
            return StoreError(
                f"{self._where} is busy: another process has held the registry's write lock "
                f"longer than lock_timeout ({self._setting('lock_timeout')}); nothing was "
                "written, try again"
            )
        if isinstance(exc, pg_errors.QueryCanceled):
            return StoreError(
                f"{self._where}: a statement ran longer than statement_timeout "
                f"({self._setting('statement_timeout')}) and was cancelled; nothing was "
                "written (raise it with options=-c statement_timeout=… in the URL)"
            )
        if isinstance(exc, (psycopg.IntegrityError, pg_errors.RaiseException)):
            return StoreError(f"{self._where}: refused by the database: {message}")
        if isinstance(exc, psycopg.OperationalError) and self._conn.broken:
            return StoreError(f"lost the connection to {self._where}: {message}")
        return StoreError(f"{self._where}: {message}")

    def _setting(self, name: str) -> str:
        return self.timeouts.get(name, "?")

    def _begin_write(self) -> _Conn:
        conn = self._guard(self._begin)
        try:
            # The registry's write lock (see the module docstring): writers take turns.
            if not self._try_lock(conn):
                self._wait_for_lock(conn)
        except psycopg.Error as exc:
            self._abandon(conn)
            raise self._problem(exc) from exc
        except BaseException:
            self._abandon(conn)
            raise
        return conn

    def _try_lock(self, conn: _Conn) -> bool:
        row = conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (self._lock_key,)).fetchone()
        return bool(row and row[0])

    def _wait_for_lock(self, conn: _Conn) -> None:
        """
        Take the write lock once the writers ahead have finished; ``on_wait`` first.

        Polled rather than queued for, so that progress can be seen: each time the lock
        passes to another transaction, the wait starts again; when one transaction has
        held it for :attr:`wait` seconds, the write gives up (0: never).
        """
        if self._on_wait is not None:
            self._on_wait()
        holder = self._lock_holder(conn)
        deadline = time.monotonic() + self.wait
        pause = 0.005
        while not self._try_lock(conn):
            now = self._lock_holder(conn)
            if now != holder:  # the writer ahead finished: our turn is nearer
                holder = now
                deadline = time.monotonic() + self.wait
            elif self.wait and time.monotonic() >= deadline:
                raise pg_errors.LockNotAvailable("the registry's write lock stayed taken")
            time.sleep(random.uniform(pause / 2, pause))
            pause = min(WAIT_POLL, pause * 2)

    def _lock_holder(self, conn: _Conn) -> str | None:
        """
        The transaction holding the registry's write lock (None: nobody).
        """
        row = conn.execute(
            "SELECT virtualtransaction FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = %s AND objid = %s AND objsubid = 1 LIMIT 1",
            (self._lock_key >> 32, self._lock_key & 0xFFFFFFFF),
        ).fetchone()
        return str(row[0]) if row else None

    def _rollback(self, handle: _Conn) -> None:
        self._abandon(handle)

    def _commit(self, handle: _Conn) -> None:
        inserted, self._inserted = self._inserted, 0
        try:
            handle.execute("COMMIT")
            self._unsettled += inserted
        except psycopg.Error as exc:
            broken = handle.broken
            self._abandon(handle)
            if broken:
                raise StoreError(
                    f"lost the connection to {self._where} while committing: the last "
                    "change may or may not have been saved; check before retrying"
                ) from exc
            raise StoreError(f"{self._where}: could not commit: {_first_line(exc)}") from exc

    def _begin(self) -> _Conn:
        conn = self._live()
        conn.execute("BEGIN")
        return conn

    def _abandon(self, conn: _Conn) -> None:
        """
        Roll back the open transaction (if the connection still can) and forget the cache.
        """
        self._forget_cache()
        self._inserted = 0
        if not conn.broken and conn.info.transaction_status != 0:
            # Should the connection die under us, the server rolls back on its own.
            with suppress(psycopg.Error):
                conn.execute("ROLLBACK")

    @contextmanager
    def _snapshot(self, *, unlimited: bool = False) -> Iterator[None]:
        """
        Several reads in one consistent snapshot (no write lock), or in the open transaction.
        """
        if self._depth:
            yield
            return
        conn = self._live()
        self._guard(lambda: conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))
        self._depth = 1  # reads inside join this transaction
        try:
            if unlimited:
                self._execute("SET LOCAL statement_timeout = 0")
            yield
        finally:
            self._depth = 0
            self._abandon(conn)  # read only: nothing to commit

    # -- claims ---------------------------------------------------------------------------

    def insert_claims(self, claims: Sequence[ClaimRecord], **options: Any) -> None:
        super().insert_claims(claims, **options)
        self._inserted += len(claims)
        self._unanalyzed += len(claims)
        if self._unanalyzed >= ANALYZE_AFTER:
            counted = self._query("SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass")
            if not counted or self._unanalyzed > ANALYZE_SHARE * max(counted[0][0], 0):
                self._execute("ANALYZE claims, sources, claim_postings, claim_terms")
                self._unanalyzed = 0

    def settle(self) -> None:
        """
        ``VACUUM (ANALYZE)`` the tables bulk loads fill, once loads committed since the
        last time added :data:`SETTLE_AFTER` claims and :data:`SETTLE_SHARE` of the rest.

        Outside a transaction only (VACUUM cannot run inside one): within one it waits for
        the next call. The load is committed already, so a failure here (a role that does
        not own the tables, a lost connection) is left to autovacuum and the next statement.
        """
        if self._depth or self._unsettled < SETTLE_AFTER:
            return
        conn = self._live()
        with suppress(psycopg.Error):
            row = conn.execute("SELECT claims FROM claim_index_stats").fetchone()
            before = int(row[0]) - self._unsettled if row else 0
            if self._unsettled < SETTLE_SHARE * before:
                return
            timeout = conn.execute("SHOW statement_timeout").fetchone()
            conn.execute("SET statement_timeout = 0")  # a maintenance statement
            try:
                conn.execute(f"VACUUM (ANALYZE) {', '.join(SETTLED_TABLES)}")
                self._unsettled = self._unanalyzed = 0
            finally:
                conn.execute(
                    "SELECT set_config('statement_timeout', %s, false)",
                    (str(timeout[0]) if timeout else STATEMENT_TIMEOUT,),
                )

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self, create: bool) -> None:
        current = self._schema_version()
        if current is None and not create:
            self.close()
            raise StoreError(f"no registry in {self._where} (import or add a claim to create one)")
        if current is None:
            self._refuse_foreign()
        self._check_newer(current)
        if current != LATEST_SCHEMA:
            try:
                with self.transaction():  # the write lock: one process migrates at a time
                    self._execute("SET LOCAL statement_timeout = 0")
                    self._execute(
                        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY "
                        "KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
                    )
                    current = self._schema_version() or 0
                    self._check_newer(current)
                    if current < LATEST_SCHEMA:
                        trgm = self._enable_trgm()
                        for version, name, script in MIGRATIONS:
                            if version > current:
                                self._run_script(script.replace(_TRGM, _ident(trgm)))
                                self._execute(
                                    "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                    (version, name),
                                )
                        if current < 5:
                            from factreg.store.rekey import rekey_sources

                            rekey_sources(self)
                        self._set_meta("normalization", str(NORMALIZATION_VERSION))
            except BaseException:
                self.close()
                raise
        self._trgm = self._trgm_schema()

    def _refuse_foreign(self) -> None:
        """
        Refuse a schema that holds tables but no registry: factreg's tables are never
        created among another application's.
        """
        tables = [
            r[0]
            for r in self._query(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        ]
        # Another process creating the registry at this moment may have committed its
        # tables since this one looked for schema_migrations: then it is a registry.
        if tables and "schema_migrations" not in tables:
            schema = self._query("SELECT current_schema()")[0][0]
            self.close()
            shown = ", ".join(tables[:3]) + (", …" if len(tables) > 3 else "")
            raise StoreError(
                f"schema {schema} of {self._where} is a PostgreSQL schema but not a factreg "
                f"registry (it holds {shown}); nothing was changed: use an empty schema"
            )

    def _run_script(self, script: str) -> None:
        # Without parameters psycopg sends the script as it is: several statements at once.
        self._guard(lambda: self._conn.execute(script))

    def _check_newer(self, current: int | None) -> None:
        if current is not None and current > LATEST_SCHEMA:
            self.close()
            raise SchemaVersionError(
                f"{self._where} has schema version {current}; this factreg knows up to "
                f"{LATEST_SCHEMA}: upgrade factreg"
            )

    def _schema_version(self) -> int | None:
        """
        The registry's schema version in the current schema; None when there is none.
        """
        exists = self._query(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'schema_migrations'"
        )
        if not exists:
            return None
        return int(self._query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0])

    def _trgm_schema(self) -> str | None:
        rows = self._query(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
            "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
        )
        return str(rows[0][0]) if rows else None

    def _enable_trgm(self) -> str:
        """
        The schema pg_trgm lives in, enabling it first when needed (inside the migration).
        """
        found = self._trgm_schema()
        if found is not None:
            return found
        role, db = self._query("SELECT current_user, current_database()")[0]
        # Into public when there is one, not into this registry's own schema: dropping a
        # registry schema must not take the extension (and other registries' indexes) along.
        target = (
            "public" if self._query("SELECT 1 FROM pg_namespace WHERE nspname = 'public'") else None
        )
        # Registries in other schemas of this database may be migrating at the same
        # moment: one CREATE EXTENSION at a time (a lock for the whole database).
        self._execute("SELECT pg_advisory_xact_lock(?)", (_LOCK_CLASS << 32,))
        found = self._trgm_schema()
        if found is not None:
            return found
        try:
            self._conn.execute(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm" + (" WITH SCHEMA public" if target else "")
            )
        except pg_errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"the PostgreSQL extension pg_trgm is not enabled in database {db} and "
                f"{role} may not enable it: ask a superuser "
                f"to run CREATE EXTENSION pg_trgm; in database {db}"
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(
                f"the PostgreSQL extension pg_trgm is not available on {self._where} "
                f"({_first_line(exc)}): install the server's contrib package, then have a "
                f"superuser run CREATE EXTENSION pg_trgm; in database {db}"
            ) from exc
        return self._trgm_schema() or "public"

    def _set_meta(self, key: str, value: str) -> None:
        self._execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- the candidate index --------------------------------------------------------------

    def document_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        total, _, df = self._term_stats(list(dict.fromkeys(terms)))
        return total, df

    def _term_stats(self, wanted: Sequence[str]) -> tuple[int, int, dict[str, int]]:
        """
        Claims and tokens indexed, and how many claims hold each of ``wanted`` (if any).
        """
        rows = self._query(
            "SELECT s.claims, s.tokens, t.term, t.df FROM claim_index_stats s "
            "LEFT JOIN claim_terms t ON t.term = ANY(?)",
            (list(wanted),),
        )
        return (
            int(rows[0][0]),
            int(rows[0][1]),
            {term: int(n) for _, _, term, n in rows if term is not None},
        )

    def candidates(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        wanted = list(dict.fromkeys(t for t in terms if t))
        if not wanted or limit <= 0:
            return []
        total, tokens, df = self._term_stats(wanted)
        if not total:
            return []
        cap = max(50, int(total * MAX_TERM_SHARE))
        # term -> (claims holding it, factor): 1 for a query term, the trigram similarity
        # for a registered word standing in for an unknown one.
        picked = {t: (df[t], 1.0) for t in wanted if 0 < df.get(t, 0) <= cap}
        for _, similar, count, similarity in self._stand_ins(wanted, df):
            if count <= cap and similar not in picked:
                picked[similar] = (count, similarity)
        if not picked:
            # Every term is common: fall back to the rarest few that occur at all.
            picked = {t: (df[t], 1.0) for t in sorted(df, key=lambda t: df[t])[:3]}
        if not picked:
            return []
        weights = {t: factor * bm25_idf(total, count) for t, (count, factor) in picked.items()}
        # Read the postings of the rarest terms, about SCAN_POSTINGS of them in all; when
        # that leaves common terms out, they only re-rank the best RERANK * limit found.
        scan: list[str] = []
        spent = 0
        for term in sorted(picked, key=lambda t: (picked[t][0], t)):
            if scan and spent + picked[term][0] > SCAN_POSTINGS:
                break
            scan.append(term)
            spent += picked[term][0]
        # BM25 as FTS5 computes it, each term counted once per claim: the sum of the
        # weights of the terms a claim holds, times (k1 + 1) / (short + long * length).
        short = 1 + BM25_K1 * (1 - BM25_B)
        long = BM25_K1 * BM25_B * total / max(tokens, 1)
        found = [
            n
            for (n,) in self._query(
                # OFFSET 0 keeps the subquery apart, so each term is an index-only range scan
                # even before ANALYZE has seen the table (else a bulk load can get a seq scan).
                "SELECT p.n FROM unnest(?::text[], ?::float8[]) AS q (term, w) CROSS JOIN LATERAL "
                "(SELECT n, dl FROM claim_postings WHERE term = q.term OFFSET 0) p "
                "GROUP BY p.n, p.dl ORDER BY sum(q.w) / (? + ? * p.dl) DESC, p.n LIMIT ?",
                (
                    scan,
                    [weights[t] for t in scan],
                    short,
                    long,
                    limit if len(scan) == len(picked) else limit * RERANK,
                ),
            )
        ]
        if not found:
            return []
        scored = []
        for row in self._query(
            f"SELECT {CLAIM_COLUMNS}, c.terms FROM {CLAIM_FROM} WHERE c.n = ANY(?)", (found,)
        ):
            words = row[-1].split(" ")
            held = sum(weights[w] for w in set(words) if w in weights)
            score = held * (BM25_K1 + 1) / (short + long * len(words))
            scored.append((score, row[0], row))
        best = heapq.nsmallest(limit, scored, key=lambda s: (-s[0], s[1]))
        return [candidate_from_row(row, row[-1], score) for score, _, row in best]

    def _stand_ins(
        self,
        wanted: Sequence[str],
        df: dict[str, int],
    ) -> list[tuple[str, str, int, float]]:
        """
        Registered words like the query's unknown ones: (word, stand-in, claims, similarity).
        """
        unknown = [
            t for t in wanted if t not in df and len(t) >= FUZZY_MIN_LENGTH and not t.isdigit()
        ][:FUZZY_WORDS]
        if not unknown or self._trgm is None:
            return []
        trgm = _ident(self._trgm)
        return [
            (w, s, int(n), float(sim))
            for w, s, n, sim in self._query(
                f"SELECT q.word, v.term, v.df, v.sim FROM unnest(?::text[]) AS q (word) "
                f"CROSS JOIN LATERAL (SELECT term, df, {trgm}.similarity(term, q.word) AS sim "
                f"FROM claim_terms WHERE term OPERATOR({trgm}.%) q.word "
                "ORDER BY sim DESC, term LIMIT ?) v",
                (unknown, FUZZY_ALTERNATIVES),
            )
        ]

    # -- maintenance ----------------------------------------------------------------------

    def check(self) -> list[str]:
        # One snapshot, so writes going on meanwhile cannot look like damage.
        with self._snapshot(unlimited=True):
            problems = [
                f"candidate index: {count} postings differ from the claims' terms "
                "(missing, extra or of the wrong length): run reindex"
                for (count,) in self._query(
                    f"WITH held AS ({_POSTINGS_OF_CLAIMS}) SELECT count(*) FROM held h "
                    "FULL JOIN claim_postings p ON p.term = h.term AND p.n = h.n "
                    "WHERE h.n IS NULL OR p.n IS NULL OR h.dl != p.dl"
                )
                if count
            ]
            problems += [
                f"candidate index: term {term!r} is counted in {counted or 0} claims but held "
                f"by {held or 0}: run reindex"
                for term, held, counted in self._query(
                    f"WITH held AS (SELECT term, count(*) AS df FROM ({_POSTINGS_OF_CLAIMS}) x "
                    "GROUP BY term) SELECT COALESCE(h.term, t.term), h.df, t.df FROM held h "
                    "FULL JOIN claim_terms t ON t.term = h.term "
                    "WHERE h.df IS DISTINCT FROM t.df LIMIT 20"
                )
            ]
            problems += [
                f"candidate index counts {counted} claims and {counted_tokens} terms; the "
                f"table holds {held} and {held_tokens}: run reindex"
                for counted, counted_tokens, held, held_tokens in self._query(
                    f"SELECT s.claims, s.tokens, c.claims, c.tokens FROM claim_index_stats s, "
                    f"({_TOTALS_OF_CLAIMS}) c WHERE s.claims != c.claims OR s.tokens != c.tokens"
                )
            ]
            stored = self._query("SELECT value FROM meta WHERE key = 'normalization'")
            if not stored or stored[0][0] != str(NORMALIZATION_VERSION):
                problems.append(
                    f"candidate index was built with normalization "
                    f"{stored[0][0] if stored else '?'}, this factreg uses "
                    f"{NORMALIZATION_VERSION}: run reindex"
                )
            present = {
                (table, name)
                for table, name in self._query(
                    "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c "
                    "ON c.oid = t.tgrelid WHERE c.relnamespace = "
                    "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
                    "AND t.tgenabled != 'D'"
                )
            }
            problems += [
                f"trigger {name} on {table} is missing or disabled: the "
                f"{'candidate index' if table == 'claims' else 'audit log'} is not "
                "kept safe"
                for table, names in REQUIRED_TRIGGERS.items()
                for name in names
                if (table, name) not in present
            ]
            if self._trgm is None or not self._query(
                "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
                "AND indexname = 'claim_terms_trgm'"
            ):
                problems.append(
                    "the pg_trgm extension or its index is missing (similar words are not "
                    "looked up): have a superuser run CREATE EXTENSION pg_trgm; then reindex"
                )
            return problems + self._audit_problems()

    def reindex(self) -> int:
        with self.transaction():
            self._execute("SET LOCAL statement_timeout = 0")
            count = 0
            last = 0
            while rows := self._query(
                "SELECT n, text, terms FROM claims WHERE n > ? ORDER BY n LIMIT ?",
                (last, CHUNK * 4),
            ):
                changed = [
                    (n, fresh) for n, text, terms in rows if (fresh := index_text(text)) != terms
                ]
                if changed:
                    self._execute(
                        "UPDATE claims SET terms = v.terms FROM unnest(?::bigint[], ?::text[]) "
                        "AS v (n, terms) WHERE claims.n = v.n",
                        ([n for n, _ in changed], [t for _, t in changed]),
                    )
                last = rows[-1][0]
                count += len(rows)
            # Rebuilt from scratch, which also repairs an index damaged by any other route.
            # TRUNCATE keeps matching queries waiting until the commit, not failing.
            self._execute("TRUNCATE claim_postings, claim_terms")
            self._execute(
                f"INSERT INTO claim_postings (term, n, dl) {_POSTINGS_OF_CLAIMS} ORDER BY term, n"
            )
            self._execute(
                "INSERT INTO claim_terms (term, df) SELECT term, count(*) "
                "FROM claim_postings GROUP BY term"
            )
            self._execute(
                f"UPDATE claim_index_stats SET claims = c.claims, tokens = c.tokens "
                f"FROM ({_TOTALS_OF_CLAIMS}) c"
            )
            self._trgm = self._trgm_schema()
            if self._trgm is not None:
                self._execute(
                    "CREATE INDEX IF NOT EXISTS claim_terms_trgm ON claim_terms "
                    f"USING gin (term {_ident(self._trgm)}.gin_trgm_ops)"
                )
            self._set_meta("normalization", str(NORMALIZATION_VERSION))
        return count

    @contextmanager
    def _read_snapshot(self) -> Iterator[None]:
        with self._snapshot(unlimited=True):
            yield

    def _wipe(self) -> None:
        # ALTER TABLE is transactional: the guards are off for this transaction only, and
        # its lock keeps everyone else out until it commits or rolls back.
        guards = [("events", "events_append_only"), ("judgements", "judgements_append_only")]
        for table, trigger in guards:
            self._execute(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}")
        # Deleting claims runs the index triggers: postings, terms and totals follow.
        for table in ("suggestions", "links", "judgements", "events", "claims", "sources"):
            self._execute(f"DELETE FROM {table}")
        for table, trigger in guards:
            self._execute(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}")
        self._forget_cache()

    def _restore_events(self, rows: Sequence[Sequence[Any]]) -> None:
        # COPY writes the given numbers into the GENERATED ALWAYS column (an INSERT
        # would need OVERRIDING SYSTEM VALUE); _after_restore moves the sequence on.
        def copy() -> None:
            statement = (
                'COPY "events" ("seq", "claim_id", "at", "actor", "action", "version", '
                '"before", "after") FROM STDIN'
            )
            with self._live().cursor() as cur, cur.copy(statement) as out:
                for row in rows:
                    out.write_row(row)

        self._guard(copy)

    def _after_restore(self) -> None:
        self._query(
            "SELECT setval(pg_get_serial_sequence('events', 'seq'), MAX(seq)) FROM events "
            "HAVING COUNT(*) > 0"
        )

    def backup(self, path: Path) -> None:
        """
        Not done by factreg for PostgreSQL: raises StoreError naming the pg_dump command.

        pg_dump takes a consistent snapshot while others keep writing, and its output
        restores with pg_restore, which a copy made by factreg could not improve on.
        """
        schema = self._query("SELECT current_schema()")[0][0]
        raise StoreError(
            f"factreg does not back up PostgreSQL registries itself: use pg_dump, e.g. "
            f"pg_dump --format=custom --schema={schema} --file={path} '{self.url}'"
        )


# -- helpers ------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """
    ``sql`` with ``?`` placeholders as psycopg's ``%s`` (and ``%`` escaped), literals kept.
    """
    parts = re.split(r"('(?:[^']|'')*')", sql)
    return "".join(
        part.replace("%", "%%") if i % 2 else part.replace("%", "%%").replace("?", "%s")
        for i, part in enumerate(parts)
    )


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: BaseException) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def _fatal(text: str) -> str:
    """
    The part of a libpq connection error that says what happened, on one line.
    """
    line = text.strip().splitlines()[0] if text.strip() else text
    for marker in ("FATAL:", "failed:"):
        if marker in line:
            line = line.rsplit(marker, 1)[1]
    return line.strip() or text.strip()


def _describe(params: dict[str, Any]) -> str:
    """
    Where a connection goes, for messages: ``postgresql://user@host:port/dbname``, no password.

    What the URL leaves out comes from libpq's environment variables, as libpq takes it;
    a host left out altogether is the local socket (``postgresql:///dbname``).
    """

    def given(key: str, variable: str) -> str:
        return str(params.get(key) or os.environ.get(variable) or "")

    host = given("host", "PGHOST") or given("hostaddr", "PGHOSTADDR")
    port = given("port", "PGPORT")
    user = given("user", "PGUSER")
    where = f"{host}:{port}" if host and port and not host.startswith("/") else host
    if host.startswith("/"):
        where = ""  # a socket directory: shown as libpq URLs show it, by leaving it out
    return f"postgresql://{user + '@' if user else ''}{where}/{given('dbname', 'PGDATABASE')}"


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))
