"""
Ratings: ClaimReview numbers and textual labels <-> factreg statuses.

A verdict maps to ``ratingValue`` 1 (false) .. 5 (true) (:attr:`Status.rating`); a value
on another scale is rescaled to 1..5 for the status only. A textual rating maps through
:data:`LABELS`, looked up case- and diacritic-insensitively (``normalize.fold``); a
rating that is no label of the table (a paragraph, "False. The video shows …") is read by
the verdict words it contains (:data:`VERDICT_WORDS`, :mod:`~factreg.claimreview.verdicts`:
word forms, negation, qualifiers, cues). The table is
package data (``factreg/data/claimreview/labels.tsv``), loaded once and
read-only: an import that needs more labels passes its own table (``labels=``, or a
labels file read with :func:`load_labels`), looked up before the built-in one, for that
call only. The mapping and its reasons are documented in ``docs/claimreview.md``.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from factreg.claimreview.verdicts import LEXICON, Lexicon, Scan, data_table, joined_status
from factreg.convert import parse_json
from factreg.errors import InputError, ValidationError
from factreg.model import RatingValue, Status
from factreg.normalize import fold

#: The scale factreg rates on (and schema.org's default when a feed gives none).
BEST_RATING = 5
WORST_RATING = 1

# 1..5 back to a status. Misleading also rates 2 (see model._RATINGS); a bare 2 reads as
# mostly false, and only a label says "misleading".
_FROM_RATING = {
    1: Status.FALSE,
    2: Status.MOSTLY_FALSE,
    3: Status.MIXED,
    4: Status.MOSTLY_TRUE,
    5: Status.TRUE,
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LANGUAGE = re.compile(r"[a-z]{2}")


# -- the tables -------------------------------------------------------------------------------


def _load_labels() -> tuple[Mapping[str, Status], Mapping[str, str]]:
    labels: dict[str, Status] = {}
    languages: dict[str, str] = {}
    seen: dict[str, str] = {}
    for number, row in data_table("labels.tsv", ("label", "language", "status")):
        label, key = row["label"], fold(row["label"])
        where = f"labels.tsv:{number}"
        if not key:
            raise ValueError(f"{where}: {label!r} has no letters or digits")
        if key in seen:
            raise ValueError(f"{where}: {label!r} folds like {seen[key]!r}")
        if not _LANGUAGE.fullmatch(row["language"]):
            raise ValueError(f"{where}: language {row['language']!r} is not ISO 639-1")
        seen[key] = label
        labels[label] = Status.parse(row["status"])
        languages[label] = row["language"]
    return MappingProxyType(labels), MappingProxyType(languages)


def _load_own_labels() -> Mapping[str, Mapping[Status, str]]:
    tables: dict[str, dict[Status, str]] = {}
    for number, row in data_table("own-labels.tsv", ("language", "status", "label")):
        status = Status.parse(row["status"])
        table = tables.setdefault(row["language"], {})
        if not status.is_verdict or status in table:
            raise ValueError(f"own-labels.tsv:{number}: {status.value} is no verdict, or twice")
        table[status] = row["label"]
    if "en" not in tables:
        raise ValueError("own-labels.tsv: English (en), the fallback, is missing")
    return MappingProxyType({lang: MappingProxyType(t) for lang, t in tables.items()})


#: Textual ratings -> status, read-only (``factreg/data/claimreview/labels.tsv``). Keys are
#: looked up folded (case, accents and tashkeel do not matter; punctuation and spacing
#: neither: "Pants on Fire!" = "pants on fire"). To map more labels, give an import its
#: own table (``labels=``), looked up first.
LABELS: Mapping[str, Status]
#: The language each label of :data:`LABELS` is written in (ISO 639-1).
LABEL_LANGUAGES: Mapping[str, str]
LABELS, LABEL_LANGUAGES = _load_labels()

#: The label an exported review of the organisation's own gives each verdict, by
#: ``inLanguage`` (English for any language not listed), read-only
#: (``factreg/data/claimreview/own-labels.tsv``). Each maps back through LABELS.
RATING_LABELS: Mapping[str, Mapping[Status, str]] = _load_own_labels()

# The built-in table by folded label, built once; a call's own labels go over a copy.
_FOLDED: Mapping[str, Status] = MappingProxyType({fold(k): s for k, s in LABELS.items()})


# Where a label's first sentence ends: "False. The video shows …", «مضلل، الفيديو قديم».
_HEAD_END = re.compile(r"[.,!?:;؛،|\n]|\s[-–—]\s")
_TRUTHFUL = frozenset({Status.TRUE, Status.MOSTLY_TRUE})
# Marks that join a second verdict to a first sentence: "Truth! & Unproven!".
_JOIN_MARKS = "&/+"

#: Words and phrases that give a verdict inside a longer textual rating, by form key
#: (:func:`factreg.claimreview.verdicts.form_key`), with the status they give, read-only
#: (``factreg/data/claimreview/verdict-words.tsv``, which also lists the negations,
#: qualifiers, cues, prefixes and endings the reading uses).
VERDICT_WORDS: Mapping[str, Status] = LEXICON.words


@attrs.frozen
class LabelReader:
    """
    Reads textual ratings into statuses: a label of the table, else its first sentence,
    else its verdict words (:class:`~factreg.claimreview.verdicts.Lexicon`).

    ``index`` is the table by folded label (:func:`label_index`); the labels of one
    call's own table are verdict words too.
    """

    index: Mapping[str, Status]
    lexicon: Lexicon

    @classmethod
    def of(cls, labels: Mapping[str, Status | str] | None = None) -> LabelReader:
        """
        The reader for :data:`LABELS` with ``labels`` (one call's own table) over it.

        Raises:
            ValidationError: as :func:`label_index`.
        """
        index = label_index(labels)
        if index is _FOLDED:
            return _READER
        own = {label: index[fold(label)] for label in labels or {}}
        return cls(index=index, lexicon=LEXICON.with_words(own))

    def status(self, label: str) -> Status | None:
        """
        The status ``label`` gives, or None (no verdict word, or ones that disagree).
        """
        key = fold(label)
        found = self.index.get(key)
        if found is not None:
            return found
        head, *rest = _HEAD_END.split(label.strip(), maxsplit=1)
        head_key = fold(head) if head else ""
        scan = self.lexicon.scan(key.split())
        if head_key and rest:
            found = self.index.get(head_key)
            head_scan = self.lexicon.scan(head_key.split())
            if found is None and not head_scan.cues and label.strip()[len(head)] in ".!?:;؛":
                # "This is not correct. …", "This is not quite right; …": a first
                # sentence (not a clause: "The video is true, its caption false" says two
                # things) that is a verdict, not one that announces it («تبين أن …»),
                # which the whole label decides.
                found = head_scan.agreed()
        if (
            found is not None
            and not (scan.cues and scan.cues[0] == len(head_key.split()))
            and not self._joins(rest[0])
        ):
            # "False. The video shows …"; not "Correct, but misleading", whose verdict
            # comes after the cue, nor "Truth! & Unproven!", one joined verdict.
            return found
        return _decide(scan)

    def _joins(self, rest: str) -> bool:
        # Whether what follows a first sentence joins another verdict to it: "& …", "and …".
        rest = rest.lstrip()
        words = fold(rest).split()
        return rest[:1] in _JOIN_MARKS or bool(words and words[0] in self.lexicon.joiners)

    def has_verdict_word(self, label: str) -> bool:
        """
        Whether ``label`` is a label of the table or contains a verdict word.
        """
        key = fold(label)
        return key in self.index or bool(self.lexicon.scan(key.split()).matches)


def _decide(scan: Scan) -> Status | None:
    """
    The status of a rating's verdict words: the one they agree on ("True, but …" with
    nothing after the contrast is misleading: a true claim that misleads); when they
    disagree, the first after the last cue that has one after it; else, if they stand
    joined ("False and misleading"), their joined verdict (:func:`joined_status`); else
    None.
    """
    agreed = scan.agreed()
    if agreed is not None:
        last = scan.matches[-1].start
        if agreed in _TRUTHFUL and any(at > last for at in scan.contrasts):
            return Status.MISLEADING
        return agreed
    for cue in reversed(scan.cues):
        after = [m.status for m in scan.matches if m.start > cue and m.status is not None]
        if after:
            return after[0]
    if scan.joined and all(m.status is not None for m in scan.matches):
        return joined_status(m.status for m in scan.matches if m.status is not None)
    return None


_READER = LabelReader(index=_FOLDED, lexicon=LEXICON)


# -- lookups ----------------------------------------------------------------------------------


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
    A rating that is no label of the table is read by its first sentence ("False. The
    video shows …"), else by the verdict words it contains (:data:`VERDICT_WORDS`):
    Arabic word forms and prefixes («مضللة»، «وزائف»), negation («غير صحيح» and "not true"
    are false), qualifiers («صحيح جزئياً» is mixed, "largely accurate" mostly true) are
    read (:mod:`factreg.claimreview.verdicts`). A true verdict followed by "but" and no
    other verdict is misleading; when verdict words disagree, the first after the last
    cue word followed by one ("rated", «تصنيف», "but", «إلا أن») decides, and without one
    the rating gives no status.
    """
    return LabelReader.of(labels).status(label)


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


def label_index(labels: Mapping[str, Status | str] | None = None) -> Mapping[str, Status]:
    """
    The table a lookup uses, by folded label: :data:`LABELS`, with ``labels`` (one call's
    own table) over it.

    Raises:
        ValidationError: a label of ``labels`` has no letters or digits, or its status is
            unknown.
    """
    if not labels:
        return _FOLDED
    index = dict(_FOLDED)
    for label, status in labels.items():
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


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start + 1}") from None


def _key(path: str, key: str) -> str:
    # The JSON path of ``key`` in the object at ``path``: $.name, or $["a key"].
    if _NAME.fullmatch(key):
        return f"{path}.{key}"
    return f'{path}["' + key.replace("\\", "\\\\").replace('"', '\\"') + '"]'
