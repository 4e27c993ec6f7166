"""
The embedded store: one SQLite file, WAL mode, foreign keys, numbered migrations.

Every write is one ``BEGIN IMMEDIATE`` transaction: the write lock is taken up front, so
two writers queue (busy timeout plus retry) instead of failing half-way with "database is
locked". Readers never block in WAL mode. Candidates come from an FTS5 index over each
claim's normalized terms, kept in step by triggers inside the same transaction.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from factreg.errors import SchemaVersionError, StoreError
from factreg.match import Candidate
from factreg.normalize import NORMALIZATION_VERSION, index_text
from factreg.store.sql import CHUNK, CLAIM_COLUMNS, SQLStore, claim_from_row

_T = TypeVar("_T")

#: Seconds a writer waits for another writer before giving up with a clear error.
BUSY_TIMEOUT = 60.0
#: Query terms whose document frequency exceeds this share of all claims are not looked
#: up: they select too much to rank well and cost the most to read (stopwords, "said").
MAX_TERM_SHARE = 0.05

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "claims, sources, links, judgements, suggestions, audit log, FTS5 index", """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    url TEXT, publisher TEXT, title TEXT, published TEXT, language TEXT
);
CREATE TABLE claims (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    lang TEXT,
    source_id INTEGER REFERENCES sources (id),
    claimant TEXT,
    attribution TEXT NOT NULL,
    status TEXT NOT NULL,
    confidence REAL CHECK (confidence BETWEEN 0 AND 1),
    note TEXT,
    evidence TEXT NOT NULL,
    tags TEXT NOT NULL,
    fact_checks TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    cluster TEXT NOT NULL,
    terms TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    matched INTEGER NOT NULL
);
CREATE INDEX claims_unmatched ON claims (n) WHERE matched = 0;
CREATE INDEX claims_cluster ON claims (cluster);
CREATE INDEX claims_source ON claims (source_id);
CREATE INDEX claims_fingerprint ON claims (fingerprint);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE TABLE links (
    a TEXT NOT NULL REFERENCES claims (id),
    b TEXT NOT NULL REFERENCES claims (id),
    origin TEXT NOT NULL,
    score REAL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);
CREATE INDEX links_b ON links (b);
CREATE TABLE judgements (
    seq INTEGER PRIMARY KEY,
    a TEXT NOT NULL REFERENCES claims (id),
    b TEXT NOT NULL REFERENCES claims (id),
    verdict TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    note TEXT,
    CHECK (a < b)
);
CREATE INDEX judgements_a ON judgements (a, b);
CREATE INDEX judgements_b ON judgements (b);
CREATE TABLE suggestions (
    claim_id TEXT NOT NULL REFERENCES claims (id),
    other_id TEXT NOT NULL REFERENCES claims (id),
    score REAL NOT NULL,
    relation TEXT NOT NULL,
    reasons TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, other_id)
);
CREATE INDEX suggestions_other ON suggestions (other_id);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    claim_id TEXT NOT NULL REFERENCES claims (id),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    version INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX events_claim ON events (claim_id, seq);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER judgements_append_only BEFORE DELETE ON judgements
BEGIN SELECT RAISE(ABORT, 'judgements are never deleted'); END;
CREATE VIRTUAL TABLE claim_fts USING fts5 (
    terms, content = 'claims', content_rowid = 'n', tokenize = 'ascii', detail = none
);
CREATE VIRTUAL TABLE claim_vocab USING fts5vocab (claim_fts, 'row');
CREATE TRIGGER claims_index_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claim_fts (rowid, terms) VALUES (new.n, new.terms);
END;
CREATE TRIGGER claims_index_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claim_fts (claim_fts, rowid, terms) VALUES ('delete', old.n, old.terms);
END;
"""),
)
LATEST_SCHEMA = MIGRATIONS[-1][0]


class SQLiteStore(SQLStore):
    """
    A registry in one SQLite file.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        super().__init__()
        self.path = path
        self.url = str(path)
        if not create and not path.exists():
            raise StoreError(f"no registry at {path} (import or add a claim to create one)")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a directory, not a registry file")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            if self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode")
            # NORMAL is durable against a crash of the process; only a power cut can lose
            # the last transactions, never corrupt the file (WAL).
            self._db.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open registry {path}: {exc}") from exc
        self._depth = 0
        self._migrate()

    # -- connection plumbing --------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._guard(lambda: self._db.execute(sql, params).rowcount)

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._guard(lambda: self._db.executemany(sql, rows))

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._guard(lambda: self._db.execute(sql, params).fetchall())

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        cursor = self._guard(lambda: self._db.execute(sql, params))
        while rows := cursor.fetchmany(1000):
            yield from rows

    def _guard(self, call: Callable[[], _T]) -> _T:
        try:
            return call()
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"{self.path}: refused by the database: {exc}") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._db.execute("ROLLBACK")
            self._forget_cache()
            raise
        self._depth = 0
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._db.execute("ROLLBACK")
            self._forget_cache()
            raise StoreError(f"{self.path}: could not commit: {exc}") from exc

    def _begin(self) -> None:
        # The busy handler already waits BUSY_TIMEOUT; this loop covers the cases where
        # SQLite returns SQLITE_BUSY at once (a writer that started before we looked).
        deadline = time.monotonic() + BUSY_TIMEOUT
        while True:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise StoreError(f"{self.path}: {exc}") from exc
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self.path} is busy: another process has held the write lock for "
                        f"{BUSY_TIMEOUT:.0f} s; nothing was written, try again") from exc
                time.sleep(random.uniform(0.005, 0.05))

    # -- schema ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                             "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ')))")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a factreg registry: {exc}") from exc
        current = self._schema_version()
        if current > LATEST_SCHEMA:
            raise SchemaVersionError(
                f"{self.path} has schema version {current}; this factreg knows up to "
                f"{LATEST_SCHEMA}: upgrade factreg")
        if current == LATEST_SCHEMA:
            return
        with self.transaction():
            if self._schema_version() >= LATEST_SCHEMA:  # another process got there first
                return
            for version, name, script in MIGRATIONS:
                if version > current:
                    for statement in _statements(script):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                                     (version, name))
            self._set_meta("normalization", str(NORMALIZATION_VERSION))

    def _schema_version(self) -> int:
        row = self._db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # -- the candidate index --------------------------------------------------------------

    def candidates(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        if not terms:
            return []
        total = self._query("SELECT COUNT(*) FROM claims")[0][0]
        df = dict(self._query(
            f"SELECT term, doc FROM claim_vocab WHERE term IN ({', '.join('?' * len(terms))})",
            list(terms)))
        cap = max(50, int(total * MAX_TERM_SHARE))
        picked = [t for t in terms if 0 < df.get(t, 0) <= cap]
        if not picked:
            # Every term is common: fall back to the rarest few that occur at all.
            picked = sorted((t for t in terms if df.get(t)), key=lambda t: df[t])[:3]
        if not picked:
            return []
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in picked)
        rows = self._query(
            f"SELECT {CLAIM_COLUMNS}, c.terms, f.score FROM (SELECT rowid AS n, "
            "-bm25(claim_fts) AS score FROM claim_fts WHERE claim_fts MATCH ? "
            "ORDER BY rank LIMIT ?) f JOIN claims c ON c.n = f.n "
            "LEFT JOIN sources s ON s.id = c.source_id ORDER BY f.score DESC, c.id",
            (query, limit))
        return [Candidate(claim=claim_from_row(r), terms=r[-2], index_score=r[-1]) for r in rows]

    # -- maintenance ----------------------------------------------------------------------

    def check(self) -> list[str]:
        problems = [f"integrity: {r[0]}" for r in self._query("PRAGMA integrity_check")
                    if r[0] != "ok"]
        problems += [f"foreign key: {table} row {rowid} points to a missing {parent}"
                     for table, rowid, parent, _ in self._query("PRAGMA foreign_key_check")]
        try:
            # rank = 1 also compares the index with the claims table (external content).
            self._db.execute(
                "INSERT INTO claim_fts (claim_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as exc:
            problems.append(f"candidate index does not match the claims ({exc}): run reindex")
        stored = self._query("SELECT value FROM meta WHERE key = 'normalization'")
        if not stored or stored[0][0] != str(NORMALIZATION_VERSION):
            problems.append(
                f"candidate index was built with normalization "
                f"{stored[0][0] if stored else '?'}, this factreg uses {NORMALIZATION_VERSION}: "
                "run reindex")
        return problems + self._audit_problems()

    def reindex(self) -> int:
        with self.transaction():
            count = 0
            last = 0
            while rows := self._query(
                    "SELECT n, text FROM claims WHERE n > ? ORDER BY n LIMIT ?", (last, CHUNK * 4)):
                self._db.executemany("UPDATE claims SET terms = ? WHERE n = ?",
                                     [(index_text(text), n) for n, text in rows])
                last = rows[-1][0]
                count += len(rows)
            self._db.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")
            self._set_meta("normalization", str(NORMALIZATION_VERSION))
        return count

    def backup(self, path: Path) -> None:
        if path.exists():
            raise StoreError(f"{path} exists: choose a new file for the backup")
        try:
            target = sqlite3.connect(path)
            with target:
                self._db.backup(target)
            target.close()
        except sqlite3.DatabaseError as exc:
            path.unlink(missing_ok=True)
            raise StoreError(f"backup to {path} failed: {exc}") from exc


def _statements(script: str) -> list[str]:
    """
    Split a migration into statements (sqlite3.executescript would COMMIT on its own).
    """
    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
