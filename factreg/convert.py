"""
The one cattrs converter, and the JSON Lines interchange format built on it.

A line is one claim object. On import only ``text`` is required; unknown keys, wrong
types and bad values are refused with ``file:line: field: problem``. Export writes the
same shape plus the fields the registry owns, keys in :data:`EXPORT_FIELDS` order, so a
registry kept in git diffs line by line and export -> import -> export is byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, TypeAlias, get_args

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from factreg.errors import InputError, ValidationError
from factreg.model import Claim, FactCheck, Source, Status

#: A line longer than this is refused before it is parsed (a claim is one statement).
MAX_LINE_BYTES = 1_048_576
#: JSON nested deeper than this is refused (a claim object is two levels deep).
MAX_JSON_DEPTH = 32

#: Key order of an exported claim; the first eleven are the import shape of DESIGN.md.
#: ``fact_checks`` carries published reviews (ClaimReview) as given.
EXPORT_FIELDS = (
    "id",
    "text",
    "lang",
    "claimant",
    "attribution",
    "source",
    "status",
    "confidence",
    "note",
    "evidence",
    "tags",
    "fact_checks",
    "created_at",
    "updated_at",
    "version",
    "cluster",
)
SOURCE_FIELDS = ("url", "publisher", "title", "published", "language")
FACT_CHECK_FIELDS = (
    "url",
    "reviewer",
    "reviewer_url",
    "published",
    "rating_value",
    "best_rating",
    "worst_rating",
    "label",
    "explanation",
)
#: Fact check fields an export writes only when set (added later: exports made before
#: them, and fact checks without them, keep their bytes).
FACT_CHECK_OPTIONAL_FIELDS = ("published_text", "claim_date", "claim_date_text")


def _strict(kind: type[Any] | tuple[type[Any], ...], name: str) -> Any:
    def structure(value: Any, _: Any) -> Any:
        # cattrs would coerce 5 -> "5" or "0.5" -> 0.5; a wrong type is an error here.
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ValidationError("", f"expected {name}, got {json_type(value)}")
        return value

    return structure


def json_type(value: Any) -> str:
    """
    How a JSON value is named in messages: ``null``, ``number 5``, ``string 'x'``, ….
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"number {value!r}"
    if isinstance(value, str):
        return f"string {value[:60]!r}" + ("…" if len(value) > 60 else "")
    names: dict[type[Any], str] = {list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def parse_datetime(value: Any) -> datetime:
    """
    Parse an ISO 8601 timestamp with a time zone ("…Z" accepted).
    """
    if not isinstance(value, str):
        raise ValidationError("", f"expected an ISO 8601 timestamp, got {json_type(value)}")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError("", f"not an ISO 8601 timestamp: {value!r}") from None
    if parsed.tzinfo is None:
        raise ValidationError("", f"naive timestamp {value!r}: give a time zone (e.g. Z)")
    return parsed


def parse_published(value: Any) -> date | datetime:
    """
    Parse a publication date ("2016-11-30") or an aware timestamp.
    """
    if isinstance(value, str) and len(value.strip()) == 10:
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                "", f"not an ISO 8601 date (YYYY-MM-DD) or timestamp: {value!r}"
            ) from None
    return parse_datetime(value)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError("", f"expected a list, got {json_type(value)}")
    return value


def _tuple_of_str(value: Any, _: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise ValidationError("", f"expected a list of strings, got {json_type(value)}")
    for item in value:
        if not isinstance(item, str):
            raise ValidationError("", f"expected a list of strings, found {json_type(item)}")
    return tuple(value)


def make_converter() -> cattrs.Converter:
    """
    Build the converter every JSON shape of factreg goes through.
    """
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, lambda v, _: float(_strict((int, float), "a number")(v, _)))
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], _tuple_of_str)
    conv.register_structure_hook(datetime, lambda v, _: parse_datetime(v))
    conv.register_unstructure_hook(datetime, datetime.isoformat)
    conv.register_structure_hook_func(
        lambda t: set(get_args(t)) >= {date, datetime},
        lambda v, _: None if v is None else parse_published(v),
    )
    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_structure_hook(Status, lambda v, _: Status.parse(_strict(str, "a string")(v, _)))
    conv.register_unstructure_hook(Status, lambda s: s.value)
    conv.register_unstructure_hook_func(lambda t: t == tuple[str, ...], list)
    # A rating value stays as its publisher wrote it; FactCheck's converter checks it.
    conv.register_structure_hook_func(
        lambda t: set(get_args(t)) >= {int, float, str}, lambda v, _: v
    )
    conv.register_structure_hook_func(
        lambda t: t == tuple[FactCheck, ...],
        lambda v, _: tuple(conv.structure(item, FactCheck) for item in _list(v)),
    )
    conv.register_unstructure_hook_func(
        lambda t: t == tuple[FactCheck, ...], lambda v: [conv.unstructure(fc) for fc in v]
    )
    conv.register_structure_hook(
        Source,
        _remembered(
            make_dict_structure_fn(
                Source,
                conv,
                _cattrs_forbid_extra_keys=conv.forbid_extra_keys,
                _cattrs_detailed_validation=conv.detailed_validation,
            )
        ),
    )
    return conv


#: Distinct source objects a converter remembers (claims of one article come together).
SOURCE_MEMORY = 1_024


def _remembered(structure: Callable[[Any, Any], Source]) -> Callable[[Any, Any], Source]:
    """
    ``structure`` for sources, answering an object seen before with the same Source.

    A feed repeats an article's source on each of its claims: structuring and validating
    it once, and sharing the (immutable) value, also lets later steps compare it by
    identity. Anything unusual (a value that is a list, an error) takes the normal path.
    """
    seen: dict[tuple[tuple[str, Any], ...], Source] = {}

    def structure_source(value: Any, kind: Any) -> Source:
        try:
            key = tuple(value.items())
            hit = seen.get(key)
        except (AttributeError, TypeError):  # not a dict, or unhashable values
            return structure(value, kind)
        if hit is None:
            hit = _plain_source(value)
            if hit is None:
                hit = structure(value, kind)
            if len(seen) >= SOURCE_MEMORY:
                seen.clear()
            seen[key] = hit
        return hit

    return structure_source


_SOURCE_KEYS = frozenset(SOURCE_FIELDS)


def _plain_source(value: dict[str, Any]) -> Source | None:
    # The common source object, known keys and string values (or null), built without
    # cattrs' dispatch through each field. Anything else, or any error, is None: cattrs
    # then builds the source or names the problem as it always has.
    if not value.keys() <= _SOURCE_KEYS:
        return None
    fields = url, publisher, title, published, language = (
        value.get("url"),
        value.get("publisher"),
        value.get("title"),
        value.get("published"),
        value.get("language"),
    )
    for field in fields:
        if field is not None and type(field) is not str:
            return None
    try:
        return Source(
            url,
            publisher,
            title,
            None if published is None else parse_published(published),
            language,
        )
    except ValidationError:
        return None


converter = make_converter()


# -- one claim <-> one JSON object --------------------------------------------------------


def claim_to_row(claim: Claim) -> dict[str, Any]:
    """
    The export shape of ``claim``: every field, in :data:`EXPORT_FIELDS` order.
    """
    raw = converter.unstructure(claim)
    row = {key: raw[key] for key in EXPORT_FIELDS}
    if row["source"] is not None:
        row["source"] = {key: row["source"][key] for key in SOURCE_FIELDS}
    row["fact_checks"] = [
        {key: fc[key] for key in FACT_CHECK_FIELDS}
        | {key: fc[key] for key in FACT_CHECK_OPTIONAL_FIELDS if fc[key] is not None}
        for fc in row["fact_checks"]
    ]
    return row


def row_to_claim(row: Any) -> Claim:
    """
    Structure one imported JSON value into a Claim.

    Raises:
        ValidationError: naming the offending field (dotted for nested ones).
    """
    if type(row) is dict and row.keys() <= _PLAIN_KEYS:
        claim = _plain_claim(row)
        if claim is not None:
            return claim
    return _structure_claim(row)


def _structure_claim(row: Any) -> Claim:
    # row_to_claim for any value: through cattrs, every problem named.
    if not isinstance(row, dict):
        raise ValidationError("", f"expected a JSON object, got {json_type(row)}")
    if "text" not in row:
        raise ValidationError("text", "is missing (the one required field)")
    if row.get("id") == "":
        raise ValidationError("id", "is empty (leave it out to have one derived)")
    if row.get("source") is not None and not isinstance(row["source"], dict):
        raise ValidationError("source", f"expected an object, got {json_type(row['source'])}")
    try:
        return converter.structure(row, Claim)
    except ValidationError:
        raise
    except ClassValidationError as exc:
        field, problem = _first_problem(exc)
        raise ValidationError(field, problem) from None
    except ForbiddenExtraKeysError as exc:
        raise ValidationError(*_unknown_keys(exc, "source" if exc.cl is Source else "")) from None
    except (TypeError, ValueError) as exc:
        raise ValidationError("", str(exc)) from None


#: Keys of the line most feeds are made of, which :func:`row_to_claim` reads without cattrs.
_PLAIN_KEYS = frozenset({"id", "text", "lang", "source", "claimant"})
_structure_source = converter.get_structure_hook(Source)


def _plain_claim(row: dict[str, Any]) -> Claim | None:
    # The common line: string values (null for lang, claimant and source too) and a
    # source object, structured without cattrs' dispatch through each field. Anything
    # else, or any error, is None: the general path then builds the claim or names the
    # problem exactly as it always has.
    text = row.get("text")
    claim_id = row.get("id", "")
    lang, source, claimant = row.get("lang"), row.get("source"), row.get("claimant")
    if (
        type(text) is not str
        or type(claim_id) is not str
        or ("id" in row and not claim_id)
        or (lang is not None and type(lang) is not str)
        or (claimant is not None and type(claimant) is not str)
        or (source is not None and type(source) is not dict)
    ):
        return None
    try:
        if source is not None:
            source = _structure_source(source, Source)
        return Claim._plain(text, claim_id, lang, source, claimant)
    except Exception:  # the general path raises it as it should be reported
        return None


def _unknown_keys(exc: ForbiddenExtraKeysError, prefix: str) -> tuple[str, str]:
    keys = sorted(exc.extra_fields)
    field = ".".join(p for p in (prefix, keys[0]) if p)
    more = f" (also {', '.join(keys[1:])})" if len(keys) > 1 else ""
    return field, f"unknown key{more}"


def _first_problem(exc: ClassValidationError, prefix: str = "") -> tuple[str, str]:
    for sub in exc.exceptions:
        name = next((n.name for n in getattr(sub, "__notes__", []) if hasattr(n, "name")), "")
        path = ".".join(p for p in (prefix, str(name)) if p)
        if isinstance(sub, ClassValidationError):
            return _first_problem(sub, path)
        if isinstance(sub, ForbiddenExtraKeysError):
            return _unknown_keys(sub, path)
        if isinstance(sub, ValidationError):
            return (sub.field if sub.field and "." in sub.field else path or sub.field), sub.problem
        return path, str(sub) or type(sub).__name__
    return prefix, str(exc)


# -- JSON Lines ---------------------------------------------------------------------------

# DEL, C1 controls, bidi embeddings/overrides/isolates and line/paragraph separators are
# escaped on output: valid JSON either way, but a raw U+009B or U+202E can reorder or drive
# a terminal that shows the file. (json.dumps already escapes C0 controls.)
_UNSAFE = re.compile("[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_json(text: str) -> str:
    """
    JSON text from ``json.dumps(..., ensure_ascii=False)`` with unsafe controls as \\uXXXX.

    Safe only on JSON: these characters can occur there only inside strings.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dump_row(row: dict[str, Any]) -> str:
    """
    One JSON line for ``row``: UTF-8 text as is, unsafe controls escaped, no newline.
    """
    return escape_json(json.dumps(row, ensure_ascii=False, allow_nan=False))


def write_jsonl(claims: Iterable[Claim], stream: IO[str]) -> int:
    """
    Write ``claims`` to ``stream`` as JSON Lines; return how many were written.
    """
    count = 0
    for claim in claims:
        stream.write(dump_row(claim_to_row(claim)))
        stream.write("\n")
        count += 1
    return count


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in JSON")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: only then find which key, in Python
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValidationError(key, "appears twice in the object")
            seen.add(key)
    return out


def _depth(value: Any, limit: int) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


# json.loads with options builds a new decoder per call, a third of the time a claim's
# line takes to parse; one shared decoder (as json.loads shares its default) does not.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)


def parse_json(text: str) -> Any:
    """
    Parse one JSON document strictly: no NaN, no duplicate keys, bounded nesting.

    Raises:
        ValueError: with a message fit for the user.
    """
    try:
        if isinstance(text, str) and not text.startswith("\ufeff"):
            value = _DECODER.decode(text)
        else:  # json.loads' own errors: a byte order mark, a value that is not text
            value = json.loads(
                text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates
            )
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    # Each level below the top opens a bracket: with fewer brackets than levels allowed
    # (counting those inside strings too) the walk cannot fail, and is skipped.
    if text.count("{") + text.count("[") >= MAX_JSON_DEPTH and not _depth(value, MAX_JSON_DEPTH):
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def read_jsonl(
    stream: IO[bytes],
    *,
    name: str,
) -> Iterator[tuple[int, int, Claim | InputError]]:
    """
    Read claims from a JSON Lines byte stream: ``(line number, bytes, claim or error)``.

    Blank lines are skipped (their bytes are not reported). Errors are yielded, not
    raised, so a caller can either stop at the first (all-or-nothing import) or report
    each and go on (``--skip-invalid``).
    """
    yield from parse_lines(numbered_lines(stream), name)


#: One raw line of a JSON Lines stream: ``(line number, (bytes, line or error))``; the
#: error is a line too long to read.
Line: TypeAlias = "tuple[int, tuple[int, bytes | InputError]]"


def numbered_lines(stream: IO[bytes]) -> Iterator[Line]:
    """
    The raw lines of a JSON Lines byte stream, numbered from 1, not yet parsed.

    A line longer than :data:`MAX_LINE_BYTES` is skipped unread and stands as an error.
    """
    return enumerate(_lines(stream), start=1)


def parse_lines(lines: Iterable[Line], name: str) -> Iterator[tuple[int, int, Claim | InputError]]:
    """
    Each of ``lines`` parsed into a claim or an error naming ``name`` and the line (blank
    lines left out), as :func:`read_jsonl` yields them.
    """
    for number, (size, raw) in lines:
        item = _parse_line(raw, name, number)
        if item is not None:
            yield number, size, item


def _parse_line(
    raw: bytes | InputError,
    name: str,
    number: int,
) -> Claim | InputError | None:
    if isinstance(raw, InputError):
        return InputError(raw.problem, file=name, line=number)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(
            f"invalid UTF-8 at byte {exc.start + 1} of the line", file=name, line=number
        )
    if number == 1:
        text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        return row_to_claim(parse_json(text))
    except ValidationError as exc:
        return InputError(exc.problem, file=name, line=number, field=exc.field or None)
    except ValueError as exc:
        return InputError(str(exc), file=name, line=number)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | InputError]]:
    # readline with a limit, so a 2 GB line without a newline never sits in memory whole.
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
                size += len(line)
            yield size, InputError(f"line longer than {MAX_LINE_BYTES:,} bytes")
            continue
        yield len(line), line


# -- inputs --------------------------------------------------------------------------------

#: What an import reads: a file or directory path, or a (name, byte stream) pair.
Input: TypeAlias = "str | os.PathLike[str] | tuple[str, IO[bytes]]"


def open_inputs(
    inputs: Sequence[Input],
    suffixes: tuple[str, ...],
) -> Iterator[tuple[str, IO[bytes]]]:
    """
    Each input as a named byte stream, one at a time.

    Files are opened here and closed once the caller moves on; a directory stands for its
    files ending in one of ``suffixes``, in name order (hidden ones left out); a stream
    the caller passed (standard input) is handed through and never closed here.

    Raises:
        InputError: a file cannot be read, or a directory holds no such file.
    """
    for item in inputs:
        if isinstance(item, tuple):
            yield item
            continue
        path = Path(item)
        files = [path]
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.suffix in suffixes and not p.name.startswith(".")
            )
            if not files:
                raise InputError(f"no {' or '.join(suffixes)} files in directory {path}")
        for file in files:
            try:
                stream = file.open("rb")
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror}", file=str(file)) from None
            with stream:
                yield str(file), stream


# -- export file names ---------------------------------------------------------------------

UNSOURCED_FILE = "_unsourced.jsonl"


def source_filename(source: Source | None) -> str:
    """
    The export file for claims of ``source``: a readable slug plus a hash of its key.

    Only letters, digits and '-' survive in the slug, so no name can leave the directory.
    """
    if source is None:
        return UNSOURCED_FILE
    base = source.publisher or (source.url or "").split("//")[-1].split("/")[0]
    base = unicodedata.normalize("NFKC", base).casefold()
    slug = "".join(ch if ch.isalnum() else "-" for ch in base)
    slug = re.sub("-+", "-", slug).strip("-")[:48] or "source"
    digest = hashlib.blake2b(source.key.encode("utf-8"), digest_size=5).hexdigest()
    return f"{slug}-{digest}.jsonl"
