"""
schema.org ClaimReview JSON-LD in and out.

Export writes one ClaimReview per cluster that has a verdict of the organisation's own,
authored by that organisation, and one per fact check imported from elsewhere, reproduced
as its publisher wrote it (value, scale and label exactly). Import reads ClaimReview
objects, arrays of them, ``@graph`` documents and Google Fact Check Tools search responses;
each reviewed claim becomes a Claim per article it appeared in, carrying the reviews as
:class:`~factreg.model.FactCheck` values, its status read from the rating.

Ratings: a verdict maps to ``ratingValue`` 1 (false) .. 5 (true) (:attr:`Status.rating`);
a value on another scale is rescaled to 1..5 for the status only. A textual rating maps
through :data:`LABELS`, looked up case- and diacritic-insensitively (``normalize.fold``);
extend it with :func:`register_label` or a labels file (:func:`load_labels`). The mapping
and its reasons are documented in ``docs/claimreview.md``.

Reading is all-or-nothing: the first malformed item raises InputError naming the file, the
JSON path of the item and the field, before anything is registered.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

import attrs

from factreg.convert import Input, dump_row, json_type, open_inputs, parse_json
from factreg.errors import InputError, ValidationError
from factreg.extract import claimant_kind
from factreg.model import Claim, FactCheck, RatingValue, Source, Status
from factreg.normalize import detect_lang, fold

#: The ``@context`` of every exported review.
SCHEMA = "https://schema.org"
#: The scale factreg rates on (and schema.org's default when a feed gives none).
BEST_RATING = 5
WORST_RATING = 1
#: A feed larger than this is refused before it is parsed.
MAX_FEED_BYTES = 64 * 1024 * 1024
#: Files a directory given to the importer contributes.
FEED_SUFFIXES = (".json", ".jsonld")

#: Textual ratings -> status. Keys are looked up folded (case, accents and tashkeel do not
#: matter; punctuation and spacing neither: "Pants on Fire!" = "pants on fire"). Extend it
#: with :func:`register_label`, which replaces a label that folds alike.
LABELS: dict[str, Status] = {
    # English
    "True": Status.TRUE,
    "Correct": Status.TRUE,
    "Accurate": Status.TRUE,
    "Mostly True": Status.MOSTLY_TRUE,
    "Mostly Correct": Status.MOSTLY_TRUE,
    "Mostly Accurate": Status.MOSTLY_TRUE,
    "Half True": Status.MIXED,
    "Mixed": Status.MIXED,
    "Mixture": Status.MIXED,
    "Partly True": Status.MIXED,
    "Partly False": Status.MIXED,
    "Partially True": Status.MIXED,
    "Partially False": Status.MIXED,
    "Mostly False": Status.MOSTLY_FALSE,
    "Inaccurate": Status.MOSTLY_FALSE,
    "False": Status.FALSE,
    "Incorrect": Status.FALSE,
    "Wrong": Status.FALSE,
    "Fake": Status.FALSE,
    "Fabricated": Status.FALSE,
    "Hoax": Status.FALSE,
    "Pants on Fire": Status.FALSE,
    # Satire read as a statement of fact is not true; the label itself is kept on the
    # FactCheck, so the nuance survives an export.
    "Satire": Status.FALSE,
    "Labeled Satire": Status.FALSE,
    "Misleading": Status.MISLEADING,
    "Missing Context": Status.MISLEADING,
    "Out of Context": Status.MISLEADING,
    "Distorted": Status.MISLEADING,
    "Manipulated": Status.MISLEADING,
    "Altered": Status.MISLEADING,
    "Unproven": Status.UNVERIFIABLE,
    "Unverifiable": Status.UNVERIFIABLE,
    "Unsubstantiated": Status.UNVERIFIABLE,
    "No Evidence": Status.UNVERIFIABLE,
    # Arabic (masculine and feminine forms: fold does not unify ta marbuta)
    "صحيح": Status.TRUE,
    "صحيحة": Status.TRUE,
    "حقيقي": Status.TRUE,
    "دقيق": Status.TRUE,
    "صحيح في معظمه": Status.MOSTLY_TRUE,
    "صحيح إلى حد كبير": Status.MOSTLY_TRUE,
    "نصف صحيح": Status.MIXED,
    "صحيح جزئياً": Status.MIXED,
    "زائف جزئياً": Status.MIXED,
    "خاطئ جزئياً": Status.MIXED,
    "خاطئ في معظمه": Status.MOSTLY_FALSE,
    "خطأ في معظمه": Status.MOSTLY_FALSE,
    "غير دقيق": Status.MOSTLY_FALSE,
    "غير دقيقة": Status.MOSTLY_FALSE,
    "خاطئ": Status.FALSE,
    "خاطئة": Status.FALSE,
    "خطأ": Status.FALSE,
    "غير صحيح": Status.FALSE,
    "كاذب": Status.FALSE,
    "كاذبة": Status.FALSE,
    "زائف": Status.FALSE,
    "زائفة": Status.FALSE,
    "مزيف": Status.FALSE,
    "مزيفة": Status.FALSE,
    "مفبرك": Status.FALSE,
    "مفبركة": Status.FALSE,
    "ملفق": Status.FALSE,
    "ساخر": Status.FALSE,
    "ساخرة": Status.FALSE,
    "محتوى ساخر": Status.FALSE,
    "مضلل": Status.MISLEADING,
    "مضللة": Status.MISLEADING,
    "خارج السياق": Status.MISLEADING,
    "غير مثبت": Status.UNVERIFIABLE,
    "غير مؤكد": Status.UNVERIFIABLE,
    "لا يمكن التحقق منه": Status.UNVERIFIABLE,
    "بلا دليل": Status.UNVERIFIABLE,
}

#: The label an exported review of the organisation's own gives each verdict, by
#: ``inLanguage`` (English for any language not listed). Each maps back through LABELS.
RATING_LABELS: dict[str, dict[Status, str]] = {
    "en": {
        Status.TRUE: "True",
        Status.MOSTLY_TRUE: "Mostly true",
        Status.MIXED: "Mixed",
        Status.MOSTLY_FALSE: "Mostly false",
        Status.FALSE: "False",
        Status.MISLEADING: "Misleading",
        Status.UNVERIFIABLE: "Unverifiable",
    },
    "ar": {
        Status.TRUE: "صحيح",
        Status.MOSTLY_TRUE: "صحيح في معظمه",
        Status.MIXED: "نصف صحيح",
        Status.MOSTLY_FALSE: "خاطئ في معظمه",
        Status.FALSE: "خاطئ",
        Status.MISLEADING: "مضلل",
        Status.UNVERIFIABLE: "لا يمكن التحقق منه",
    },
}

# 1..5 back to a status. Misleading also rates 2 (see model._RATINGS); a bare 2 reads as
# mostly false, and only a label says "misleading".
_FROM_RATING = {
    1: Status.FALSE,
    2: Status.MOSTLY_FALSE,
    3: Status.MIXED,
    4: Status.MOSTLY_TRUE,
    5: Status.TRUE,
}
_TYPE_PREFIXES = ("", "schema:", "http://schema.org/", "https://schema.org/")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LANG = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*")


# -- ratings -------------------------------------------------------------------------------


def register_label(label: str, status: Status | str) -> None:
    """
    Map the textual rating ``label`` to ``status`` from now on, for every import.

    A label already in :data:`LABELS` that folds to the same key is replaced.

    Raises:
        ValidationError: the label has no letters or digits, or the status is unknown.
    """
    key, parsed = _label_key(label), Status.parse(status)
    for known in [k for k in LABELS if fold(k) == key]:
        del LABELS[known]
    LABELS[label] = parsed


def load_labels(path: str | os.PathLike[str]) -> dict[str, Status]:
    """
    Read a labels file: one JSON object mapping textual ratings to statuses.

    Example: ``{"Four Pinocchios": "false", "مضلل جزئياً": "misleading"}``.

    Raises:
        InputError: naming the file and, for a bad entry, the label.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None
    try:
        value = parse_json(_decode(data))
    except ValueError as exc:
        raise InputError(str(exc), file=name) from None
    if not isinstance(value, dict):
        raise InputError("expected a JSON object mapping labels to statuses", file=name)
    out: dict[str, Status] = {}
    for label, status in value.items():
        try:
            _label_key(label)
            if not isinstance(status, str):
                raise ValidationError("status", f"expected a status name, got {status!r}")
            out[label] = Status.parse(status)
        except ValidationError as exc:
            raise InputError(exc.problem, file=name, field=_key("$", label)) from None
    return out


def status_for_label(
    label: str,
    labels: Mapping[str, Status | str] | None = None,
) -> Status | None:
    """
    The status a textual rating maps to, or None for a label the table does not know.

    ``labels`` are looked up before :data:`LABELS` (a labels file given to one import).
    """
    return _label_index(labels).get(fold(label))


def status_for_rating(
    value: RatingValue, *, best: RatingValue | None = None, worst: RatingValue | None = None
) -> Status:
    """
    The status a ``ratingValue`` on the scale ``worst``..``best`` stands for.

    The scale defaults to schema.org's 1..5. A value on another scale (0..10, or an
    inverted one with ``worst`` above ``best``) is rescaled to 1..5 and rounded half up:
    1 false, 2 mostly false, 3 mixed, 4 mostly true, 5 true.

    Raises:
        ValidationError: a value that is not a number, or lies outside its scale.
    """
    number, high, low = _check_scale(value, best, worst)
    position = (number - low) / (high - low)
    return _FROM_RATING[math.floor(WORST_RATING + position * (BEST_RATING - WORST_RATING) + 0.5)]


def rating_label(status: Status, lang: str | None = None) -> str | None:
    """
    The textual rating an exported review gives ``status`` in ``lang``; None for no verdict.
    """
    return RATING_LABELS.get(lang or "en", RATING_LABELS["en"]).get(status)


def _label_key(label: Any) -> str:
    if not isinstance(label, str):
        raise ValidationError("label", f"expected a string, got {label!r}")
    key = fold(label)
    if not key:
        raise ValidationError("label", f"{label!r} has no letters or digits")
    return key


def _label_index(extra: Mapping[str, Status | str] | None) -> dict[str, Status]:
    # Rebuilt per call (a few dozen entries) rather than cached, so an edit of LABELS made
    # by hand is seen as surely as one made through register_label.
    index = {fold(label): status for label, status in LABELS.items()}
    for label, status in (extra or {}).items():
        index[_label_key(label)] = Status.parse(status)
    return index


def _number(value: RatingValue, field: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise ValidationError(field, f"expected a number, got {_show(value)}")
    return number


def _check_scale(
    value: RatingValue | None, best: RatingValue | None, worst: RatingValue | None
) -> tuple[float, float, float]:
    high = BEST_RATING if best is None else _number(best, "bestRating")
    low = WORST_RATING if worst is None else _number(worst, "worstRating")
    if high == low:
        raise ValidationError("bestRating", f"equals worstRating ({_show(high)})")
    number = math.nan if value is None else _number(value, "ratingValue")
    if value is not None and not min(low, high) <= number <= max(low, high):
        raise ValidationError(
            "ratingValue", f"{_show(value)} is outside its scale {_show(low)}..{_show(high)}"
        )
    return number, high, low


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, str) else str(value)


# -- the reviewing organisation ------------------------------------------------------------


def _org_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("org.name", "is empty")
    return value.strip()


def _checked_url(field: str, value: str) -> str:
    # FactCheck checks a URL the way the model checks every URL; the error is renamed.
    try:
        return str(FactCheck(url=value).url)
    except ValidationError as exc:
        raise ValidationError(field, exc.problem) from None


def _org_url(value: Any) -> str | None:
    return _checked_url("org.url", value) if value else None


@attrs.frozen
class Organization:
    """
    Who authors the registry's own reviews: name, home page, and where reviews live.

    ``review_url`` is a template for each review's ``url`` with ``{id}`` standing for the
    id of the claim that carries the verdict (``https://example.org/checks/{id}``).
    Without it a review's url is the home page with ``#<id>``: an address that names the
    review without pretending a page exists.
    """

    name: str = attrs.field(converter=_org_name)
    url: str | None = attrs.field(default=None, converter=_org_url)
    review_url: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.review_url is not None and "{id}" not in self.review_url:
            raise ValidationError("org.review_url", "needs {id} where the claim id goes")
        self.url_for("c-0")  # fail now, not halfway through an export

    def url_for(self, claim_id: str) -> str:
        """
        The ``url`` of the review of the verdict carried by ``claim_id``.

        Raises:
            ValidationError: neither ``review_url`` nor ``url`` is set.
        """
        if self.review_url is not None:
            return _checked_url("org.review_url", self.review_url.replace("{id}", claim_id))
        if self.url is not None:
            return _checked_url("org.url", f"{self.url.split('#')[0]}#{claim_id}")
        raise ValidationError(
            "org.url", "is needed for the url of each review (or give a review url template)"
        )


# -- import --------------------------------------------------------------------------------


@attrs.frozen
class FeedItem:
    """
    One claim read from a feed: a Claim for one article the claim appeared in (or none).

    ``path`` is the JSON path of the first review of the claim in ``file``.
    """

    claim: Claim
    file: str
    path: str


@attrs.frozen
class Feed:
    """
    What a set of feeds holds: the claims in file order, and notes for the user.
    """

    items: tuple[FeedItem, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class _Review:
    """
    One published review as read, before reviews are grouped into claims.
    """

    path: str
    text: str
    claimant: str | None
    sources: tuple[Source, ...]
    fact_check: FactCheck | None
    lang: str | None


class _ItemError(Exception):
    """
    A malformed item: where (JSON path, down to the field) and what is wrong.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def read_feeds(
    inputs: Sequence[Input], *, labels: Mapping[str, Status | str] | None = None
) -> Feed:
    """
    Read ClaimReview feeds: files, directories of ``*.json``/``*.jsonld``, named byte streams.

    Every input is read and checked before anything is returned, so a caller that
    registers the result writes all of it or, on the first error, nothing.

    Raises:
        InputError: the first malformed input or item, naming file, JSON path and field.
    """
    index = _label_index(labels)
    items: list[FeedItem] = []
    notes: list[str] = []
    for name, stream in open_inputs(inputs, FEED_SUFFIXES):
        feed = _read(stream, name, index)
        items.extend(feed.items)
        notes.extend(feed.notes)
    return Feed(items=tuple(items), notes=tuple(notes))


def read_feed(
    stream: IO[bytes], *, name: str, labels: Mapping[str, Status | str] | None = None
) -> Feed:
    """
    Read one ClaimReview feed from a byte stream; ``name`` is what messages call it.

    Raises:
        InputError: the feed is malformed, naming ``name``, the JSON path and the field.
    """
    return _read(stream, name, _label_index(labels))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start + 1}") from None


def _error_line(text: str) -> int | None:
    # parse_json names the column only (a JSON Lines line is one line); a feed spans many.
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno
    except (ValueError, RecursionError):
        pass
    return None


def _read(stream: IO[bytes], name: str, labels: Mapping[str, Status]) -> Feed:
    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        raise InputError(f"larger than {MAX_FEED_BYTES:,} bytes", file=name)
    try:
        text = _decode(data)
    except ValueError as exc:
        raise InputError(str(exc), file=name) from None
    try:
        document = parse_json(text)
    except ValueError as exc:
        raise InputError(str(exc), file=name, line=_error_line(text)) from None
    reviews: list[_Review] = []
    try:
        for path, node, nodes, google in _nodes(document):
            if google:
                reviews.extend(_google_claim(path, node))
            else:
                reviews.append(_claim_review(path, node, nodes))
    except _ItemError as exc:
        raise InputError(exc.problem, file=name, field=exc.path) from None
    notes: list[str] = []
    return Feed(items=tuple(_items(reviews, labels, name, notes)), notes=tuple(notes))


# -- reading: the shapes ---------------------------------------------------------------


def _nodes(document: Any) -> Iterator[tuple[str, dict[str, Any], Mapping[str, Any], bool]]:
    """
    Each review-bearing node: (JSON path, node, the @id index of its graph, Google shape?).
    """
    if isinstance(document, dict) and "@type" not in document and "@graph" not in document:
        if "claims" not in document:
            raise _ItemError("$", "not a ClaimReview document: no @type, @graph or claims")
        claims = document["claims"]
        if not isinstance(claims, list):
            raise _ItemError("$.claims", f"expected a list, got {json_type(claims)}")
        for i, claim in enumerate(claims):
            if not isinstance(claim, dict):
                raise _ItemError(f"$.claims[{i}]", f"expected an object, got {json_type(claim)}")
            yield f"$.claims[{i}]", claim, {}, True
        return
    if not isinstance(document, (dict, list)):
        raise _ItemError("$", f"expected a ClaimReview object or a list, got {json_type(document)}")
    many = isinstance(document, list)
    for i, item in enumerate(document if many else [document]):
        path = f"$[{i}]" if many else "$"
        if not isinstance(item, dict):
            raise _ItemError(path, f"expected a ClaimReview object, got {json_type(item)}")
        if "@graph" in item and "@type" not in item:
            yield from _graph(_key(path, "@graph"), item["@graph"])
            continue
        if "@type" not in item:
            raise _ItemError(_key(path, "@type"), "is missing (expected ClaimReview)")
        if not _is_claimreview(item["@type"]):
            raise _ItemError(
                _key(path, "@type"), f"expected ClaimReview, got {json_type(item['@type'])}"
            )
        yield path, item, {}, False


def _graph(path: str, graph: Any) -> Iterator[tuple[str, dict[str, Any], Mapping[str, Any], bool]]:
    nodes = graph if isinstance(graph, list) else [graph]
    index = {n["@id"]: n for n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    found = False
    for i, node in enumerate(nodes):
        # A page's graph holds its WebPage, Organization, … next to the ClaimReview.
        if isinstance(node, dict) and _is_claimreview(node.get("@type")):
            found = True
            yield f"{path}[{i}]", node, index, False
    if not found:
        raise _ItemError(path, "no ClaimReview in the graph")


def _is_claimreview(kind: Any) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    names = {prefix + "ClaimReview" for prefix in _TYPE_PREFIXES}
    return any(isinstance(k, str) and k in names for k in kinds)


def _key(path: str, key: str) -> str:
    if _NAME.fullmatch(key):
        return f"{path}.{key}"
    return f'{path}["' + key.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def _deref(value: Any, nodes: Mapping[str, Any]) -> Any:
    # In a graph, {"@id": "#org"} stands for the node with that @id.
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and value["@id"] in nodes:
        return {**nodes[value["@id"]], **value}
    return value


def _object(
    node: dict[str, Any],
    key: str,
    path: str,
    nodes: Mapping[str, Any],
) -> dict[str, Any]:
    value = _deref(node.get(key), nodes)
    if isinstance(value, list):
        # Several ratings or authors: the first speaks for the review.
        value = _deref(value[0], nodes) if value else None
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    raise _ItemError(_key(path, key), f"expected an object, got {json_type(value)}")


def _string(
    node: dict[str, Any],
    key: str,
    path: str,
    *,
    required: bool = False,
) -> str | None:
    value = node.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _ItemError(_key(path, key), "is missing")
        return None
    if not isinstance(value, str):
        raise _ItemError(_key(path, key), f"expected a string, got {json_type(value)}")
    return value


def _agent(
    node: dict[str, Any],
    key: str,
    path: str,
    nodes: Mapping[str, Any],
) -> tuple[str | None, str | None]:
    """
    Name and url of a Person or Organization, given as an object or as a bare name.
    """
    value = node.get(key)
    if isinstance(value, list) and value and isinstance(value[0], str):
        value = value[0]  # several authors by name: the first speaks for the review
    if isinstance(value, str):
        return _string({key: value}, key, path), None
    agent = _object(node, key, path, nodes)
    where = _key(path, key)
    return _string(agent, "name", where), _string(agent, "url", where)


def _date(node: dict[str, Any], key: str, path: str) -> date | datetime | None:
    value = node.get(key)
    if value is None or value == "":
        return None
    where = _key(path, key)
    if not isinstance(value, str):
        raise _ItemError(where, f"expected an ISO 8601 date, got {json_type(value)}")
    text = value.strip()
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _ItemError(where, f"not an ISO 8601 date: {value!r}") from None
    # A time without a zone is hours off in some newsroom; its day is what a review needs.
    return parsed if parsed.utcoffset() is not None else parsed.date()


def _rating(node: dict[str, Any], key: str, path: str) -> RatingValue | None:
    value = node.get(key)
    if value is None or value == "":
        return None
    try:
        _number(value, key)
    except ValidationError as exc:
        raise _ItemError(_key(path, key), exc.problem) from None
    if isinstance(value, (str, int, float)):
        return value
    raise _ItemError(_key(path, key), f"expected a number, got {json_type(value)}")


def _language(value: str | None) -> str | None:
    found = _LANG.fullmatch(value.strip()) if value else None
    return found.group(1).lower() if found else None


def _build(kind: type[Any], fields: dict[str, tuple[str, Any]], path: str) -> Any:
    """
    ``kind(**values)`` from ``fields`` (name -> (JSON path, value)); errors at their path.
    """
    try:
        return kind(**{name: value for name, (_, value) in fields.items()})
    except ValidationError as exc:
        name = exc.field.rpartition(".")[2]
        name = {"note": "explanation", "rating": "rating_value"}.get(name, name)
        raise _ItemError(fields.get(name, (path, None))[0], exc.problem) from None


def _claim_review(path: str, node: dict[str, Any], nodes: Mapping[str, Any]) -> _Review:
    text = _string(node, "claimReviewed", path, required=True)
    assert text is not None  # required
    reviewer, reviewer_url = _agent(node, "author", path, nodes)
    where = _key(path, "reviewRating")
    rating = _object(node, "reviewRating", path, nodes)
    value = _rating(rating, "ratingValue", where)
    best = _rating(rating, "bestRating", where)
    worst = _rating(rating, "worstRating", where)
    try:
        _check_scale(value, best, worst)
    except ValidationError as exc:
        raise _ItemError(_key(where, exc.field), exc.problem) from None
    # Some publishers put the textual rating in Rating.name instead of alternateName.
    label = "alternateName" if rating.get("alternateName") is not None else "name"
    author = _key(path, "author")
    fact_check = _build(
        FactCheck,
        {
            "url": (_key(path, "url"), _string(node, "url", path)),
            "reviewer": (_key(author, "name"), reviewer),
            "reviewer_url": (_key(author, "url"), reviewer_url),
            "published": (_key(path, "datePublished"), _date(node, "datePublished", path)),
            "rating_value": (_key(where, "ratingValue"), value),
            "best_rating": (_key(where, "bestRating"), best),
            "worst_rating": (_key(where, "worstRating"), worst),
            "label": (_key(where, label), _string(rating, label, where)),
            "explanation": (
                _key(where, "ratingExplanation"),
                _string(rating, "ratingExplanation", where),
            ),
        },
        path,
    )
    item_path = _key(path, "itemReviewed")
    item = _object(node, "itemReviewed", path, nodes)
    claimant, _ = _agent(item, "author", item_path, nodes)
    claimed = _date(item, "datePublished", item_path)
    sources: list[Source] = []
    for key in ("firstAppearance", "appearance"):
        found = _deref(item.get(key), nodes)
        many = found if isinstance(found, list) else [] if found is None else [found]
        for i, appearance in enumerate(many):
            at = _key(item_path, key) + (f"[{i}]" if isinstance(found, list) else "")
            source = _source(_deref(appearance, nodes), at, nodes)
            if source is not None and all(s.key != source.key for s in sources):
                sources.append(source)
    if sources and claimed is not None and sources[0].published is None:
        # The claim was made when it first appeared.
        sources[0] = attrs.evolve(sources[0], published=claimed)
    return _Review(
        path=path,
        text=text,
        claimant=claimant,
        sources=tuple(sources),
        fact_check=fact_check,
        lang=_string(node, "inLanguage", path),
    )


def _source(value: Any, path: str, nodes: Mapping[str, Any]) -> Source | None:
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict):
        raise _ItemError(path, f"expected a CreativeWork or a URL, got {json_type(value)}")
    by = "publisher" if value.get("publisher") is not None else "author"
    publisher, _ = _agent(value, by, path, nodes)
    fields = {
        "url": (_key(path, "url"), _string(value, "url", path)),
        "publisher": (_key(_key(path, by), "name"), publisher),
        "title": (
            _key(path, "headline"),
            _string(value, "headline", path) or _string(value, "name", path),
        ),
        "published": (_key(path, "datePublished"), _date(value, "datePublished", path)),
        "language": (_key(path, "inLanguage"), _language(_string(value, "inLanguage", path))),
    }
    if fields["url"][1] is None and publisher is None:
        return None  # nothing identifies an article
    source: Source = _build(Source, fields, path)
    return source


def _google_claim(path: str, node: dict[str, Any]) -> list[_Review]:
    """
    The reviews of one claim of a Fact Check Tools ``claims:search`` response.
    """
    text = _string(node, "text", path, required=True)
    assert text is not None  # required
    claimant = _string(node, "claimant", path)
    # Checked, though with no article to date the claim date has no place to go.
    _date(node, "claimDate", path)
    reviews = node.get("claimReview", [])
    if not isinstance(reviews, list):
        raise _ItemError(_key(path, "claimReview"), f"expected a list, got {json_type(reviews)}")
    out: list[_Review] = []
    for i, review in enumerate(reviews):
        where = f"{_key(path, 'claimReview')}[{i}]"
        if not isinstance(review, dict):
            raise _ItemError(where, f"expected an object, got {json_type(review)}")
        publisher = _object(review, "publisher", where, {})
        at = _key(where, "publisher")
        site = _string(publisher, "site", at)
        # The API gives the publisher's site as a bare host ("example.org").
        if site is not None and "://" not in site:
            site = "https://" + site.strip().strip("/")
        fact_check = _build(
            FactCheck,
            {
                "url": (_key(where, "url"), _string(review, "url", where)),
                "reviewer": (_key(at, "name"), _string(publisher, "name", at)),
                "reviewer_url": (_key(at, "site"), site),
                "published": (_key(where, "reviewDate"), _date(review, "reviewDate", where)),
                "label": (_key(where, "textualRating"), _string(review, "textualRating", where)),
            },
            where,
        )
        out.append(
            _Review(
                path=where,
                text=text,
                claimant=claimant,
                sources=(),
                fact_check=fact_check,
                lang=_string(review, "languageCode", where),
            )
        )
    if not out:
        out.append(
            _Review(path=path, text=text, claimant=claimant, sources=(), fact_check=None, lang=None)
        )
    return out


# -- reading: reviews -> claims ----------------------------------------------------------


def _status_of(fact_check: FactCheck, labels: Mapping[str, Status]) -> Status | None:
    """
    The status a published review gives: its label decides, else its number; else None.

    The label wins because publishers often give every negative verdict one ratingValue
    ("Misleading" and "False" both 1) and mean what the label says.
    """
    if fact_check.label is not None:
        return labels.get(fold(fact_check.label))
    if fact_check.rating_value is not None:
        return status_for_rating(
            fact_check.rating_value, best=fact_check.best_rating, worst=fact_check.worst_rating
        )
    return None


def _items(
    reviews: Sequence[_Review], labels: Mapping[str, Status], file: str, notes: list[str]
) -> list[FeedItem]:
    """
    One claim per (text, article): reviews of the same text in the same article merge.

    A review naming several appearances gives a claim for each article, all carrying the
    review, as the registry keeps one claim per article that repeats it.
    """
    statuses: list[Status | None] = []
    for review in reviews:
        fc = review.fact_check
        status = _status_of(fc, labels) if fc is not None else None
        statuses.append(status)
        if fc is None:
            notes.append(f"{file}: {review.path}: no review: the claim stays unverified")
        elif status is None and fc.label is not None:
            notes.append(
                f"{file}: {review.path}: unknown rating label {fc.label!r}: the claim "
                "stays unverified (map the label in a labels file to use it)"
            )
        elif status is None:
            notes.append(f"{file}: {review.path}: no rating: the claim stays unverified")
    groups: dict[tuple[str, str | None], list[int]] = {}
    for n, review in enumerate(reviews):
        for source in review.sources or (None,):
            groups.setdefault((review.text, source.key if source else None), []).append(n)
    items: list[FeedItem] = []
    for (text, key), members in groups.items():
        first = reviews[members[0]]
        found = list(dict.fromkeys(s for s in (statuses[n] for n in members) if s is not None))
        if len(found) > 1:
            shown = ", ".join(s.value for s in found)
            notes.append(
                f"{file}: {first.path}: its reviews disagree ({shown}): the claim stays unverified"
            )
        fact_checks = tuple(
            dict.fromkeys(fc for fc in (reviews[n].fact_check for n in members) if fc is not None)
        )
        source = next(s for s in (*first.sources, None) if s is None or s.key == key)
        lang = None if detect_lang(text) else _language(first.lang)
        try:
            claim = Claim.new(
                text,
                lang=lang,
                source=source,
                claimant=next((reviews[n].claimant for n in members if reviews[n].claimant), None),
                status=found[0] if len(found) == 1 else Status.UNVERIFIED,
                evidence=tuple(dict.fromkeys(fc.url for fc in fact_checks if fc.url)),
                fact_checks=fact_checks,
            )
        except ValidationError as exc:
            raise InputError(exc.problem, file=file, field=f"{first.path}: {exc.field}") from None
        items.append(FeedItem(claim=claim, file=file, path=first.path))
    return items


# -- export --------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Review:
    """
    One exported ClaimReview: its JSON-LD object and the file name it is written under.
    """

    key: str
    data: dict[str, Any]


def imported_verdict(claim: Claim) -> bool:
    """
    Whether ``claim``'s status was read from the published reviews it carries.

    A claim registered from a ClaimReview has its status from that review until a
    reviewer records one of the organisation's own, which raises its version above 1.
    """
    return bool(claim.fact_checks) and claim.version == 1


def own_verdict(members: Iterable[Claim]) -> Claim | None:
    """
    The cluster member carrying the organisation's current verdict, or None.

    As :meth:`Registry.cluster_verdict`: the most recently updated member with a verdict,
    leaving out verdicts read from imported reviews (those are exported as they were
    published, under their own author, never as the organisation's).
    """
    own = [c for c in members if c.status.is_verdict and not imported_verdict(c)]
    return max(own, key=lambda c: (c.updated_at, c.id)) if own else None


def build_reviews(
    claims: Iterable[Claim],
    *,
    org: Organization | None = None,
) -> list[Review]:
    """
    The ClaimReviews of ``claims`` (a whole registry, oldest first), cluster by cluster.

    Per cluster: one review authored by ``org`` when the cluster has a verdict of the
    organisation's own (:func:`own_verdict`); then each imported fact check of its
    claims, reproduced as published, once per fact check and claim text.

    Raises:
        ValidationError: there are reviews of the organisation's own and ``org`` is None.
    """
    clusters: dict[str, list[Claim]] = {}
    carriers: dict[tuple[FactCheck, str], list[Claim]] = {}
    for claim in claims:
        clusters.setdefault(claim.cluster or claim.id, []).append(claim)
        for fc in claim.fact_checks:
            carriers.setdefault((fc, claim.text), []).append(claim)
    verdicts = {root: own_verdict(members) for root, members in clusters.items()}
    wanted = sum(v is not None for v in verdicts.values())
    if wanted and org is None:
        have = "1 cluster has" if wanted == 1 else f"{wanted} clusters have"
        raise ValidationError(
            "org",
            f"{have} verdicts of your own: name the reviewing "
            "organisation to author their reviews "
            "(--org-name and --org-url, or FACTREG_ORG_NAME/FACTREG_ORG_URL)",
        )
    out: list[Review] = []
    done: set[tuple[FactCheck, str]] = set()
    for root, members in clusters.items():
        verdict = verdicts[root]
        if verdict is not None and org is not None:
            out.append(_own_review(verdict, members, org))
        for claim in members:
            for fc in claim.fact_checks:
                if (fc, claim.text) not in done:
                    done.add((fc, claim.text))
                    out.append(_reproduced(fc, carriers[(fc, claim.text)]))
    return out


def _own_review(verdict: Claim, members: Sequence[Claim], org: Organization) -> Review:
    status = verdict.status
    rating: dict[str, Any] = {"@type": "Rating"}
    if status.rating is not None:
        rating.update(ratingValue=status.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    rating["alternateName"] = rating_label(status, verdict.lang)
    rating["ratingExplanation"] = verdict.note
    claimant = verdict.claimant or next((c.claimant for c in members if c.claimant), None)
    data = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": org.url_for(verdict.id),
        "claimReviewed": verdict.text,
        "datePublished": verdict.updated_at.date().isoformat(),
        "inLanguage": verdict.lang,
        "author": _present({"@type": "Organization", "name": org.name, "url": org.url}),
        "reviewRating": _present(rating),
        "itemReviewed": _item_reviewed(members, claimant),
    }
    return Review(key=verdict.id, data=_present(data))


def _reproduced(fc: FactCheck, carriers: Sequence[Claim]) -> Review:
    first = carriers[0]
    rating = _present(
        {
            "@type": "Rating",
            "ratingValue": fc.rating_value,
            "bestRating": fc.best_rating,
            "worstRating": fc.worst_rating,
            "alternateName": fc.label,
            "ratingExplanation": fc.explanation,
        }
    )
    author = _present({"@type": "Organization", "name": fc.reviewer, "url": fc.reviewer_url})
    data = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": fc.url,
        "claimReviewed": first.text,
        "datePublished": _iso(fc.published),
        "inLanguage": first.lang,
        "author": author if len(author) > 1 else None,
        "reviewRating": rating if len(rating) > 1 else None,
        # Only the articles that carry this review: the publisher reviewed those, not the
        # rest of a cluster it never saw.
        "itemReviewed": _item_reviewed(
            carriers, next((c.claimant for c in carriers if c.claimant), None)
        ),
    }
    digest = hashlib.blake2b(repr(attrs.astuple(fc)).encode("utf-8"), digest_size=4)
    return Review(key=f"{first.id}-{digest.hexdigest()}", data=_present(data))


_AUTHOR_TYPES = {"person": "Person", "organization": "Organization"}


def _item_reviewed(claims: Sequence[Claim], claimant: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": "Claim"}
    if claimant is not None:
        # An outlet speaking for itself is an organisation; otherwise the name says: a
        # person, a body, or an unnamed source, written as a bare name ("مصادر مطلعة" is
        # no Person).
        outlet = any(c.source is not None and c.source.publisher == claimant for c in claims)
        kind = "organization" if outlet else claimant_kind(claimant)
        if kind == "anonymous":
            item["author"] = claimant
        else:
            item["author"] = {"@type": _AUTHOR_TYPES[kind], "name": claimant}
    appearances = _appearances(claims)
    if appearances:
        item["datePublished"] = appearances[0].get("datePublished")
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    return _present(item)


def _appearances(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """
    A CreativeWork per article, earliest first (by date, then as registered).

    An article known by publisher and date only (no URL) is an appearance too: it may be
    the first one, and leaving it out would date the claim by a later article.
    """
    seen: dict[str, tuple[Source, datetime]] = {}
    for claim in claims:
        source = claim.source
        if source is not None and source.key not in seen:
            seen[source.key] = (source, claim.created_at)
    ordered = sorted(seen.values(), key=lambda sc: (_when(sc[0].published), sc[1]))
    return [
        _present(
            {
                "@type": "CreativeWork",
                "url": source.url,
                "headline": source.title,
                "datePublished": _iso(source.published),
                "inLanguage": source.language,
                "publisher": {"@type": "Organization", "name": source.publisher}
                if source.publisher
                else None,
            }
        )
        for source, _ in ordered
    ]


def _when(value: date | datetime | None) -> tuple[int, datetime]:
    if value is None:
        return (1, datetime.min.replace(tzinfo=timezone.utc))
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return (0, value)


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def write_reviews(reviews: Sequence[Review], stream: IO[str]) -> int:
    """
    Write ``reviews`` as one JSON array, one review a line; return how many.

    Text is UTF-8 as is (Arabic stays readable); only characters that could reorder or
    drive a terminal are escaped, as in the JSON Lines export.
    """
    lines = [dump_row(review.data) for review in reviews]
    stream.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
    return len(lines)


def write_review_dir(
    reviews: Sequence[Review],
    directory: str | os.PathLike[str],
) -> list[str]:
    """
    Write each review to ``<key>.json`` in ``directory``; return the file names.

    Each file is written to a temporary name and renamed into place, so a web server
    never serves half a review.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for review in reviews:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", review.key) + ".json"
        temporary = root / f".{name}.tmp"
        temporary.write_text(dump_row(review.data) + "\n", encoding="utf-8")
        temporary.replace(root / name)
        names.append(name)
    return names


def json_ld_script(data: Mapping[str, Any]) -> str:
    """
    ``data`` as a ``<script type="application/ld+json">`` element for an HTML page.

    ``<``, ``>`` and ``&`` are escaped inside the JSON, so a claim quoting
    ``</script>`` cannot end the element early.
    """
    text = dump_row(dict(data))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'
