"""
The registry's vocabulary: sources, claims, statuses, matches, judgements and events.

Values are frozen attrs classes with tuple collections; they validate themselves at
construction and raise :class:`~factreg.errors.ValidationError` naming the field. No I/O
happens here and no storage format leaks in: the JSON shape lives in ``convert.py``, the
tables in ``store/``.

Time rule: every datetime factreg keeps is timezone-aware. A naive datetime is refused
(it is ambiguous across newsrooms in different zones); a claim's timestamps are converted
to UTC. A source's ``published`` may be a plain date, which is often all an article gives.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import math
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import attrs

from factreg.errors import ValidationError
from factreg.lang import detect_lang
from factreg.urls import canonical_url

#: Longest claim text accepted. A claim is one statement; whole articles go to ``ingest``.
MAX_TEXT_LENGTH = 20_000
#: Longest short field (claimant, attribution step, publisher, tag, …).
MAX_FIELD_LENGTH = 1_000
#: Highest claim version: fits a 32-bit integer column in every store.
MAX_VERSION = 2**31 - 1

_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32: no i, l, o, u
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
_LANG_RE = re.compile(r"[a-z]{2}")
# A lone surrogate is not Unicode text: it comes from undecodable bytes (a non-UTF-8
# argv or file name) or a "\ud800" escape in JSON, and no store can encode it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class Status(enum.Enum):
    """
    Verification status of a claim; the verdicts map to a ClaimReview rating 1..5.
    """

    UNVERIFIED = "unverified"
    IN_REVIEW = "in_review"
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly_false"
    FALSE = "false"
    MISLEADING = "misleading"
    UNVERIFIABLE = "unverifiable"

    @classmethod
    def parse(cls, value: Status | str) -> Status:
        """
        Accept a Status or its value ("mostly_true"; "mostly-true" and any case too).
        """
        if isinstance(value, Status):
            return value
        if isinstance(value, str):
            key = value.strip().lower().replace("-", "_").replace(" ", "_")
            for status in cls:
                if status.value == key:
                    return status
        names = ", ".join(s.value for s in cls)
        raise ValidationError("status", f"unknown status {value!r} (expected one of: {names})")

    @property
    def is_verdict(self) -> bool:
        """
        True for a reviewer's finding; False while the claim is still open.
        """
        return self not in (Status.UNVERIFIED, Status.IN_REVIEW)

    @property
    def rating(self) -> int | None:
        """
        The ClaimReview ``ratingValue`` on a 1 (false) .. 5 (true) scale, or None.
        """
        return _RATINGS.get(self)


_RATINGS = {
    Status.FALSE: 1,
    Status.MOSTLY_FALSE: 2,
    # Misleading: the facts may hold but the claim leads astray; rated with mostly false,
    # as PolitiFact/AFP-style scales do. A ClaimReview import keeps the original label apart.
    Status.MISLEADING: 2,
    Status.MIXED: 3,
    Status.MOSTLY_TRUE: 4,
    Status.TRUE: 5,
}


class Relation(enum.Enum):
    """
    How a matched claim relates to the one it was matched against.
    """

    SAME = "same"
    """Restates the earlier claim."""
    CONFLICT = "conflict"
    """About the same thing, but a key fact differs (number, date, negation, opposite, name)."""
    RELATED = "related"
    """Similar, not clearly either."""


class Verdict(enum.Enum):
    """
    A reviewer's decision on a pair of claims.
    """

    SAME = "same"
    """One claim: their clusters are joined."""
    DIFFERENT = "different"
    """Not the same claim: never joined, never suggested again."""
    UNSURE = "unsure"
    """Recorded; the pair leaves the queue."""
    CONTRADICTS = "contradicts"
    """A real contradiction: like "different" never joined, and kept as a confirmed conflict."""

    @property
    def keeps_apart(self) -> bool:
        """
        True when the two claims may never share a cluster (different, contradicts).
        """
        return self in (Verdict.DIFFERENT, Verdict.CONTRADICTS)

    @classmethod
    def parse(cls, value: Verdict | str) -> Verdict:
        """
        Accept a Verdict or its value, in any case.
        """
        if isinstance(value, Verdict):
            return value
        for verdict in cls:
            if isinstance(value, str) and verdict.value == value.strip().lower():
                return verdict
        names = ", ".join(v.value for v in cls)
        raise ValidationError("verdict", f"unknown verdict {value!r} (expected one of: {names})")


#: Characters of a derived claim id after "c-" (35 bits); the registry lengthens an id,
#: up to :data:`MAX_ID_LENGTH`, in the rare case another claim already holds it.
ID_LENGTH = 7
MAX_ID_LENGTH = 16


def claim_id_for(text: str, source: Source | None, *, length: int = ID_LENGTH) -> str:
    """
    The id of a claim that brings none, such as ``c-7k2m9qx``: short, typeable, lower case.

    Derived from the article and the text, so the same claim from the same article gets
    the same id on every machine and every re-import; ``length`` base32 characters of a
    hash (Crockford's alphabet: no i, l, o, u to misread).
    """
    digest = int.from_bytes(
        hashlib.blake2b(
            _content_key(text, source).encode("utf-8", "surrogatepass"), digest_size=10
        ).digest(),
        "big",
    )
    chars = []
    for _ in range(min(length, MAX_ID_LENGTH)):
        chars.append(_ID_ALPHABET[digest & 31])
        digest >>= 5
    return "c-" + "".join(chars)


def _content_key(text: str, source: Source | None) -> str:
    # What a claim is, for its derived id and its fingerprint: its article and its text.
    return (source.key if source is not None else "") + "\x1f" + text


def claim_fingerprint(text: str, source: Source | None) -> int:
    """
    A 63-bit hash of a claim's text and source, to find a claim registered already
    under another id cheaply.
    """
    digest = hashlib.blake2b(_content_key(text, source).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def utcnow() -> datetime:
    """
    The current time, aware, in UTC, to the microsecond.
    """
    return datetime.now(timezone.utc)


# -- validators and converters ------------------------------------------------------------


def _check_id(_: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ValidationError(
            attribute.name,
            f"invalid id {value!r}: use 1-64 letters, digits, '.', '_', ':' or '-', "
            "starting with a letter or digit",
        )


def _check_free_text(field: str, value: str, limit: int) -> None:
    if "\x00" in value:
        raise ValidationError(field, "contains a NUL character")
    if not value.isascii() and (found := _SURROGATE.search(value)):  # isascii: no scan
        raise ValidationError(
            field,
            f"contains a lone surrogate (U+{ord(found.group()):04X}): not valid Unicode "
            "text, such as bytes that are not UTF-8",
        )
    if len(value) > limit:
        raise ValidationError(field, f"is {len(value):,} characters long (limit {limit:,})")


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValidationError("text", f"must be a string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValidationError("text", "is empty")
    _check_free_text("text", text, MAX_TEXT_LENGTH)
    return text


def _optional_str(field: str, value: Any, *, limit: int | None = None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(field, f"must be a string, got {type(value).__name__}")
    value = value.strip()
    if limit is None:
        limit = MAX_TEXT_LENGTH if field == "note" else MAX_FIELD_LENGTH
    _check_free_text(field, value, limit)
    return value or None


def _str_tuple(field: str, values: Any, *, url: bool = False) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError(field, "must be a list of strings")
    out: list[str] = []
    for item in values:
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(field, f"items must be non-empty strings, got {item!r}")
        item = item.strip()
        _check_free_text(field, item, MAX_FIELD_LENGTH * (2 if url else 1))
        if url:
            _check_url(field, item)
        out.append(item)
    return tuple(out)


# Named converters, one per field, so the attrs mypy plugin can type the __init__.
def _source_url(value: Any) -> str | None:
    return _optional_str("source.url", value)


def _source_publisher(value: Any) -> str | None:
    return _optional_str("source.publisher", value)


def _source_title(value: Any) -> str | None:
    return _optional_str("source.title", value)


def _claimant(value: Any) -> str | None:
    return _optional_str("claimant", value)


def _note(value: Any) -> str | None:
    return _optional_str("note", value)


def _attribution(values: Any) -> tuple[str, ...]:
    return _str_tuple("attribution", values)


def _evidence(values: Any) -> tuple[str, ...]:
    return _str_tuple("evidence", values, url=True)


def _tags(values: Any) -> tuple[str, ...]:
    return _str_tuple("tags", values)


# Most URLs are plain http(s) ones: matched here, they need no urlsplit (2 µs a call, and
# its cache keeps only 128 URLs). Whatever this matches, urlsplit reads with a scheme
# and a host, so _split_url would accept it too.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?")


def _check_url(field: str, value: str) -> None:
    if not _PLAIN_URL.fullmatch(value):
        _split_url(field, value)


def _split_url(field: str, value: str) -> None:
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.scheme in ("urn", "doi")) or " " in value:
        raise ValidationError(field, f"not an absolute URL: {value!r}")


def _aware(field: str, value: Any) -> None:
    if not isinstance(value, datetime):
        raise ValidationError(field, f"must be a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "naive datetime: give a time zone (e.g. +00:00 or Z)")


def _utc(field: str, value: Any) -> datetime:
    _aware(field, value)
    try:
        return value.astimezone(timezone.utc)  # type: ignore[no-any-return]
    except OverflowError:
        raise ValidationError(field, f"is out of range in UTC: {value.isoformat()}") from None


def _created_at(value: Any) -> datetime:
    return _utc("created_at", value)


def _updated_at(value: Any) -> datetime:
    return _utc("updated_at", value)


def _status(value: Any) -> Status:
    return Status.parse(value)


def _confidence(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError("confidence", f"must be a number 0..1, got {value!r}")
    number = float(value)
    if math.isnan(number) or not 0.0 <= number <= 1.0:
        raise ValidationError("confidence", f"must be between 0 and 1, got {number:g}")
    return number


def _lang(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _LANG_RE.fullmatch(value.strip().lower()):
        raise ValidationError("lang", f"expected an ISO 639-1 code such as 'ar', got {value!r}")
    return value.strip().lower()


# -- the model ----------------------------------------------------------------------------


@attrs.frozen
class Source:
    """
    Where claims were published: one article. Two claims from one article share one Source.

    An article is identified by its URL (compared in canonical form, kept as given);
    without one, by publisher, title and date.
    """

    url: str | None = attrs.field(default=None, converter=_source_url)
    publisher: str | None = attrs.field(default=None, converter=_source_publisher)
    title: str | None = attrs.field(default=None, converter=_source_title)
    published: date | datetime | None = None
    language: str | None = attrs.field(default=None, converter=_lang)

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.publisher is None:
            raise ValidationError("source", "needs a url or a publisher")
        if self.url is not None:
            _check_url("source.url", self.url)
        if isinstance(self.published, datetime):
            _aware("source.published", self.published)
        elif self.published is not None and not isinstance(self.published, date):
            raise ValidationError("source.published", "must be a date or a datetime")

    @functools.cached_property
    def key(self) -> str:
        """
        The identity of the article: its URL in canonical form (:func:`factreg.urls.
        canonical_url`: case of scheme and host, default port, trailing slash, fragment
        and tracking parameters do not count), else publisher, title and date.
        """
        # Cached: an import asks each claim's source for its key a few times over.
        if self.url:
            return canonical_url(self.url)
        published = self.published.isoformat() if self.published else ""
        return f"{self.publisher}\x1f{self.title or ''}\x1f{published}"

    @property
    def published_date(self) -> date | None:
        """
        The publication day, whether ``published`` is a date or a datetime.
        """
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


#: A rating number as its publisher wrote it: a JSON number or a numeric string ("4").
#: Keeping the value as given (1, 1.0 or "1") is what makes an export reproduce it.
RatingValue = int | float | str


def _finite(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _rating_number(value: Any) -> RatingValue | None:
    if value is None:
        return None
    if isinstance(value, str) and _finite(value):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    raise ValidationError("fact_checks.rating", f"must be a number, got {value!r}")


def _fc_url(value: Any) -> str | None:
    url = _optional_str("fact_checks.url", value)
    if url is not None:
        _check_url("fact_checks.url", url)
    return url


def _fc_reviewer(value: Any) -> str | None:
    return _optional_str("fact_checks.reviewer", value)


def _fc_reviewer_url(value: Any) -> str | None:
    url = _optional_str("fact_checks.reviewer_url", value)
    if url is not None:
        _check_url("fact_checks.reviewer_url", url)
    return url


def _fc_label(value: Any) -> str | None:
    # Some publishers put a paragraph in their textual rating: kept whole, as a note is.
    return _optional_str("fact_checks.label", value, limit=MAX_TEXT_LENGTH)


def _fc_text(value: Any) -> str | None:
    return _optional_str("fact_checks.published_text", value)


def _fc_claim_text(value: Any) -> str | None:
    return _optional_str("fact_checks.claim_date_text", value)


def _fc_explanation(value: Any) -> str | None:
    return _optional_str("note", value)


@attrs.frozen
class FactCheck:
    """
    A fact-check of the claim published elsewhere (a ClaimReview), kept exactly as given.

    The rating's value, scale and label stay as the publisher wrote them, so an export
    reproduces them; the claim's ``status`` is what factreg made of them.
    """

    url: str | None = attrs.field(default=None, converter=_fc_url)
    reviewer: str | None = attrs.field(default=None, converter=_fc_reviewer)
    reviewer_url: str | None = attrs.field(default=None, converter=_fc_reviewer_url)
    published: date | datetime | None = None
    rating_value: RatingValue | None = attrs.field(default=None, converter=_rating_number)
    best_rating: RatingValue | None = attrs.field(default=None, converter=_rating_number)
    worst_rating: RatingValue | None = attrs.field(default=None, converter=_rating_number)
    label: str | None = attrs.field(default=None, converter=_fc_label)
    explanation: str | None = attrs.field(default=None, converter=_fc_explanation)
    #: ``published`` as the publisher wrote it, when not in ISO 8601 form
    #: ("Wed, 11 Mar 2020 01:05:52 +0000"): an export gives back what came in.
    published_text: str | None = attrs.field(default=None, converter=_fc_text)
    #: When the claim was made, as the review says (``itemReviewed.datePublished``,
    #: Fact Check Tools ``claimDate``), and as written when not in ISO 8601 form.
    claim_date: date | datetime | None = None
    claim_date_text: str | None = attrs.field(default=None, converter=_fc_claim_text)

    def __attrs_post_init__(self) -> None:
        if isinstance(self.published, datetime):
            _aware("fact_checks.published", self.published)
        if isinstance(self.claim_date, datetime):
            _aware("fact_checks.claim_date", self.claim_date)
        # A scale is kept as given, even an unusable one (best = worst = -1, "not
        # rated", or a value outside it): the status is then read from the label.


def _fact_checks(values: Any) -> tuple[FactCheck, ...]:
    if isinstance(values, FactCheck):
        return (values,)
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValidationError("fact_checks", "must be a list")
    out = tuple(values)
    for item in out:
        if not isinstance(item, FactCheck):
            raise ValidationError("fact_checks", "items must be FactCheck values")
    return out


@attrs.frozen
class Claim:
    """
    One checkable statement, with where it came from and what is known of it.

    ``text`` is kept as it appeared (only surrounding whitespace is dropped) and never
    edited: a changed wording is a new claim linked "same" to the old one. ``attribution``
    is the chain from the publisher to the origin, outermost first (the article's own
    publisher is not repeated in it: an empty chain is the publisher speaking). ``confidence``
    is confidence in the current status, None until assessed. ``fact_checks`` are reviews
    published elsewhere (ClaimReview), kept as given. ``cluster`` is owned by the registry:
    the id of the first claim of the group this one was joined to; ``version`` counts
    changes to the claim's own fields (a change of cluster is logged, not versioned).
    """

    text: str = attrs.field(converter=_text)
    id: str = ""
    lang: str | None = attrs.field(default=None, converter=_lang)
    source: Source | None = None
    claimant: str | None = attrs.field(default=None, converter=_claimant)
    attribution: tuple[str, ...] = attrs.field(default=(), converter=_attribution)
    status: Status = attrs.field(default=Status.UNVERIFIED, converter=_status)
    confidence: float | None = attrs.field(default=None, converter=_confidence)
    note: str | None = attrs.field(default=None, converter=_note)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_evidence)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    fact_checks: tuple[FactCheck, ...] = attrs.field(default=(), converter=_fact_checks)
    created_at: datetime = attrs.field(factory=utcnow, converter=_created_at)
    updated_at: datetime = attrs.field(
        default=attrs.Factory(lambda s: s.created_at, takes_self=True), converter=_updated_at
    )
    version: int = 1
    cluster: str | None = None

    def __attrs_post_init__(self) -> None:
        claim_id, lang = _identity(self.text, self.id, self.source, self.lang)
        if claim_id != self.id:
            object.__setattr__(self, "id", claim_id)
        if lang != self.lang:
            object.__setattr__(self, "lang", lang)
        if self.updated_at < self.created_at:
            raise ValidationError("updated_at", "is earlier than created_at")
        if (
            isinstance(self.version, bool)
            or not isinstance(self.version, int)
            or not 1 <= self.version <= MAX_VERSION
        ):
            raise ValidationError(
                "version", f"must be a whole number from 1 to {MAX_VERSION:,}, got {self.version!r}"
            )
        if self.cluster is not None:
            _check_id(None, attrs.fields(Claim).cluster, self.cluster)

    @classmethod
    def new(cls, text: str, **fields: Any) -> Claim:
        """
        A new claim, created now, its id derived from its source and text unless
        ``fields`` give one; ``fields`` are any other attributes.
        """
        return cls(text=text, **fields)

    @classmethod
    def _plain(
        cls, text: Any, id: str = "", lang: Any = None, source: Any = None, claimant: Any = None
    ) -> Claim:
        """
        ``Claim(text=text, id=id, lang=lang, source=source, claimant=claimant)``, every
        other field at its default, built in half the time: an import's common line.

        The same checks run in the same order, but the defaults, valid by construction,
        skip their converters, and the fields are set at once rather than one call each.
        """
        text = _text(text)
        lang = _lang(lang)
        claimant = _claimant(claimant)
        id, lang = _identity(text, id, source, lang)
        now = utcnow()
        claim = object.__new__(cls)
        claim.__setstate__(  # type: ignore[attr-defined]  # attrs adds it to slots classes
            (
                text,
                id,
                lang,
                source,
                claimant,
                (),
                Status.UNVERIFIED,
                None,
                None,
                (),
                (),
                (),
                now,
                now,
                1,
                None,
            )
        )
        return claim


_ID_FIELD = attrs.fields(Claim).id


def _identity(
    text: str,
    claim_id: str,
    source: Any,
    lang: str | None,
) -> tuple[str, str | None]:
    """
    A new claim's id (derived when empty) and language (detected when None), checked.
    """
    if source is not None and not isinstance(source, Source):
        raise ValidationError("source", "must be a Source")
    if not claim_id:
        claim_id = claim_id_for(text, source)
    _check_id(None, _ID_FIELD, claim_id)
    return claim_id, lang if lang is not None else detect_lang(text)


@attrs.frozen
class Match:
    """
    A scored candidate for "the same claim as this one", with readable reasons.
    """

    claim: Claim
    score: float
    relation: Relation
    reasons: tuple[str, ...] = ()

    @property
    def claim_id(self) -> str:
        """
        The id of the matched (earlier) claim.
        """
        return self.claim.id


def _verdict(value: Verdict | str) -> Verdict:
    return Verdict.parse(value)


@attrs.frozen
class Judgement:
    """
    A reviewer's decision on a pair of claims. Never deleted; the latest one counts.

    The pair is unordered and stored with ``a < b``.
    """

    a: str = attrs.field(validator=_check_id)
    b: str = attrs.field(validator=_check_id)
    verdict: Verdict = attrs.field(converter=_verdict)
    reviewer: str
    at: datetime = attrs.field(factory=utcnow)
    note: str | None = attrs.field(default=None, converter=_note)

    def __attrs_post_init__(self) -> None:
        if self.a == self.b:
            raise ValidationError("pair", "a claim cannot be judged against itself")
        if self.a > self.b:
            a, b = self.b, self.a
            object.__setattr__(self, "a", a)
            object.__setattr__(self, "b", b)
        _aware("at", self.at)


@attrs.frozen
class Suggestion:
    """
    A pair of claims the matcher thinks may be the same, awaiting a reviewer's judgement.

    ``claim_id`` is the newer claim, ``other_id`` the earlier one it was matched to.
    """

    claim_id: str
    other_id: str
    score: float
    relation: Relation
    reasons: tuple[str, ...]
    created_at: datetime


@attrs.frozen
class Event:
    """
    One line of the append-only audit log: who changed what on which claim, and when.

    ``before`` and ``after`` hold only the fields the action touched; ``version`` is the
    claim's version after a change to the claim itself (None for links and judgements).
    """

    claim_id: str
    action: str
    actor: str
    at: datetime = attrs.field(factory=utcnow)
    version: int | None = None
    before: dict[str, Any] | None = attrs.field(default=None, hash=False)
    after: dict[str, Any] | None = attrs.field(default=None, hash=False)
    seq: int | None = None
