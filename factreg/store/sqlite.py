"""
The embedded store: one SQLite file, WAL mode, foreign keys, numbered migrations.

Every write is one ``BEGIN IMMEDIATE`` transaction: the write lock is taken up front, so
two writers queue (busy timeout plus retry) instead of failing half-way with "database is
locked". Readers never block in WAL mode.

Candidates come from an FTS5 index over each claim's normalized terms, written by
:meth:`SQLiteStore.insert_claims` in the same transaction as the claims (one statement
per batch: an AFTER INSERT trigger made FTS5 flush its buffer for every row, which cost
more than the rest of an import together). Beside it, ``claim_terms`` keeps each term's
document frequency, so a query picks its rarest terms without reading posting lists,
and ``meta.indexed_claims`` the number of claims indexed, so nothing counts a million
rows per query.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from factreg.errors import SchemaVersionError, StoreError
from factreg.match import Candidate
from factreg.normalize import NORMALIZATION_VERSION, index_text
from factreg.store.sql import CHUNK, CLAIM_COLUMNS, SQLStore, _chunks, _marks, claim_from_row

_T = TypeVar("_T")

#: Seconds a writer waits for another writer before giving up with a clear error.
BUSY_TIMEOUT = 60.0
#: Query terms whose document frequency exceeds this share of all claims are not looked
#: up: they select too much to rank well and cost the most to read (stopwords, "said").
MAX_TERM_SHARE = 0.05
#: Most query terms looked up, rarest first. A restatement shares most of its rare terms
#: with the claim it restates; the common ones add cost, not recall.
MAX_QUERY_TERMS = 8
#: Fewest query terms looked up (when that many occur at all), whatever they cost: one
#: word changed must not lose a claim whose other words are all there.
MIN_QUERY_TERMS = 3
#: Posting-list entries a query may read beyond its first MIN_QUERY_TERMS terms: scoring
#: costs about a microsecond per entry, so this bounds a match at a few milliseconds.
POSTINGS_BUDGET = 4_000
#: Distinct terms whose new document counts are held in memory before being written.
PENDING_TERMS = 200_000
#: Page cache per connection, KiB (SQLite's default is 2 MiB): a bulk import updates
#: indexes over a million rows at random places, and a miss costs a read and a spill.
CACHE_KIB = 65_536

# The FTS5 ``ascii`` tokenizer: ASCII letters and digits and every non-ASCII character
# make tokens; other ASCII characters separate them; A-Z fold to a-z.
_FTS_SEPARATOR = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+")
_FTS_UNUSUAL = re.compile(r"[\x00-\x1f\x21-\x2f\x3a-\x60\x7b-\x7f]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

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
    (2, "index written per batch; document frequencies and claim count kept", """
DROP TRIGGER claims_index_insert;
CREATE TABLE claim_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL CHECK (docs > 0)
) WITHOUT ROWID;
INSERT INTO claim_terms (term, docs) SELECT term, doc FROM claim_vocab WHERE doc > 0;
INSERT INTO meta (key, value) SELECT 'indexed_claims', COUNT(*) FROM claims;
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
        if not create and not path.exists() and str(path) != ":memory:":
            raise StoreError(f"no registry at {path} (import or add a claim to create one)")
        if path.exists() and path.is_dir():
            raise StoreError(f"{path} is a directory, not a registry file")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode != "wal" and str(path) != ":memory:":
                raise StoreError(f"{path}: cannot switch the database to WAL mode")
            # NORMAL is durable against a crash of the process; only a power cut can lose
            # the last transactions, never corrupt the file (WAL).
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            # Candidate scoring groups posting lists in a temporary b-tree: keep it in RAM.
            self._db.execute("PRAGMA temp_store = MEMORY")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open registry {path}: {exc}") from exc
        self._depth = 0
        # Document counts of terms indexed in the open transaction, not yet in claim_terms.
        self._pending_terms: Counter[str] = Counter()
        self._pending_claims = 0
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
            self._flush_terms()
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._db.execute("ROLLBACK")
            self._forget_cache()
            raise StoreError(f"{self.path}: could not commit: {exc}") from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            self._forget_cache()
            raise
        self._unwritten.clear()

    def _forget_cache(self) -> None:
        super()._forget_cache()
        self._pending_terms.clear()
        self._pending_claims = 0

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

    @contextmanager
    def _indexing(self, terms: Sequence[str]) -> Iterator[None]:
        # Rowids only grow and we hold the write lock: the new claims are those above
        # the largest rowid before the insert.
        top = self._query("SELECT MAX(n) FROM claims")[0][0] or 0
        yield
        self._execute("INSERT INTO claim_fts (rowid, terms) "
                      "SELECT n, terms FROM claims WHERE n > ?", (top,))
        # Document frequency: each term once per claim, counted in one C-level pass.
        self._pending_terms.update(itertools.chain.from_iterable(map(set, map(fts_terms, terms))))
        self._pending_claims += len(terms)
        if len(self._pending_terms) > PENDING_TERMS:
            self._flush_terms()

    def _flush_terms(self) -> None:
        """
        Add the document counts of this transaction's new claims to ``claim_terms``.
        """
        if not self._pending_claims:
            return
        # Sorted: the upserts then walk the b-tree in order.
        self._executemany(
            "INSERT INTO claim_terms (term, docs) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
            sorted(self._pending_terms.items()))
        self._execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? "
                      "WHERE key = 'indexed_claims'", (self._pending_claims,))
        self._pending_terms.clear()
        self._pending_claims = 0

    def _document_counts(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """
        How many claims are indexed, and how many contain each of ``terms`` (if any).
        """
        counts: dict[str, int] = {}
        for chunk in _chunks(terms):
            counts.update(self._query(
                f"SELECT term, docs FROM claim_terms WHERE term IN ({_marks(len(chunk))})",
                chunk))
        for term in terms:
            if self._pending_terms[term]:
                counts[term] = counts.get(term, 0) + self._pending_terms[term]
        rows = self._query("SELECT value FROM meta WHERE key = 'indexed_claims'")
        total = int(rows[0][0]) if rows else 0
        return total + self._pending_claims, counts

    def candidates(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        wanted = list(dict.fromkeys(t for term in terms for t in fts_terms(term)))
        if not wanted or limit <= 0:
            return []
        total, df = self._document_counts(wanted)
        # Rarest first; among equals, in the order given (most telling first).
        present = sorted((t for t in wanted if df.get(t)), key=lambda t: df[t])
        if not present:
            return []
        cap = max(50, int(total * MAX_TERM_SHARE))
        picked: list[str] = []
        postings = 0
        for term in present:
            if df[term] > cap or len(picked) >= MAX_QUERY_TERMS:
                break
            if len(picked) >= MIN_QUERY_TERMS and postings + df[term] > POSTINGS_BUDGET:
                break
            picked.append(term)
            postings += df[term]
        if picked:
            return self._ranked_by_weight(picked, df, total, limit)
        # Every term is common ("the president said"): claims holding the rarest few
        # together. FTS5 intersects posting lists without scoring each entry.
        return self._holding_all(present[:MIN_QUERY_TERMS], limit)

    def _ranked_by_weight(self, picked: Sequence[str], df: dict[str, int], total: int,
                          limit: int) -> list[Candidate]:
        """
        Claims holding any of ``picked``, by the summed IDF of the terms they hold.

        The sum is what bm25 reduces to for one-sentence documents, without bm25's
        per-row cost (several microseconds per posting through the FTS5 API).
        """
        hits = " UNION ALL ".join(
            "SELECT rowid AS n, ? AS w FROM claim_fts WHERE claim_fts MATCH ?" for _ in picked)
        params: list[Any] = []
        for term in picked:
            params += [math.log((total + 1) / df[term]), _phrase(term)]
        rows = self._query(
            f"WITH hits AS ({hits}), best AS (SELECT n, SUM(w) AS score FROM hits GROUP BY n "
            "ORDER BY score DESC, n DESC LIMIT ?) "
            f"SELECT {CLAIM_COLUMNS}, c.terms, best.score FROM best JOIN claims c ON c.n = best.n "
            "LEFT JOIN sources s ON s.id = c.source_id ORDER BY best.score DESC, c.n DESC",
            (*params, limit))
        return [Candidate(claim=claim_from_row(r), terms=r[-2], index_score=r[-1]) for r in rows]

    def _holding_all(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        """
        The newest claims holding every one of ``terms``.
        """
        rows = self._query(
            f"SELECT {CLAIM_COLUMNS}, c.terms FROM (SELECT rowid AS n FROM claim_fts "
            "WHERE claim_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f JOIN claims c ON c.n = f.n "
            "LEFT JOIN sources s ON s.id = c.source_id ORDER BY c.n DESC",
            (" AND ".join(_phrase(t) for t in terms), limit))
        return [Candidate(claim=claim_from_row(r), terms=r[-1], index_score=float(len(terms)))
                for r in rows]

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
        problems += self._term_count_problems()
        stored = self._query("SELECT value FROM meta WHERE key = 'normalization'")
        if not stored or stored[0][0] != str(NORMALIZATION_VERSION):
            problems.append(
                f"candidate index was built with normalization "
                f"{stored[0][0] if stored else '?'}, this factreg uses {NORMALIZATION_VERSION}: "
                "run reindex")
        return problems + self._audit_problems()

    def _term_count_problems(self, shown: int = 5) -> list[str]:
        """
        ``claim_terms`` and ``meta.indexed_claims`` against the FTS5 index itself.
        """
        problems: list[str] = []
        claims = self._query("SELECT COUNT(*) FROM claims")[0][0]
        rows = self._query("SELECT value FROM meta WHERE key = 'indexed_claims'")
        indexed = int(rows[0][0]) if rows else None
        if indexed != claims:
            problems.append(f"index statistics count {indexed} claims, the registry has "
                            f"{claims}: run reindex")
        # Both lists come out sorted by term (FTS5 keeps terms in memcmp order, as does
        # the primary key): one merge pass, no temporary tables.
        vocab = self._stream("SELECT term, doc FROM claim_vocab WHERE doc > 0 ORDER BY term")
        kept = self._stream("SELECT term, docs FROM claim_terms ORDER BY term")
        wrong = 0
        mine, theirs = next(kept, None), next(vocab, None)
        while mine is not None or theirs is not None:
            if theirs is None or (mine is not None and mine[0].encode() < theirs[0].encode()):
                found, expected, mine = mine, 0, next(kept, None)
                assert found is not None
                term, counted = found
            elif mine is None or theirs[0].encode() < mine[0].encode():
                term, expected = theirs
                counted, theirs = 0, next(vocab, None)
            else:
                term, counted, expected = mine[0], mine[1], theirs[1]
                mine, theirs = next(kept, None), next(vocab, None)
            if counted != expected:
                wrong += 1
                if wrong <= shown:
                    problems.append(f"index statistics say {counted} claims hold term "
                                    f"{term!r}, the index has {expected}: run reindex")
        if wrong > shown:
            problems.append(f"… and {wrong - shown} more terms miscounted")
        return problems

    def reindex(self) -> int:
        with self.transaction():
            count = 0
            last = 0
            while rows := self._query(
                    "SELECT n, text, terms FROM claims WHERE n > ? ORDER BY n LIMIT ?",
                    (last, CHUNK * 4)):
                # Only changed rows are written: a second reindex rewrites nothing.
                changed = [(new, n) for n, text, terms in rows
                           if (new := index_text(text)) != terms]
                if changed:
                    self._db.executemany("UPDATE claims SET terms = ? WHERE n = ?", changed)
                last = rows[-1][0]
                count += len(rows)
            self._db.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")
            self._db.execute("DELETE FROM claim_terms")
            self._db.execute("INSERT INTO claim_terms (term, docs) "
                             "SELECT term, doc FROM claim_vocab WHERE doc > 0")
            self._set_meta("indexed_claims", str(count))
            self._pending_terms.clear()
            self._pending_claims = 0
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


def fts_terms(terms: str) -> list[str]:
    """
    The tokens FTS5's ``ascii`` tokenizer makes of ``terms`` (normally: its words).
    """
    if _FTS_UNUSUAL.search(terms) is None:
        return terms.split()
    return [t for t in _FTS_SEPARATOR.split(terms.translate(_ASCII_LOWER)) if t]


def _phrase(term: str) -> str:
    # A quoted FTS5 string: a term holds no ASCII punctuation, so no quote to escape.
    return '"' + term + '"'


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
