"""
A registry's full contents as a stream of plain rows, and back: the store side of
``factreg dump`` / ``restore`` / ``copy``.

:func:`dump_rows` reads every table in one consistent snapshot and yields
``(kind, row)`` pairs whose rows hold only JSON values, the same whichever backend wrote
them (timestamps as ISO 8601 in UTC, JSON columns parsed): first ``("counts", {...})``,
then every claim (in registration order, with its source, cluster, version and whether
it still awaits the deferred matching pass), link, judgement, open suggestion, and audit
event (with its sequence number). :func:`restore_rows` writes such a stream into an
empty registry in one transaction: a restore that fails or is killed leaves the
registry empty, never half-filled. Claims are written through the ordinary insert path,
so the candidate index and its statistics are rebuilt as they are written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from factreg.convert import claim_to_row, row_to_claim
from factreg.errors import FactregError, InputError, StoreError
from factreg.model import Source, claim_fingerprint
from factreg.store.records import ClaimRecord, claim_record, json_text
from factreg.store.sql import CLAIM_COLUMNS, CLAIM_FROM, _time, claim_from_row

if TYPE_CHECKING:
    from factreg.store.sql import SQLStore

#: Row kinds in the order a dump holds them (claims first: the rest refer to them).
KINDS = ("claim", "link", "judgement", "suggestion", "event")
#: Rows written per statement on restore.
BATCH = 2_000
#: Articles remembered while claims are restored (claims of one article come together).
SOURCES_KEPT = 10_000

#: Each kind's columns as dumped: (name, how the value is stored: "text", "time",
#: "json", "number").
_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "link": (
        ("a", "text"),
        ("b", "text"),
        ("origin", "text"),
        ("score", "number"),
        ("created_at", "time"),
    ),
    "judgement": (
        ("a", "text"),
        ("b", "text"),
        ("verdict", "text"),
        ("reviewer", "text"),
        ("at", "time"),
        ("note", "text"),
    ),
    "suggestion": (
        ("claim_id", "text"),
        ("other_id", "text"),
        ("score", "number"),
        ("relation", "text"),
        ("reasons", "json"),
        ("created_at", "time"),
    ),
    "event": (
        ("seq", "number"),
        ("claim_id", "text"),
        ("at", "time"),
        ("actor", "text"),
        ("action", "text"),
        ("version", "number"),
        ("before", "json"),
        ("after", "json"),
    ),
}
_TABLES = {"link": "links", "judgement": "judgements", "suggestion": "suggestions"}
_ORDER = {
    "link": "a, b",
    "judgement": "seq",
    "suggestion": "claim_id, other_id",
    "event": "seq",
}
#: Columns that may hold NULL.
_NULLABLE = {("link", "score"), ("judgement", "note"), ("event", "version")}
_NULLABLE |= {("event", "before"), ("event", "after")}


def counts(store: SQLStore) -> dict[str, int]:
    """
    How many rows of each kind the registry holds.
    """
    row = store._query(
        "SELECT (SELECT COUNT(*) FROM claims), (SELECT COUNT(*) FROM links), "
        "(SELECT COUNT(*) FROM judgements), (SELECT COUNT(*) FROM suggestions), "
        "(SELECT COUNT(*) FROM events)"
    )[0]
    return dict(zip(KINDS, (int(n) for n in row), strict=True))


def dump_rows(store: SQLStore) -> Iterator[tuple[str, dict[str, Any]]]:
    """
    Every row of the registry, read in one snapshot (see the module docstring).
    """
    with store._read_snapshot():
        yield "counts", counts(store)
        for row in store._stream(
            f"SELECT {CLAIM_COLUMNS}, c.matched FROM {CLAIM_FROM} ORDER BY c.n"
        ):
            claim = claim_to_row(claim_from_row(row))
            claim["matched"] = bool(row[-1])
            yield "claim", claim
        for kind, columns in _COLUMNS.items():
            names = ", ".join(name for name, _ in columns)
            table = _TABLES.get(kind, "events")
            for row in store._stream(f"SELECT {names} FROM {table} ORDER BY {_ORDER[kind]}"):
                yield (
                    kind,
                    {
                        name: _out(how, value)
                        for (name, how), value in zip(columns, row, strict=True)
                    },
                )


def _out(how: str, value: Any) -> Any:
    if value is None:
        return None
    if how == "time":
        return _time(value).isoformat()
    if how == "json":
        return json.loads(value) if isinstance(value, str) else value
    return value


def is_empty(store: SQLStore) -> bool:
    """
    True when the registry holds no claim (and so nothing else).
    """
    return not store._query("SELECT 1 FROM claims LIMIT 1")


def restore_rows(
    store: SQLStore,
    rows: Iterable[tuple[str, dict[str, Any]]],
    *,
    progress: Callable[[int], None] | None = None,
    replace: bool = False,
) -> dict[str, int]:
    """
    Write a stream of :func:`dump_rows` pairs into the empty registry ``store``, in one
    transaction; return how many rows of each kind were written. With ``replace`` a
    registry that holds claims is emptied first, in the same transaction (everything in
    it, its audit log included, is replaced; an interruption leaves it as it was).

    The stream must start with its ``counts`` and hold exactly that many rows of each
    kind (a truncated dump is refused), kinds in dump order. ``progress`` is called with
    the number of rows written since its last call.

    Raises:
        StoreError: the registry is not empty.
        InputError: a row is malformed, out of order, or the stream is incomplete;
            nothing is written.
    """
    written = dict.fromkeys(KINDS, 0)
    with store.transaction():
        if not is_empty(store):
            if not replace:
                raise StoreError(
                    f"{store.url} is not empty: restore or copy only into an empty registry "
                    "(or ask to replace everything in it: --replace)"
                )
            store._wipe()
        expected: dict[str, int] | None = None
        rank = -1
        claims: list[ClaimRecord] = []
        sources: dict[Any, Source] = {}
        matched: bool | None = None
        pending: list[tuple[Any, ...]] = []
        for kind, row in rows:
            if expected is None:
                if kind != "counts":
                    raise InputError("the dump does not start with its counts")
                expected = _expected_counts(row)
                continue
            if kind not in KINDS:
                raise InputError(f"unknown row kind {kind!r}")
            if KINDS.index(kind) < rank:
                raise InputError(f"a {kind} row after the {KINDS[rank]} rows")
            if KINDS.index(kind) > rank:
                _flush(store, KINDS[rank] if rank >= 0 else "", claims, matched, pending, progress)
                claims, pending, rank = [], [], KINDS.index(kind)
            written[kind] += 1
            if kind == "claim":
                record, flag = _claim(row, sources)
                if flag != matched and claims:
                    _flush(store, kind, claims, matched, pending, progress)
                    claims = []
                matched = flag
                claims.append(record)
                if len(claims) >= BATCH:
                    _flush(store, kind, claims, matched, pending, progress)
                    claims = []
            else:
                pending.append(_values(store, kind, row))
                if len(pending) >= BATCH:
                    _flush(store, kind, claims, matched, pending, progress)
                    pending = []
        if expected is None:
            raise InputError("empty dump: no counts line")
        _flush(store, KINDS[rank] if rank >= 0 else "", claims, matched, pending, progress)
        if written != expected:
            missing = ", ".join(
                f"{kind}s: {written[kind]} of {expected[kind]}"
                for kind in KINDS
                if written[kind] != expected[kind]
            )
            raise InputError(f"the dump is incomplete or altered ({missing}); nothing restored")
        store._after_restore()
    return written


def _expected_counts(row: dict[str, Any]) -> dict[str, int]:
    if set(row) != set(KINDS) or not all(type(row[k]) is int and row[k] >= 0 for k in KINDS):
        raise InputError(f"counts: expected a count for each of {', '.join(KINDS)}")
    return {k: row[k] for k in KINDS}


def _claim(row: dict[str, Any], sources: dict[Any, Source]) -> tuple[ClaimRecord, bool]:
    """
    A claim row as the record to insert, and whether it went through matching.

    ``sources`` holds the articles met so far (by their fields): the claims of one
    article then share one Source, as in an import, and it is checked once.
    """
    if not isinstance(row, dict) or type(row.get("matched")) is not bool:
        raise InputError("a claim row needs matched: true or false", field="matched")
    fields = {k: v for k, v in row.items() if k != "matched"}
    given = fields.get("source")
    seen = None
    if type(given) is dict:
        try:
            seen = sources.get(tuple(given.items()))
        except TypeError:  # a value that is not hashable: the claim's check names it
            seen = None
    try:
        if seen is not None:
            fields["source"] = None
        claim = row_to_claim(fields)
    except FactregError as exc:
        raise InputError(str(exc), field="claim") from None
    if not claim.cluster:
        raise InputError("a dumped claim carries its cluster", field="cluster")
    record = claim_record(claim)
    if seen is not None:
        record = record._replace(source=seen, fingerprint=claim_fingerprint(claim.text, seen))
    elif claim.source is not None and type(given) is dict:
        if len(sources) >= SOURCES_KEPT:
            sources.clear()
        sources[tuple(given.items())] = claim.source
    return record, row["matched"]


def _values(store: SQLStore, kind: str, row: dict[str, Any]) -> tuple[Any, ...]:
    columns = _COLUMNS[kind]
    if not isinstance(row, dict) or set(row) != {name for name, _ in columns}:
        raise InputError(f"a {kind} row needs exactly: {', '.join(n for n, _ in columns)}")
    values: list[Any] = []
    for name, how in columns:
        value = row[name]
        if value is None:
            if (kind, name) not in _NULLABLE:
                raise InputError(f"{kind}.{name} may not be null", field=name)
            values.append(None)
            continue
        if how == "time":
            try:
                when = datetime.fromisoformat(value) if isinstance(value, str) else None
            except ValueError:
                when = None
            if when is None or when.tzinfo is None:
                raise InputError(f"{kind}.{name}: expected an ISO 8601 time with a zone")
            values.append(store._time_param(when))
        elif how == "json":
            values.append(json_text(value))
        elif how == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InputError(f"{kind}.{name}: expected a number, got {value!r}")
            values.append(value)
        else:
            if not isinstance(value, str):
                raise InputError(f"{kind}.{name}: expected text, got {value!r}")
            values.append(value)
    return tuple(values)


def _flush(
    store: SQLStore,
    kind: str,
    claims: list[ClaimRecord],
    matched: bool | None,
    pending: list[tuple[Any, ...]],
    progress: Callable[[int], None] | None,
) -> None:
    if kind == "claim" and claims:
        store.insert_claims(claims, matched=bool(matched))
        if progress:
            progress(len(claims))
    elif kind == "event" and pending:
        store._restore_events(pending)
        if progress:
            progress(len(pending))
    elif kind in _TABLES and pending:
        columns = ", ".join(name for name, _ in _COLUMNS[kind])
        marks = ", ".join("?" * len(_COLUMNS[kind]))
        store._executemany(f"INSERT INTO {_TABLES[kind]} ({columns}) VALUES ({marks})", pending)
        if progress:
            progress(len(pending))
