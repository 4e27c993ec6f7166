"""
Reading ClaimReview feeds into claims.

Reads every shape seen in published feeds: a ClaimReview object, an array of them, an
``@graph`` document, a Google Fact Check Tools search response and a plain array of its
claims (as people save them); ``itemReviewed`` as a Claim or as the CreativeWork it
appeared in, ``appearance`` as a list or one object, ``author`` as an object, a name or
a list. Each reviewed claim becomes a Claim per article it appeared in, carrying the
reviews as :class:`~factreg.model.FactCheck` values, its status read from the rating
(:mod:`factreg.claimreview.ratings`).

By default reading is all-or-nothing: the first malformed item raises InputError naming
the file, the JSON path of the item and the field, before anything is registered. With
``skip_invalid`` each malformed review is left out and reported in :attr:`Feed.invalid`
(its path and reason), and the rest is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import IO, Any

import attrs

from factreg.claimreview.dates import date_text, parse_date
from factreg.claimreview.ratings import (
    LabelReader,
    _decode,
    _key,
    _number,
    status_for_rating,
)
from factreg.convert import Input, json_type, open_inputs, parse_json
from factreg.errors import InputError, ValidationError
from factreg.lang import detect_lang
from factreg.model import Claim, FactCheck, RatingValue, Source, Status
from factreg.normalize import fold

#: A feed larger than this is refused before it is parsed.
MAX_FEED_BYTES = 64 * 1024 * 1024
#: Files a directory given to the importer contributes.
FEED_SUFFIXES = (".json", ".jsonld")

_TYPE_PREFIXES = ("", "schema:", "http://schema.org/", "https://schema.org/")
# How long a label a note quotes before it says "…".
_SHOWN_LABEL = 80
_LANG = re.compile(r"([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*")


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

    ``invalid`` are the reviews (or files) left out as malformed when reading with
    ``skip_invalid``, each naming its file, JSON path and problem. ``unknown_labels``
    counts the reviews of each textual rating that gave no status, most frequent first.
    """

    items: tuple[FeedItem, ...] = ()
    notes: tuple[str, ...] = ()
    invalid: tuple[InputError, ...] = ()
    unknown_labels: tuple[tuple[str, int], ...] = ()


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
    inputs: Sequence[Input],
    *,
    labels: Mapping[str, Status | str] | None = None,
    skip_invalid: bool = False,
) -> Feed:
    """
    Read ClaimReview feeds: files, directories of ``*.json``/``*.jsonld``, named byte streams.

    Every input is read and checked before anything is returned, so a caller that
    registers the result writes all of it or, on the first error, nothing. With
    ``skip_invalid`` a malformed review (or a file that is not JSON) is left out and
    reported in :attr:`Feed.invalid`, and the rest is read.

    Raises:
        InputError: the first malformed input or item, naming file, JSON path and field
            (never with ``skip_invalid``, except for a file that cannot be opened).
    """
    reading = _Reading(LabelReader.of(labels), skip_invalid)
    for name, stream in open_inputs(inputs, FEED_SUFFIXES):
        reading.read(stream, name)
    return reading.feed()


def read_feed(
    stream: IO[bytes],
    *,
    name: str,
    labels: Mapping[str, Status | str] | None = None,
    skip_invalid: bool = False,
) -> Feed:
    """
    Read one ClaimReview feed from a byte stream; ``name`` is what messages call it.

    Raises:
        InputError: the feed is malformed, naming ``name``, the JSON path and the field
            (with ``skip_invalid``, the malformed reviews are reported in the result).
    """
    reading = _Reading(LabelReader.of(labels), skip_invalid)
    reading.read(stream, name)
    return reading.feed()


def _error_line(text: str) -> int | None:
    # parse_json names the column only (a JSON Lines line is one line); a feed spans many.
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.lineno
    except (ValueError, RecursionError):
        pass
    return None


class _Reading:
    """
    What the feeds read so far hold: claims, notes, the reviews skipped, unknown labels.
    """

    def __init__(self, labels: LabelReader, skip_invalid: bool) -> None:
        self.labels = labels
        self.skip_invalid = skip_invalid
        self.items: list[FeedItem] = []
        self.notes: list[str] = []
        self.invalid: list[InputError] = []
        # folded label -> (the label as first seen, reviews, file and path of the first)
        self.unknown: dict[str, tuple[str, int, str, str]] = {}

    def problem(self, error: InputError) -> None:
        if not self.skip_invalid:
            raise error
        self.invalid.append(error)

    def read(self, stream: IO[bytes], name: str) -> None:
        data = stream.read(MAX_FEED_BYTES + 1)
        if len(data) > MAX_FEED_BYTES:
            self.problem(InputError(f"larger than {MAX_FEED_BYTES:,} bytes", file=name))
            return
        try:
            text = _decode(data)
        except ValueError as exc:
            self.problem(InputError(str(exc), file=name))
            return
        try:
            document = parse_json(text)
        except ValueError as exc:
            self.problem(InputError(str(exc), file=name, line=_error_line(text)))
            return
        reviews: list[_Review] = []
        for found in _nodes(document):
            try:
                if isinstance(found, _ItemError):
                    raise found
                path, node, nodes, google = found
                if not google:
                    reviews.append(_claim_review(path, node, nodes))
                    continue
                read, errors = _google_claim(path, node)
                reviews.extend(read)
                for error in errors:
                    self.problem(InputError(error.problem, file=name, field=error.path))
            except _ItemError as exc:
                self.problem(InputError(exc.problem, file=name, field=exc.path))
        self.items.extend(self._claims(reviews, name))

    def feed(self) -> Feed:
        unknown = sorted(self.unknown.values(), key=lambda u: -u[1])
        notes = list(self.notes)
        for label, count, file, path in unknown:
            shown = label if len(label) <= _SHOWN_LABEL else label[: _SHOWN_LABEL - 1] + "…"
            claims = (
                "the claim stays"
                if count == 1
                else f"{count} reviews, this the first; their claims stay"
            )
            notes.append(
                f"{file}: {path}: unknown rating label {shown!r}: {claims} unverified "
                "(map the label in a labels file to use it)"
            )
        return Feed(
            items=tuple(self.items),
            notes=tuple(notes),
            invalid=tuple(self.invalid),
            unknown_labels=tuple((label, count) for label, count, _, _ in unknown),
        )

    def _claims(self, reviews: Sequence[_Review], file: str) -> list[FeedItem]:
        """
        One claim per (text, article): reviews of the same text in the same article merge.

        A review naming several appearances gives a claim for each article, all carrying
        the review, as the registry keeps one claim per article that repeats it.
        """
        statuses: list[Status | None] = []
        for review in reviews:
            fc = review.fact_check
            status = _status_of(fc, self.labels) if fc is not None else None
            statuses.append(status)
            where = f"{file}: {review.path}"
            if fc is None:
                self.notes.append(f"{where}: no review: the claim stays unverified")
            elif status is None and fc.label is not None:
                seen, count, in_file, at = self.unknown.get(
                    fold(fc.label), (fc.label, 0, file, review.path)
                )
                self.unknown[fold(fc.label)] = (seen, count + 1, in_file, at)
            elif status is None and fc.rating_value is not None:
                self.notes.append(
                    f"{where}: rating {fc.rating_value!r} has no usable scale and there is "
                    "no label: the claim stays unverified"
                )
            elif status is None:
                self.notes.append(f"{where}: no rating: the claim stays unverified")
        groups: dict[tuple[str, str | None], list[int]] = {}
        for n, review in enumerate(reviews):
            for source in review.sources or (None,):
                groups.setdefault((review.text, source.key if source else None), []).append(n)
        items: list[FeedItem] = []
        for (text, key), members in groups.items():
            first = reviews[members[0]]
            found = list(dict.fromkeys(s for s in (statuses[n] for n in members) if s is not None))
            fact_checks = tuple(
                dict.fromkeys(
                    fc for fc in (reviews[n].fact_check for n in members) if fc is not None
                )
            )
            source = next(s for s in (*first.sources, None) if s is None or s.key == key)
            lang = None if detect_lang(text) else _language(first.lang)
            try:
                claim = Claim.new(
                    text,
                    lang=lang,
                    source=source,
                    claimant=next(
                        (reviews[n].claimant for n in members if reviews[n].claimant), None
                    ),
                    status=found[0] if len(found) == 1 else Status.UNVERIFIED,
                    evidence=tuple(dict.fromkeys(fc.url for fc in fact_checks if fc.url)),
                    fact_checks=fact_checks,
                )
            except ValidationError as exc:
                self.problem(InputError(exc.problem, file=file, field=f"{first.path}: {exc.field}"))
                continue
            if len(found) > 1:
                shown = ", ".join(s.value for s in found)
                self.notes.append(
                    f"{file}: {first.path}: its reviews disagree ({shown}): the claim stays "
                    "unverified"
                )
            items.append(FeedItem(claim=claim, file=file, path=first.path))
        return items


# -- reading: the shapes ---------------------------------------------------------------


_Node = tuple[str, dict[str, Any], Mapping[str, Any], bool]


def _nodes(document: Any) -> Iterator[_Node | _ItemError]:
    """
    Each review-bearing node: (JSON path, node, the @id index of its graph, Fact Check
    Tools shape?), or the error of an item that is none.
    """
    if isinstance(document, dict) and "@type" not in document and "@graph" not in document:
        if "claims" in document:
            claims = document["claims"]
            if not isinstance(claims, list):
                yield _ItemError("$.claims", f"expected a list, got {json_type(claims)}")
                return
            for i, claim in enumerate(claims):
                if isinstance(claim, dict):
                    yield f"$.claims[{i}]", claim, {}, True
                else:
                    yield _ItemError(
                        f"$.claims[{i}]", f"expected an object, got {json_type(claim)}"
                    )
            return
        if not _is_google_claim(document):
            yield _ItemError("$", "not a ClaimReview document: no @type, @graph or claims")
            return
    if not isinstance(document, (dict, list)):
        yield _ItemError("$", f"expected a ClaimReview object or a list, got {json_type(document)}")
        return
    many = isinstance(document, list)
    for i, item in enumerate(document if many else [document]):
        path = f"$[{i}]" if many else "$"
        if not isinstance(item, dict):
            yield _ItemError(path, f"expected a ClaimReview object, got {json_type(item)}")
        elif "@graph" in item and "@type" not in item:
            yield from _graph(_key(path, "@graph"), item["@graph"])
        elif "@type" not in item and _is_google_claim(item):
            # A Fact Check Tools claim, saved without the {"claims": …} around it.
            yield path, item, {}, True
        elif "@type" not in item:
            yield _ItemError(_key(path, "@type"), "is missing (expected ClaimReview)")
        elif not _is_claimreview(item["@type"]):
            yield _ItemError(
                _key(path, "@type"), f"expected ClaimReview, got {json_type(item['@type'])}"
            )
        else:
            yield path, item, {}, False


def _is_google_claim(node: dict[str, Any]) -> bool:
    return "claimReview" in node or ("text" in node and "claimReviewed" not in node)


def _graph(path: str, graph: Any) -> Iterator[_Node | _ItemError]:
    nodes = graph if isinstance(graph, list) else [graph]
    index = {n["@id"]: n for n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    found = False
    for i, node in enumerate(nodes):
        # A page's graph holds its WebPage, Organization, … next to the ClaimReview.
        if isinstance(node, dict) and _is_claimreview(node.get("@type")):
            found = True
            yield f"{path}[{i}]", node, index, False
    if not found:
        yield _ItemError(path, "no ClaimReview in the graph")


def _is_claimreview(kind: Any) -> bool:
    kinds = kind if isinstance(kind, list) else [kind]
    names = {prefix + "ClaimReview" for prefix in _TYPE_PREFIXES}
    return any(isinstance(k, str) and k in names for k in kinds)


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


def _date(node: dict[str, Any], key: str, path: str) -> tuple[date | datetime | None, str | None]:
    """
    The date at ``key``, and the string it was written as when that is not ISO 8601.
    """
    value = node.get(key)
    if value is None or value == "":
        return None, None
    where = _key(path, key)
    if not isinstance(value, str):
        raise _ItemError(where, f"expected a date, got {json_type(value)}")
    try:
        parsed = parse_date(value)
    except ValueError:
        raise _ItemError(where, f"not a date (ISO 8601 or RFC 2822): {value!r}") from None
    return parsed, date_text(parsed, value)


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


def _in_language(node: dict[str, Any], path: str) -> str | None:
    """
    ``inLanguage``: a code ("ar", "en-GB"), or a schema.org Language object (its
    ``alternateName`` is the code; some publishers put it in ``name``).
    """
    value = node.get("inLanguage")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        where = _key(path, "inLanguage")
        return _string(value, "alternateName", where) or _string(value, "name", where)
    return _string({"inLanguage": value}, "inLanguage", path)


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
    # Kept as given even off a usable scale (-1/-1/-1 "not rated"): the label decides.
    value = _rating(rating, "ratingValue", where)
    best = _rating(rating, "bestRating", where)
    worst = _rating(rating, "worstRating", where)
    # Some publishers put the textual rating in Rating.name instead of alternateName.
    label = "alternateName" if rating.get("alternateName") is not None else "name"
    author = _key(path, "author")
    item_path = _key(path, "itemReviewed")
    item = _object(node, "itemReviewed", path, nodes)
    published, published_text = _date(node, "datePublished", path)
    claimed, claimed_text = _date(item, "datePublished", item_path)
    fact_check = _build(
        FactCheck,
        {
            "url": (_key(path, "url"), _string(node, "url", path)),
            "reviewer": (_key(author, "name"), reviewer),
            "reviewer_url": (_key(author, "url"), reviewer_url),
            "published": (_key(path, "datePublished"), published),
            "published_text": (_key(path, "datePublished"), published_text),
            "rating_value": (_key(where, "ratingValue"), value),
            "best_rating": (_key(where, "bestRating"), best),
            "worst_rating": (_key(where, "worstRating"), worst),
            "label": (_key(where, label), _string(rating, label, where)),
            "explanation": (
                _key(where, "ratingExplanation"),
                _string(rating, "ratingExplanation", where),
            ),
            "claim_date": (_key(item_path, "datePublished"), claimed),
            "claim_date_text": (_key(item_path, "datePublished"), claimed_text),
        },
        path,
    )
    claimant, _ = _agent(item, "author", item_path, nodes)
    sources: list[Source] = []
    if item and not _is_claim(item.get("@type")):
        # The older form: the item reviewed is the CreativeWork the claim appeared in.
        source = _source(item, item_path, nodes)
        if source is not None:
            sources.append(source)
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
        lang=_in_language(node, path),
    )


def _is_claim(kind: Any) -> bool:
    # No @type is read as a Claim, schema.org's current form.
    kinds = kind if isinstance(kind, list) else [kind]
    names = {prefix + "Claim" for prefix in _TYPE_PREFIXES}
    return kind is None or any(isinstance(k, str) and k in names for k in kinds)


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
        "published": (_key(path, "datePublished"), _date(value, "datePublished", path)[0]),
        "language": (_key(path, "inLanguage"), _language(_in_language(value, path))),
    }
    if fields["url"][1] is None and publisher is None:
        return None  # nothing identifies an article
    source: Source = _build(Source, fields, path)
    return source


def _google_claim(path: str, node: dict[str, Any]) -> tuple[list[_Review], list[_ItemError]]:
    """
    The reviews of one claim of a Fact Check Tools ``claims:search`` response, and the
    errors of those that are malformed (the claim's other reviews are still read).

    Raises:
        _ItemError: the claim itself is malformed (no text, a bad claim date).
    """
    text = _string(node, "text", path, required=True)
    assert text is not None  # required
    claimant = _string(node, "claimant", path)
    # With no article to date, the claim date is kept on each review, as its
    # itemReviewed.datePublished.
    claimed, claimed_text = _date(node, "claimDate", path)
    reviews = node.get("claimReview", [])
    if not isinstance(reviews, list):
        reviews = [reviews]  # one review, not in a list
    out: list[_Review] = []
    errors: list[_ItemError] = []
    for i, review in enumerate(reviews):
        where = f"{_key(path, 'claimReview')}[{i}]"
        try:
            out.append(_google_review(where, review, text, claimant, claimed, claimed_text))
        except _ItemError as exc:
            errors.append(exc)
    if not out and not errors:
        out.append(
            _Review(path=path, text=text, claimant=claimant, sources=(), fact_check=None, lang=None)
        )
    return out, errors


def _google_review(
    where: str,
    review: Any,
    text: str,
    claimant: str | None,
    claimed: date | datetime | None,
    claimed_text: str | None,
) -> _Review:
    """
    One review (``claimReview[i]``) of a Fact Check Tools claim.
    """
    if not isinstance(review, dict):
        raise _ItemError(where, f"expected an object, got {json_type(review)}")
    path = where.rpartition(".claimReview")[0]
    publisher = _object(review, "publisher", where, {})
    at = _key(where, "publisher")
    site = _string(publisher, "site", at)
    # The API gives the publisher's site as a bare host ("example.org").
    if site is not None and "://" not in site:
        site = "https://" + site.strip().strip("/")
    published, published_text = _date(review, "reviewDate", where)
    fact_check = _build(
        FactCheck,
        {
            "url": (_key(where, "url"), _string(review, "url", where)),
            "reviewer": (_key(at, "name"), _string(publisher, "name", at)),
            "reviewer_url": (_key(at, "site"), site),
            "published": (_key(where, "reviewDate"), published),
            "published_text": (_key(where, "reviewDate"), published_text),
            "label": (_key(where, "textualRating"), _string(review, "textualRating", where)),
            "claim_date": (_key(path, "claimDate"), claimed),
            "claim_date_text": (_key(path, "claimDate"), claimed_text),
        },
        where,
    )
    return _Review(
        path=where,
        text=text,
        claimant=claimant,
        sources=(),
        fact_check=fact_check,
        lang=_string(review, "languageCode", where),
    )


# -- reading: reviews -> claims ----------------------------------------------------------


_LATER_FIELDS = {"published_text": None, "claim_date": None, "claim_date_text": None}


def same_review(a: FactCheck, b: FactCheck) -> bool:
    """
    Whether ``a`` and ``b`` are one published review, read by this version or by one
    that kept neither dates as written nor the claim's date (a feed imported again after
    an upgrade brings its reviews anew, with those fields).
    """
    return a == b or attrs.evolve(a, **_LATER_FIELDS) == attrs.evolve(b, **_LATER_FIELDS)


def _status_of(fact_check: FactCheck, labels: LabelReader) -> Status | None:
    """
    The status a published review gives: its label decides, else its number; else None.

    The label wins because publishers often give every negative verdict one ratingValue
    ("Misleading" and "False" both 1) and mean what the label says. A number outside a
    usable scale (best = worst = -1, "not rated") gives nothing.
    """
    if fact_check.label is not None:
        return labels.status(fact_check.label)
    if fact_check.rating_value is not None:
        try:
            return status_for_rating(
                fact_check.rating_value,
                best=fact_check.best_rating,
                worst=fact_check.worst_rating,
            )
        except ValidationError:
            return None
    return None
