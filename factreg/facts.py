"""
Text -> the facts relate() compares: numbers, ordinals, months, negation cues,
opposites, contrast words and places, each with the words as written so that a reviewer
reads the claim's own spelling in the reasons.

The word lists are package data (``factreg/data/lexicon/``, read by :mod:`factreg.lexicon`);
the reading rules (compounds, scale words, ambiguous month names, proclitics) are here.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from factreg import lexicon
from factreg.normalize import word_terms, words_with_surface


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


class Fact(NamedTuple):
    """
    One fact a text mentions: its ``kind``, a canonical ``value`` to compare ("11", "6"
    for June, "rise/fall:0", …) and the ``surface`` words as written.

    ``at`` is the position of its first word among the text's folded words; ``unit`` is,
    for a number, what it counts ("deaths", "injured", "times", or the stem of the
    noun after it; "" when nothing says).
    """

    kind: str
    value: str
    surface: str
    at: int = 0
    unit: str = ""


class Facts(NamedTuple):
    """
    Everything :func:`facts` extracts from one text, by kind, in text order.
    """

    numbers: tuple[Fact, ...]
    ordinals: tuple[Fact, ...]
    months: tuple[Fact, ...]
    negations: tuple[Fact, ...]
    opposites: tuple[Fact, ...]
    contrasts: tuple[Fact, ...]
    places: tuple[Fact, ...]


# Number words, scale words and ordinals (files in data/lexicon/, each documented there).
# أحد and إحدى alone are no number; as the first word of 11 (أحد عشر / إحدى عشرة) they are.
_AR_UNITS = lexicon.int_table("numbers-ar-units.txt")
_AR_TEEN_FIRST: dict[str, int] = {**_AR_UNITS, "احد": 1, "احدي": 1}
_AR_TENS = lexicon.int_table("numbers-ar-tens.txt")
# Scale words multiply a preceding number ("5 ملايين" = 5000000); alone they count one,
# or two for the dual forms (مليونا دولار, ألفين): word -> (scale, count).
_SCALES: dict[str, tuple[int, int]] = {
    word: (int(key.split()[0]), int(key.split()[1]))
    for key, rest in lexicon.rows("scales.txt")
    for word in rest.split()
}
_AR_ORDINALS = lexicon.int_table("ordinals-ar.txt")
_EN_NUMBERS = lexicon.int_table("numbers-en.txt")
_EN_ORDINALS = lexicon.int_table("ordinals-en.txt")
_ORDINAL_SUFFIXES = _wordset("st nd rd th")
_DAY_PARTS = lexicon.words("day-parts.txt")
# Longer digit runs are kept as written, not computed with (Decimal's 28 digits).
_MAX_DIGITS = 24
# "one" is a number only outside "one of", "no one", "the one", …
_EN_ONE_BLOCKERS = _wordset("no any every each the this that which some")

# Month names by number (Arabic regional names and English), the two-word Levantine
# names (كانون الثاني), and the names that are also common words (آب "father", may),
# which count only next to a number, a month-context word or another month name: files
# in data/lexicon/, each documented there.
_MONTHS = lexicon.int_table("months.txt")
_TWO_WORD_MONTHS: dict[tuple[str, str], int] = {
    pair: int(value) for pair, value in lexicon.word_pair_table("months-two-word.txt").items()
}
_AMBIGUOUS_MONTHS = lexicon.words("months-ambiguous.txt")
_MONTH_CONTEXT = lexicon.words("month-context.txt")
#: Every folded word that names a month in some spelling (ambiguous ones included).
MONTH_WORDS = frozenset(_MONTHS)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

# Negation cues, folded (لم لن لا ليس غير عدم نفى مش …; not, no, never, n't, deny), and
# the fixed expressions in which such a word negates nothing (لا يزال, not only): files
# in data/lexicon/, each documented there.
_AR_NEGATIONS = lexicon.words("negations-ar.txt")
_EN_NEGATIONS = lexicon.words("negations-en.txt")
_NOT_NEGATIONS: frozenset[tuple[str, str]] = frozenset(
    (row[0], row[1]) for row in lexicon.word_lines("not-negations.txt")
)


def _opposite_rows() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    sides: dict[str, tuple[list[str], list[str]]] = {}
    for key, rest in lexicon.rows("opposites.txt"):
        concept, side = key.rsplit(" ", 1)
        sides.setdefault(concept, ([], []))[int(side)].extend(rest.split())
    return tuple((c, frozenset(a), frozenset(b)) for c, (a, b) in sides.items())


#: Opposites: (concept, words of one side, words of the other), folded. A claim using
#: one side and another the other side conflict (ارتفاع ↔ انخفاض). The list and its
#: provenance (partly derived from ANS train pairs): data/lexicon/opposites.txt.
OPPOSITES = _opposite_rows()

#: Contrast words: on one side of a pair only, they mark a reversal of the other claim
#: ("… تفشل في …", "… رغم …"); word -> canonical form. The list and its provenance
#: (derived from ANS train pairs): data/lexicon/contrast-cues.txt.
CONTRAST_CUES: dict[str, str] = {
    word: canonical
    for canonical, forms in lexicon.rows("contrast-cues.txt")
    for word in forms.split()
}


def _place_rows() -> tuple[tuple[str, str, str, str], ...]:
    out: list[tuple[str, str, str, str]] = []
    for name, rest in lexicon.rows("places.txt"):
        columns = [" ".join(column.split()) for column in rest.split("|")]
        if len(columns) != 3:
            raise lexicon.LexiconFileError(f"data/lexicon/places.txt: {name}: expected 3 columns")
        out.append((name, columns[0], columns[1], columns[2]))
    return tuple(out)


#: Places: (name, Arabic spellings, Arabic nisba stems, English names and demonyms),
#: folded. Two claims about the same thing that name different places and none in
#: common ("… شرق سوريا" / "… شرق العراق") conflict; capitals count as their country.
#: The list: data/lexicon/places.txt.
PLACES = _place_rows()
_TWO_WORD_PLACES = lexicon.word_pair_table("places-two-word.txt")
_TWO_WORDS = _TWO_WORD_MONTHS.keys() | _TWO_WORD_PLACES.keys()
# Nisba endings tried on Arabic: masculine, feminine and the plurals (المصريين).
_NISBA_ENDINGS = ("يين", "يون", "يه", "ي")


def _place_index() -> tuple[dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    nisba: dict[str, str] = {}
    for name, arabic, stems, english in PLACES:
        for word in arabic.split():
            names[word] = name
            if word.startswith("ال"):
                names[word[2:]] = name
        for word in english.split():
            names[word] = name
        for stem in stems.split():
            nisba[stem] = name
    return names, nisba


def _opposite_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for concept, first, second in OPPOSITES:
        for side, words in enumerate((first, second)):
            for word in words:
                index.setdefault(word, (concept, side))
    return index


_PLACE_NAMES, _PLACE_NISBA = _place_index()
_OPPOSITE_INDEX = _opposite_index()
_PROCLITICS = "وفبلك"
_ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")


@lru_cache(maxsize=65536)
def lookup_forms(word: str) -> tuple[str, ...]:
    """
    The forms a folded word is looked up under in the lexicons: the word itself, then
    without one proclitic (و ف ب ل ك), then without the article with its proclitics.
    """
    forms = [word]
    if len(word) > 3 and word[0] in _PROCLITICS:
        forms.append(word[1:])
    for article in _ARTICLES:
        if word.startswith(article) and len(word) > len(article) + 1:
            forms.append(word[len(article) :])
            break
    return tuple(forms)


def _strip_proclitic(word: str) -> str:
    if len(word) > 3 and word[0] in _PROCLITICS:
        return word[1:]
    return word


@lru_cache(maxsize=4096)
def facts(text: str) -> Facts:
    """
    Extract the numbers, ordinals, months, negation cues, opposites, contrast words and
    places ``text`` mentions.

    Numbers come from digits of any script (separators canonicalised), number words
    (Arabic one to ninety and hundreds in both genders and cases, compounds such as أحد
    عشر and خمسة وعشرون; English one to ninety) and scale words ("5 ملايين" -> 5000000,
    "2.5 million" -> 2500000). Ordinals: first..tenth (الأول/الأولى … العاشر/العاشرة),
    1st, 2nd, …. Month values are "1".."12"; opposite values "concept:side"; place
    values the place's English name.
    """
    words = words_with_surface(text)
    folded = [w for w, _ in words]
    found: dict[str, list[Fact]] = {kind: [] for kind in Facts._fields}
    starts: list[int] = []
    i = 0
    while i < len(folded):
        read, used = _read_facts(folded, words, i)
        # a chunk folds to several words ("و574"): each surface once
        shown = " ".join(dict.fromkeys(s for _, s in words[i : i + used]))
        for kind, value in read:
            found[kind].append(Fact(kind.rstrip("s"), value, shown, i))
        if read and read[0][0] == "numbers":
            starts.append(i)
            starts.append(i + used)
        i += used
    if found["numbers"]:
        found["numbers"] = [
            fact._replace(unit=_unit(folded, words, fact.at, end, starts))
            for fact, end in zip(found["numbers"], starts[1::2], strict=True)
        ]
    return Facts(**{kind: tuple(items) for kind, items in found.items()})


# What a number counts: the concept of a count noun (count-nouns.txt), else the stem of
# the noun right after it. Words skipped between a number and its noun.
_COUNT_NOUNS: dict[str, str] = {
    word: concept for concept, rest in lexicon.rows("count-nouns.txt") for word in rest.split()
}
_UNIT_SKIP = _wordset("من of others other more than نحو حوالي اكثر اخرين اخري")
# Role concepts a number of "people" takes from a word next to it.
_ROLES = _wordset("deaths injured missing arrests displaced")
_PERCENT = ("%", "٪")
# Words between "people" and the role word after it ("people have been killed").
_AUXILIARIES = _wordset("have has had been were was are is reportedly also still now")


def count_noun(word: str) -> str | None:
    """
    The concept a folded count noun names ("deaths" for قتيلا, killed, وفاة), or None.
    """
    for form in lookup_forms(word):
        concept = _COUNT_NOUNS.get(form)
        if concept is not None:
            return concept
        if form.isascii() and form.endswith("s") and form[:-1] in _COUNT_NOUNS:
            return _COUNT_NOUNS[form[:-1]]
    return None


def _unit(
    folded: list[str], words: list[tuple[str, str]], at: int, end: int, starts: list[int]
) -> str:
    # The number spans words at..end-1; starts holds every number's (start, end).
    if any(mark in words[at][1] for mark in _PERCENT):
        return "percent"
    surface = words[at][1].casefold()
    after_words = folded[end : end + 2]
    if (
        ":" in surface
        or surface.endswith(("am", "pm"))
        or after_words[:1] in (["am"], ["pm"])
        or after_words in (["a", "m"], ["p", "m"])
    ):
        return "clock"  # a time of day (4:30, 4.30pm, 4:10 p.m.): read, not compared
    own = count_noun(folded[end - 1])
    if own == "times":  # twice, مرتين
        return own
    # the first count noun among the next three words ("12,000 mostly brick homes")
    after = ""
    concept = None
    j = end
    for k in range(end, min(end + 3, len(folded))):
        if k in starts[::2]:
            break  # another number
        concept = count_noun(folded[k])
        if concept is not None:
            j = k
            break
    if concept is None:
        j = end
        while j < len(folded) and j < end + 3 and folded[j] in _UNIT_SKIP:
            j += 1
    if j < len(folded) and j not in starts[::2] and word_terms(folded[j]):
        after = folded[j]  # a stopword ("and", "في") names nothing
    if concept is not None and concept != "people":
        return concept
    # a role word after "people" or before the number: "381 people have been killed",
    # "مقتل 7 أشخاص"
    if concept == "people":
        for k in range(j + 1, min(j + 4, len(folded))):
            if folded[k][:1] == "و" or folded[k] == "and":
                break
            role = count_noun(folded[k])
            if role in _ROLES:
                return role
            if folded[k] not in _AUXILIARIES:
                break
    for k in range(at - 1, max(at - 7, -1), -1):
        if k in starts[1::2]:
            break  # another number's words
        role = count_noun(folded[k])
        # a role anywhere before; another unit right before ("magnitude 7.8", "بقوة 7.8")
        # or when nothing follows
        if role in _ROLES or (role and (not after or k == at - 1) and role != "people"):
            return role
    if concept is not None:
        return concept
    value = folded[at]
    if not after and len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2099:
        return "years"
    if after and not after[0].isdigit():
        terms = word_terms(after)
        return terms[0] if terms else ""
    return ""


def _read_facts(
    folded: list[str], words: list[tuple[str, str]], i: int
) -> tuple[list[tuple[str, str]], int]:
    # The facts starting at word i as (Facts field, value) pairs, and the words used.
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    pair = (word, nxt) if (word, nxt) in _TWO_WORDS else (_strip_proclitic(word), nxt)
    if pair in _TWO_WORD_MONTHS:  # before the ordinals: تشرين الأول is October
        return [("months", str(_TWO_WORD_MONTHS[pair]))], 2
    if pair in _TWO_WORD_PLACES:
        return [("places", _TWO_WORD_PLACES[pair])], 2
    number, used = _read_number(folded, i)
    if number is not None:
        return [("numbers", number)], used
    ordinal = _read_ordinal(word, nxt)
    if ordinal is not None:
        if _time_of_day(folded, i):
            return [], ordinal[1]
        return [("ordinals", str(ordinal[0]))], ordinal[1]
    month = _read_month(folded, words, i)
    if month is not None:
        return [("months", str(month))], 1
    place = read_place(word)
    if place is not None:
        return [("places", place)], 1
    negation = _read_negation(word, nxt)
    if negation is not None:
        return [("negations", negation)], 1
    for form in lookup_forms(word):
        side = _OPPOSITE_INDEX.get(form)
        cue = CONTRAST_CUES.get(form)
        # a word may be both (يرفض: the opposite of يوافق, and a contrast on its own)
        read = [("opposites", f"{side[0]}:{side[1]}")] if side else []
        read += [("contrasts", cue)] if cue else []
        if read:
            return read, 1
    return [], 1


def _format_number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=65536)
def _number_word(word: str) -> int | None:
    for form in lookup_forms(word):
        if form in _AR_UNITS:
            # with the article only the long forms count: الست is "the lady", الاثنين
            # "Monday"
            if form != word and word.endswith("ال" + form) and (len(form) < 4 or form == "اثنين"):
                return None
            return _AR_UNITS[form]
        if form in _AR_TENS:
            return _AR_TENS[form]
    return _EN_NUMBERS.get(word)


def _read_number(folded: list[str], i: int) -> tuple[str | None, int]:
    word = folded[i]
    nxt = folded[i + 1] if i + 1 < len(folded) else ""
    used = 1
    if word[0].isdigit():
        if nxt in _ORDINAL_SUFFIXES:  # 21st
            return None, 1
        if len(word) > _MAX_DIGITS:  # an id or a phone number: compared as written
            return word, 1
        try:
            value = Decimal(word)
        except InvalidOperation:  # digits with letters or marks glued on
            return None, 1
    else:
        first = _strip_proclitic(word)
        if nxt in ("عشر", "عشره") and _AR_TEEN_FIRST.get(first, 10) < 10:
            value, used = Decimal(10 + _AR_TEEN_FIRST[first]), 2
        elif (unit := _number_word(word)) is not None:
            if word == "one" and (nxt == "of" or (i and folded[i - 1] in _EN_ONE_BLOCKERS)):
                return None, 1
            if word in ("واحد", "واحده") and nxt == "من":  # "واحد من" = one of
                return None, 1
            value = Decimal(unit)
            if unit < 10 and nxt[:1] == "و" and nxt[1:] in _AR_TENS:  # خمسة وعشرون
                value, used = Decimal(unit + _AR_TENS[nxt[1:]]), 2
            elif 20 <= unit < 100 and _EN_NUMBERS.get(nxt, 10) < 10:  # twenty five
                value, used = Decimal(unit + _EN_NUMBERS[nxt]), 2
        elif word in _SCALES or first in _SCALES:
            scale, count = _SCALES.get(word) or _SCALES[first]
            return str(scale * count), 1
        else:
            return None, 1
    after = folded[i + used] if i + used < len(folded) else ""
    if after in _SCALES:
        value *= _SCALES[after][0]
        used += 1
        # the rest after "و": "29 ألفا و605" = 29605, "ثلاثة آلاف و574" = 3574
        rest = folded[i + used : i + used + 2]
        if (
            len(rest) == 2
            and rest[0] == "و"
            and rest[1].isdigit()
            and int(rest[1]) < _SCALES[after][0]
        ):
            value += int(rest[1])
            used += 2
    return _format_number(value), used


def _time_of_day(folded: list[str], i: int) -> bool:
    # An Arabic ordinal after "الساعة" or before a part of the day ("السابعة صباحا",
    # "الثانية من صباح السبت") tells the hour.
    if folded[i].isascii():
        return False
    near = folded[max(i - 1, 0) : i] + folded[i + 1 : i + 3]
    return any(form in _DAY_PARTS for word in near for form in lookup_forms(word))


def _read_ordinal(word: str, nxt: str) -> tuple[int, int] | None:
    if word.isdigit() and nxt in _ORDINAL_SUFFIXES and len(word) < 6:
        return int(word), 2
    if word in _EN_ORDINALS:
        return _EN_ORDINALS[word], 1
    for form in lookup_forms(word):
        if form in _AR_ORDINALS:
            return _AR_ORDINALS[form], 1
    return None


def _read_month(folded: list[str], words: list[tuple[str, str]], i: int) -> int | None:
    word = folded[i]
    key = word if word in _MONTHS else _strip_proclitic(word)
    if key not in _MONTHS or (key != word and key in _AMBIGUOUS_MONTHS):
        return None
    if key in _AMBIGUOUS_MONTHS:
        capitalised = key.isascii() and i > 0 and words[i][1][:1].isupper()
        neighbours = [folded[j] for j in (i - 1, i + 1) if 0 <= j < len(folded)]
        if not capitalised and not any(
            w.isdigit() or w in _MONTH_CONTEXT or (w in _MONTHS and w not in _AMBIGUOUS_MONTHS)
            for w in neighbours
        ):
            return None
    return _MONTHS[key]


@lru_cache(maxsize=65536)
def read_place(word: str, *, names_only: bool = False) -> str | None:
    """
    The place a folded word names (its English name), or None; with ``names_only`` an
    Arabic nisba adjective (مصري, الفلبينية) does not count.
    """
    for form in lookup_forms(word):
        name = _PLACE_NAMES.get(form)
        if name is not None:
            return name
        if names_only:
            continue
        for ending in _NISBA_ENDINGS:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                name = _PLACE_NISBA.get(form[: -len(ending)])
                if name is not None:
                    return name
                break
    return None


def _read_negation(word: str, nxt: str) -> str | None:
    if word in _EN_NEGATIONS or word in _AR_NEGATIONS:
        return None if (word, nxt) in _NOT_NEGATIONS else word
    # ولم, فلا, وليس: and/so + negation (not بلا "without", which restates)
    if word[:1] in "وف" and word[1:] in _AR_NEGATIONS:
        return None if (word[1:], nxt) in _NOT_NEGATIONS else word[1:]
    return None


def numbers(text: str) -> list[Fact]:
    """
    The numbers ``text`` mentions (digits, number words, scale words), in order.
    """
    return list(facts(text).numbers)


def months(text: str) -> list[Fact]:
    """
    The months ``text`` mentions; ``value`` is the month number, "1".."12".
    """
    return list(facts(text).months)


def negations(text: str) -> list[Fact]:
    """
    The negation cues of ``text`` (لم, ليس, تنفي, not, didn't, …).
    """
    return list(facts(text).negations)


def opposites(text: str) -> list[Fact]:
    """
    The words of ``text`` on one side of an :data:`OPPOSITES` pair.
    """
    return list(facts(text).opposites)


def month_name(value: str) -> str:
    """
    The English name of month number ``value`` ("6" -> "June").
    """
    return MONTH_NAMES[int(value) - 1]
