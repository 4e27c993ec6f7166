"""
Verdict words: finding the verdict inside a textual rating that is no label of the table.

A publisher's rating is often longer than a label: "False. The video shows …", «… قرر
الفريق تصنيف الادعاء على أنه مضلل». :class:`Lexicon` scans such a rating, on folded words
(``normalize.fold``: case, alef forms, ta marbuta, tashkeel and tatweel already do not
matter), for the words of ``factreg/data/claimreview/verdict-words.tsv``:

- verdict words, looked up by their *form key*: an Arabic word without one ending of the
  table (feminine «ـة», accusative «ـاً», plurals «ـات»/«ـون»/«ـين»), so «مضللة»، «مضللاً»
  and «مضللين» are found by «مضلل»; and, on a word no form of which is a verdict word,
  without a prefix joined to it (conjunctions «و»، «ف»; the article «ال» and the
  prepositions «ب»، «ل», after which a word that says true describes a noun: «السياق
  الصحيح» is the right context, no verdict);
- negations ("not", «غير»، «مش»), which turn a true verdict word within two words after
  them into false and make any other say nothing ("not false"); a hedge right before the
  verdict word ("not quite right", "not entirely accurate") makes it mostly false;
- words that say true only when negated ("isn't real", «لا صحة»): alone, no verdict;
- qualifiers next to a verdict word: partial ("partly", «جزئياً») makes a true or false
  verdict mixed, "mostly" ("largely", «في معظمه») makes it mostly true or mostly false;
- cue words announcing the verdict ("rated", «تصنيف»، «على أنه») and contrast cues
  ("but", «لكن», "mais"), which decide between verdict words that disagree;
- joiners ("and", "or", "et", and nothing at all: "Satire/Manipulated image"), which make
  verdict words next to each other one joined verdict ("False and misleading", see
  :func:`joined_status`).

How a rating is then read is :class:`factreg.claimreview.ratings.LabelReader`'s business.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import attrs

from factreg.model import Status
from factreg.normalize import fold

#: Shortest Arabic stem an ending or a prefix may leave («خطأ» keeps its alef).
MIN_STEM = 3

_ARABIC = re.compile(r"[\u0621-\u064a]")
_TRUTHFUL = frozenset({Status.TRUE, Status.MOSTLY_TRUE})
_PARTIAL_OF = {
    Status.TRUE: Status.MIXED,
    Status.MOSTLY_TRUE: Status.MIXED,
    Status.FALSE: Status.MIXED,
    Status.MOSTLY_FALSE: Status.MIXED,
}
_MOSTLY_OF = {Status.TRUE: Status.MOSTLY_TRUE, Status.FALSE: Status.MOSTLY_FALSE}
# Joined verdicts that say false in different degrees: the strongest speaks for the label.
_FALSE_SIDE = (
    Status.FALSE,
    Status.MOSTLY_FALSE,
    Status.MISLEADING,
    Status.MIXED,
    Status.UNVERIFIABLE,
)

# The roles of verdict-words.tsv that are no status.
NEGATION = "negation"
NEGATABLE = "negatable"
CUE = "cue"
CONTRAST = "contrast"
PARTIAL = "partial"
MOSTLY = "mostly"
PREFIX = "prefix"
ATTRIBUTIVE = "attributive"
ENDING = "ending"
HEDGE = "hedge"
JOINER = "joiner"
_QUALIFIERS = {PARTIAL: _PARTIAL_OF, MOSTLY: _MOSTLY_OF}
_PHRASE_ROLES = (NEGATABLE, CUE, CONTRAST, PARTIAL, MOSTLY)


def data_table(name: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """
    The rows of a tab-separated table of ``factreg/data/claimreview/``, with their line
    numbers.

    Lines starting with ``#`` are comments; the first other line names the columns,
    which must be ``columns``.
    """
    where = resources.files("factreg") / "data" / "claimreview" / name
    rows: list[tuple[int, dict[str, str]]] = []
    header: list[str] | None = None
    for number, line in enumerate(where.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if tuple(header) != columns:
                raise ValueError(f"{name}:{number}: expected the columns {', '.join(columns)}")
            continue
        if len(cells) != len(columns) or not all(c.strip() == c and c for c in cells):
            raise ValueError(f"{name}:{number}: expected {len(columns)} non-empty cells")
        rows.append((number, dict(zip(columns, cells, strict=True))))
    return rows


def form_key(word: str, endings: Iterable[str]) -> str:
    """
    The form a folded word is looked up by: an Arabic word without the first of
    ``endings`` (longest first) it ends with, if at least :data:`MIN_STEM` letters remain.
    """
    if _ARABIC.search(word):
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                return word[: -len(ending)]
    return word


@attrs.frozen
class Match:
    """
    Verdict words found at ``start``..``end`` (word positions); ``status`` None for a
    negated verdict that says nothing ("not false").
    """

    start: int
    end: int
    status: Status | None


@attrs.frozen
class Scan:
    """
    What a rating's words hold: its verdict words in order, and where its cue and contrast
    words are (a contrast word is also a cue).
    """

    matches: tuple[Match, ...]
    cues: tuple[int, ...]
    contrasts: tuple[int, ...]
    #: Whether the verdict words (two or more) stand next to each other, with only
    #: joiners between them ("False and misleading", "Truth! & Unproven!").
    joined: bool = False

    def agreed(self) -> Status | None:
        """
        The one status every verdict word gives, or None (none, a negated one, or two).
        """
        found = {m.status for m in self.matches}
        return found.pop() if len(found) == 1 else None


@attrs.frozen
class Lexicon:
    """
    The words :func:`scan` looks for, by form key (:func:`form_key` of each folded word).
    """

    words: Mapping[str, Status]
    roles: Mapping[str, str]
    negations: frozenset[str]
    hedges: frozenset[str]
    joiners: frozenset[str]
    prefixes: tuple[str, ...]
    attributives: tuple[str, ...]
    endings: tuple[str, ...]
    longest: int

    @classmethod
    def load(cls) -> Lexicon:
        """
        The lexicon of ``verdict-words.tsv``.

        Raises:
            ValueError: a row with an unknown role, or whose word has the form key of
                another.
        """
        rows = data_table("verdict-words.tsv", ("word", "language", "role"))
        endings = tuple(
            sorted((fold(r["word"]) for _, r in rows if r["role"] == ENDING), key=len)[::-1]
        )
        words: dict[str, Status] = {}
        roles: dict[str, str] = {}
        negations: set[str] = set()
        single: dict[str, set[str]] = {HEDGE: set(), JOINER: set()}
        affixes: dict[str, list[str]] = {PREFIX: [], ATTRIBUTIVE: []}
        for number, row in rows:
            role, folded = row["role"], fold(row["word"])
            where = f"verdict-words.tsv:{number}: {row['word']!r}"
            if role == ENDING:
                continue
            if role in affixes:
                affixes[role].append(folded)
                continue
            if role in single:
                single[role].add(folded)
                continue
            key = " ".join(form_key(w, endings) for w in folded.split())
            if not key or key in words or key in roles or key in negations:
                raise ValueError(f"{where} is empty or has the form of another word")
            if role == NEGATION:
                negations.add(key)
            elif role in _PHRASE_ROLES:
                roles[key] = role
            else:
                try:
                    words[key] = Status.parse(role)
                except ValueError:
                    raise ValueError(f"{where}: unknown role {role!r}") from None
        longest = max(len(k.split()) for k in (*words, *roles))
        return cls(
            words=MappingProxyType(words),
            roles=MappingProxyType(roles),
            negations=frozenset(negations),
            hedges=frozenset(single[HEDGE]),
            joiners=frozenset(single[JOINER]),
            prefixes=tuple(sorted(affixes[PREFIX], key=len, reverse=True)),
            attributives=tuple(sorted(affixes[ATTRIBUTIVE], key=len, reverse=True)),
            endings=endings,
            longest=longest,
        )

    def key(self, text: str) -> str:
        """
        The form key of a phrase: each folded word by :func:`form_key`.
        """
        return " ".join(form_key(w, self.endings) for w in fold(text).split())

    def with_words(self, extra: Mapping[str, Status]) -> Lexicon:
        """
        This lexicon with ``extra`` phrases (one call's own labels) as verdict words too.
        """
        if not extra:
            return self
        words = dict(self.words)
        words.update({self.key(phrase): status for phrase, status in extra.items()})
        words.pop("", None)
        longest = max(self.longest, *(len(k.split()) for k in words))
        return attrs.evolve(self, words=MappingProxyType(words), longest=longest)

    def scan(self, folded: list[str]) -> Scan:
        """
        The verdict words of the folded words ``folded``, the longest phrase first, with
        negations, qualifiers and attributive articles applied, and the cue positions.
        """
        forms = [form_key(w, self.endings) for w in folded]
        found: list[Match] = []
        qualifiers: list[tuple[int, int, str]] = []
        cues: list[int] = []
        contrasts: list[int] = []
        i = 0
        while i < len(forms):
            hit = self._phrase_at(folded, forms, i)
            if hit is None:
                i += 1
                continue
            size, role, status = hit
            end = i + size
            if status is not None:
                before = folded[max(0, i - 2) : i]
                found.append(Match(i, end, self._negated(status, before, folded[end : end + 1])))
            elif role == NEGATABLE:
                before = folded[max(0, i - 2) : i]
                if self._is_negated(before):
                    after = folded[end : end + 1]
                    found.append(Match(i, end, self._negated(Status.TRUE, before, after)))
            elif role in (CUE, CONTRAST):
                cues.append(i)
                if role == CONTRAST:
                    contrasts.append(i)
            elif role in _QUALIFIERS:
                qualifiers.append((i, end, role))
            i = end
        matches = tuple(_qualified(m, qualifiers) for m in found)
        joined = len(matches) > 1 and all(
            all(word in self.joiners for word in folded[a.end : b.start])
            for a, b in itertools.pairwise(matches)
        )
        return Scan(matches=matches, cues=tuple(cues), contrasts=tuple(contrasts), joined=joined)

    def _phrase_at(
        self, folded: list[str], forms: list[str], i: int
    ) -> tuple[int, str | None, Status | None] | None:
        # The longest phrase of the lexicon at word i: (size, role, status).
        attributive = i > 0 and folded[i - 1] in self.attributives
        for size in range(min(self.longest, len(forms) - i), 0, -1):
            rest = forms[i + 1 : i + size]
            for first, truthful in self._first_forms(folded[i], forms[i]):
                phrase = " ".join([first, *rest])
                status = self.words.get(phrase)
                if status is not None:
                    if status in _TRUTHFUL and (attributive or not truthful):
                        continue
                    return size, None, status
                role = self.roles.get(phrase)
                if role is not None:
                    return size, role, None
        return None

    def _first_forms(self, word: str, form: str) -> list[tuple[str, bool]]:
        # The forms a phrase's first word is looked up by: as written, then without a
        # prefix joined to it; False where what follows the prefix cannot say true.
        forms = [(form, True)]
        if _ARABIC.search(word):
            for prefixes, truthful in ((self.attributives, False), (self.prefixes, True)):
                for prefix in prefixes:
                    if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
                        forms.append((form_key(word[len(prefix) :], self.endings), truthful))
        return forms

    def _is_negated(self, before: list[str]) -> bool:
        # A negation among the words ``before``, alone or after a conjunction («وليس»).
        return any(
            form in self.negations
            or any(form.startswith(p) and form[len(p) :] in self.negations for p in self.prefixes)
            for form in (form_key(word, self.endings) for word in before)
        )

    def _negated(self, status: Status, before: list[str], after: list[str]) -> Status | None:
        # "not true", «ليس صحيحاً» are false, "not quite right", «ليس صحيحاً تماماً» (a
        # hedge right before or after the word) mostly false; "not false" gives no verdict.
        if not self._is_negated(before):
            return status
        if status not in _TRUTHFUL:
            return None
        hedged = before[-1] in self.hedges or bool(after and after[0] in self.hedges)
        return Status.MOSTLY_FALSE if hedged else Status.FALSE


def _qualified(match: Match, qualifiers: list[tuple[int, int, str]]) -> Match:
    # A qualifier right before or after a verdict word turns it: "partly untrue" is mixed,
    # «خاطئ في معظمه» mostly false.
    if match.status is None:
        return match
    for start, end, role in qualifiers:
        if end == match.start or start == match.end:
            turned = _QUALIFIERS[role].get(match.status)
            if turned is not None:
                return attrs.evolve(match, status=turned)
    return match


def joined_status(statuses: Iterable[Status]) -> Status:
    """
    The verdict of verdict words joined in one label ("False and misleading",
    "Truth! & Outdated!"): a true verdict joined to a misleading one is misleading, to any
    other mixed ("Truth! & Fiction!"); verdicts that all fall short of true give the
    strongest of them (false, then mostly false, misleading, mixed, unverifiable).
    """
    found = set(statuses)
    rest = found - _TRUTHFUL
    if found & _TRUTHFUL and rest:
        return Status.MISLEADING if rest == {Status.MISLEADING} else Status.MIXED
    return next(s for s in (*_FALSE_SIDE, Status.TRUE, Status.MOSTLY_TRUE) if s in found)


#: The lexicon of ``factreg/data/claimreview/verdict-words.tsv``, loaded once.
LEXICON = Lexicon.load()
