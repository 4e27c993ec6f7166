"""
Claims in the form a store writes them, and a JSON Lines feed read straight into it.

A :class:`ClaimRecord` is a claim flattened for writing: its fields as a store keeps them
(lists as JSON text, times as ISO 8601 text) plus what the index and the duplicate check
need. Every way of registering a claim (add, import, ingest, ClaimReview) goes through
:func:`claim_record`, so there is one insert path. An import builds the records in
parsing workers (:func:`read_records`, one worker process per core), so the writing
process, the one that cannot be parallel, only writes.
"""

from __future__ import annotations

import copyreg
import gc
import itertools
import json
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any, NamedTuple

import attrs

from factreg.convert import Line, converter, numbered_lines, parse_lines
from factreg.errors import InputError
from factreg.model import Claim, FactCheck, Source, claim_fingerprint
from factreg.normalize import index_text

# -- stored JSON ------------------------------------------------------------------------------

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
# JSONEncoder.encode builds its C encoder again on every call: in an import, the largest
# cost of writing each claim's audit event. Built once here (None without the C
# accelerator, as on some Pythons: then encode as json does).
_MAKE_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_C_ENCODE: Callable[[Any, int], Sequence[str]] | None = (
    _MAKE_C_ENCODER(
        None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )
    if _MAKE_C_ENCODER is not None
    else None
)


def json_text(value: Any) -> str:
    """
    ``value`` as JSON the way it is stored: compact, UTF-8 kept (not \\u-escaped).
    """
    if _C_ENCODE is None or isinstance(value, str):
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


def fact_checks_text(fact_checks: tuple[FactCheck, ...]) -> str:
    """
    A claim's published fact checks as stored: JSON, each as the interchange format has it.
    """
    return json_text(converter.unstructure(fact_checks)) if fact_checks else "[]"


def _json_list(value: tuple[str, ...]) -> str:
    # Most claims carry no attribution, evidence or tags: skip the encoder.
    return json_text(value) if value else "[]"


# -- records ----------------------------------------------------------------------------------


class ClaimRecord(NamedTuple):
    """
    A claim flattened for writing: its fields as a store keeps them (lists as JSON text,
    times as ISO 8601 text) and what the index and the duplicate check need.

    Built once per claim by :func:`claim_record`; in an import, by the parsing worker,
    so the writing process only writes.
    """

    id: str
    text: str
    lang: str | None
    source: Source | None
    claimant: str | None
    attribution: str
    status: str
    confidence: float | None
    note: str | None
    evidence: str
    tags: str
    fact_checks: str
    created_at: str
    updated_at: str
    version: int
    cluster: str | None
    #: ``index_text(text)``: what the candidate index holds.
    terms: str
    #: ``claim_fingerprint(text, source)``: finds the same claim under another id.
    fingerprint: int


def claim_record(claim: Claim) -> ClaimRecord:
    """
    ``claim`` as a :class:`ClaimRecord`.
    """
    created = claim.created_at.isoformat()
    return ClaimRecord(
        claim.id,
        claim.text,
        claim.lang,
        claim.source,
        claim.claimant,
        _json_list(claim.attribution),
        claim.status.value,
        claim.confidence,
        claim.note,
        _json_list(claim.evidence),
        _json_list(claim.tags),
        fact_checks_text(claim.fact_checks),
        created,
        created if claim.updated_at == claim.created_at else claim.updated_at.isoformat(),
        claim.version,
        claim.cluster,
        index_text(claim.text),
        claim_fingerprint(claim.text, claim.source),
    )


# -- reading a feed into records --------------------------------------------------------------

#: Lines sent to a parsing worker at a time, and chunks in flight per worker (bounds
#: memory).
PARALLEL_CHUNK = 2_000
PARALLEL_AHEAD = 3
#: What a worker runs (``python -c``).
_WORKER = "from factreg.store.records import _serve; _serve()"

_Records = list[tuple[int, int, ClaimRecord | InputError]]


def read_records(
    stream: IO[bytes],
    *,
    name: str,
    parallel: bool = True,
) -> Iterator[tuple[int, int, ClaimRecord | InputError]]:
    """
    :func:`factreg.convert.read_jsonl`, each claim as the :class:`ClaimRecord` a store
    writes.

    With ``parallel``, a stream longer than one chunk of lines is parsed, validated and
    flattened in worker processes while the caller writes what came before; results keep
    their order.
    """
    from factreg import _workers  # a command that reads no feed does not load it

    lines = numbered_lines(stream)
    first = list(itertools.islice(lines, PARALLEL_CHUNK))
    # A small file is not worth starting a process for.
    workers = (
        _workers.start(_WORKER, _workers.parallel_workers())
        if len(first) == PARALLEL_CHUNK and parallel and _workers.can_start()
        else []
    )
    if not workers:  # read on here, streaming
        yield from _record_chunk(name, first)
        yield from _recorded(parse_lines(lines, name))
        return
    yield from _workers.ordered(
        workers,
        first,
        _chunks(lines),
        request=lambda chunk: _request(name, chunk),
        answer=lambda body: _answer(body, name),
        local=lambda chunk: _record_chunk(name, chunk),
        ahead=PARALLEL_AHEAD,
    )


def _chunks(lines: Iterator[Line]) -> Iterator[list[Line]]:
    while chunk := list(itertools.islice(lines, PARALLEL_CHUNK)):
        yield chunk


def _recorded(
    items: Iterable[tuple[int, int, Claim | InputError]],
) -> Iterator[tuple[int, int, ClaimRecord | InputError]]:
    """
    Parsed lines with each claim flattened. Claims of one article carry one Source object
    (the converter's source memory), pickled once per chunk by a worker.
    """
    for number, size, item in items:
        yield number, size, item if isinstance(item, InputError) else claim_record(item)


def _record_chunk(name: str, lines: list[Line]) -> _Records:
    return list(_recorded(parse_lines(lines, name)))


def _request(name: str, chunk: list[Line]) -> bytes:
    # An InputError travels as its problem (its keyword-only __init__ does not survive
    # pickling); the worker makes it an InputError again.
    return pickle.dumps(
        (name, [(n, z, r.problem if isinstance(r, InputError) else r) for n, (z, r) in chunk]),
        protocol=pickle.HIGHEST_PROTOCOL,
    )


def _answer(body: bytes, name: str) -> _Records:
    """
    A worker's answer to one chunk, as :func:`_record_chunk` would have returned it.
    """
    items, errors = pickle.loads(body)
    for at in errors:
        number, size, (problem, field) = items[at]
        items[at] = (number, size, InputError(problem, file=name, line=number, field=field))
    return items  # type: ignore[no-any-return]  # as _serve sent them


def _serve() -> None:
    """
    A parsing worker: chunks of lines in on stdin, flattened claims out on stdout.

    A chunk's answer is ``(items, errors)``: ``items`` as ``_record_chunk`` returns them,
    except that an InputError travels as ``(problem, field)`` (its keyword-only __init__
    does not survive pickling) at the positions listed in ``errors``.
    """
    # Nothing a worker makes lives beyond its chunk or forms a cycle: reference counting
    # frees it all, and the cyclic collector would only walk it again and again.
    gc.disable()
    copyreg.pickle(Source, _reduce)
    copyreg.pickle(ClaimRecord, _reduce_record)
    from factreg import _workers

    _workers.serve(_handle)


def _handle(body: bytes) -> bytes:
    name, lines = pickle.loads(body)
    items: list[tuple[int, int, Any]] = _record_chunk(
        name, [(n, (z, InputError(r) if isinstance(r, str) else r)) for n, z, r in lines]
    )
    errors: list[int] = []
    for at, (number, size, item) in enumerate(items):
        if isinstance(item, InputError):
            errors.append(at)
            items[at] = (number, size, (item.problem, item.field))
    return pickle.dumps((items, errors), protocol=pickle.HIGHEST_PROTOCOL)


# A Source travels as a tuple of its fields, restored through attrs' own __setstate__:
# half of attrs' default (a dict of every field) on both ends. A ClaimRecord travels as
# a tuple made one by tuple.__new__, in C (its class would call a Python __new__).
_FIELDS = tuple(a.name for a in attrs.fields(Source))


def _reduce(value: Source) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    return _from_state, (tuple([getattr(value, f) for f in _FIELDS]),)


def _from_state(state: tuple[Any, ...]) -> Source:
    value = object.__new__(Source)
    value.__setstate__(state)  # type: ignore[attr-defined]  # attrs adds it to slots classes
    return value


def _reduce_record(record: ClaimRecord) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    return tuple.__new__, (ClaimRecord, tuple(record))
