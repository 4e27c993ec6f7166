"""
Two claims -> the named evidence relate() weighs, each piece with a reason a reviewer reads.

Every feature is a number in 0..1 (or a small count) under a fixed name, so that the
weights learned by ``bench/train_relate.py`` can be read and the reasons named:

- how much the claims share (terms, fuzzy similarity, shared figures about the same
  thing, shared rare words);
- which key fact differs: a count of the same thing (numbers compared by what they
  count: "11 dead" against "16 killed", never "39 ambulances" against "7 deaths"), an
  ordinal, a month, a place or a nationality, a negation of the claim's predicate, a
  denial or retraction, an opposite, a contrast word, a swapped word or name;
- how strongly the words one claim adds, drops or swaps mark a contradiction or a
  restatement: cue weights mined from the ANS train pairs (``data/relate/cues.txt``).

A differing fact counts only where the claims are about the same thing, so those
features are scaled by how much of the shorter claim the other shares.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz, process

from factreg import lexicon
from factreg._side import Side, index_of, read_side
from factreg.facts import (
    Fact,
    count_noun,
    facts,
    lookup_forms,
    month_name,
    read_place,
)
from factreg.figures import compare_numbers, other_year, show_number
from factreg.normalize import ENGLISH_STOPWORDS, fold
from factreg.wording import (
    DEMONYMS_EN,
    is_demonym_word,
    root,
    stem_core,
    swapped_names,
    title_case,
)

#: A swapped word counts as a differing fact only with at least this many terms lined
#: up around it; one differing word among two is just a different claim.
MIN_ALIGNED_TERMS = 3
#: A name counts as swapped for another when both stand in one replaced stretch of at
#: most this many terms on each side ("Vice President Pence" / "Senator Harris").
MAX_NAME_SWAP = 3
#: A negation this many words or fewer after a relative pronoun ("… with which it has
#: no …", "… التي لم …") is inside the relative clause.
RELATIVE_REACH = 4
#: Edit similarity (0..100) from which two rough roots are forms of one word.
ROOT_SIMILARITY = 80.0


class Evidence(NamedTuple):
    """
    The features of a pair (name -> value) and, for each feature that fired, the reason
    a reviewer reads ("count of deaths differs: 11 ≠ 16").
    """

    features: dict[str, float]
    reasons: dict[str, str]


# -- lexicons -------------------------------------------------------------------------------


def _cue_table(name: str) -> dict[str, str]:
    return {word: canonical for canonical, forms in lexicon.rows(name) for word in forms.split()}


_DENIALS = _cue_table("denials.txt")
# "تراجع عن أعلى مستوى" is a fall from a level, not a retraction.
_LEVELS = frozenset(
    ["اعلي", "ادني", "مستوي", "مستويات", "مستواه", "ذروه", "ذروته", "قمه", "مكاسب", "ارتفاع"]
)
_ORDINAL_FIRST = frozenset(["first", "اول", "الاول", "الاولي", "اولي"])
_NOMINAL_NEGATIONS = frozenset(["غير", "non"])
_RELATIVES = lexicon.words("relatives.txt")
_REPORTING = lexicon.words("reporting-verbs.txt")
# Scope: a count of another place or another year is another count ("29,605 dead in
# Turkey" / "3,574 in Syria"; "the 1974 quake killed 1,400").
_SCOPE = ("place_differs", "nationality_differs")


def _cue_weights(name: str) -> dict[str, float]:
    try:
        rows = lexicon.lines(name, folder="relate")
    except FileNotFoundError:  # before the first training run
        return {}
    table: dict[str, float] = {}
    for _, content in rows:
        key, _, weight = content.rpartition(" ")
        table[key] = float(weight)
    return table


#: Mined cue weights: log-odds of "contradicts" against "same" for a term found on one
#: side of an ANS train pair only, and for a pair of aligned terms swapped for each other.
CUES = _cue_weights("cues.txt")
SWAPS = _cue_weights("swaps.txt")


def evidence(
    new: str,
    old: str,
    *,
    cues: dict[str, float] | None = None,
    swaps: dict[str, float] | None = None,
) -> Evidence:
    """
    The features and reasons of the pair (``new`` compared with the earlier ``old``).

    ``cues`` and ``swaps`` replace the shipped mined tables (:data:`CUES`,
    :data:`SWAPS`); the training script passes tables mined without the pair's fold.
    """
    a, b = read_side(new), read_side(old)
    features: dict[str, float] = {}
    reasons: dict[str, str] = {}
    sa, sb = set(a.terms), set(b.terms)
    shared = sa & sb
    overlap = len(shared) / min(len(sa), len(sb)) if sa and sb else 0.0
    features["overlap"] = overlap
    features["jaccard"] = len(shared) / len(sa | sb) if sa and sb else 0.0
    ia, ib = index_of(new), index_of(old)
    features["ratio"] = fuzz.ratio(ia, ib, processor=None) / 100
    features["token_set"] = fuzz.token_set_ratio(ia, ib, processor=None) / 100
    features["length_ratio"] = min(len(sa), len(sb)) / max(len(sa), len(sb), 1)
    # Words that name the topic: capitalised, long or digits; their share lines up the
    # restatement of another outlet (the same rare place and figures in other words).
    rare = {t for t in sa | sb if len(t) >= 6 or t[:1].isdigit()}
    features["rare_shared"] = len(rare & shared) / len(rare) if rare else 0.0

    compare_numbers(a, b, features, reasons)
    _fact_kinds(a, b, features, reasons)
    _place_swaps(a, b, features, reasons)
    if "number_differs" in features and (
        any(name in features for name in _SCOPE) or other_year(a, b)
    ):
        # different places or years: different counts, and no conflict of place either
        for name in ("number_differs", "count_differs", "toll_differs", *_SCOPE):
            features.pop(name, None)
            reasons.pop(name, None)
    _negation(a, b, features, reasons)
    _denial(a, b, features, reasons)
    _swaps_and_cues(
        a, b, features, reasons, CUES if cues is None else cues, SWAPS if swaps is None else swaps
    )
    # A differing fact says something only about claims on the same subject (a count of
    # a named thing, count_differs, names its subject itself).
    for name in DIFFERENCES:
        if name in features:
            features[name] *= overlap
    return Evidence(features, reasons)


#: The features that say a key fact differs (scaled by the overlap of the pair).
DIFFERENCES = (
    "number_differs",
    "ordinal_differs",
    "month_differs",
    "place_differs",
    "nationality_differs",
    "negation",
    "negation_any",
    "denial",
    "opposite",
    "contrast",
    "word_swapped",
    "name_differs",
    "cue_contra",
    "cue_max",
    "swap_cue",
    "swapped_in_place",
    "replaced",
    "cue_sum",
)
#: Every feature name, in a fixed order (the model's columns).
FEATURES = (
    "aligned",
    "edits",
    "overlap",
    "jaccard",
    "ratio",
    "token_set",
    "length_ratio",
    "rare_shared",
    "figures_shared",
    "figures_one_side",
    "count_shared",
    "count_differs",
    "toll_differs",
    "cue_same",
    "unmatched",
    *DIFFERENCES,
)


# -- ordinals, months, places, opposites, contrast words ------------------------------------


def _differing(new: Sequence[Fact], old: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    # A fact differs when each side has a value the other lacks: an extra number on one
    # side only ("الأولى عربيا و27 عالميا") adds detail, it does not contradict.
    new_values = {f.value for f in new}
    old_values = {f.value for f in old}
    only_old = list({f.value: f for f in reversed(old) if f.value not in new_values}.values())
    only_new = list({f.value: f for f in reversed(new) if f.value not in old_values}.values())
    if not only_old or not only_new:
        return [], []
    return only_new[::-1], only_old[::-1]


def _show_month(fact: Fact) -> str:
    name = month_name(fact.value)
    return name if fact.surface.isascii() else f"{fact.surface} ({name})"


def _fact_kinds(a: Side, b: Side, features: dict[str, float], reasons: dict[str, str]) -> None:
    for kind, new, old, show in (
        ("ordinal", a.facts.ordinals, b.facts.ordinals, show_number),
        ("month", a.facts.months, b.facts.months, _show_month),
    ):
        only_new, only_old = _differing(new, old)
        if only_new:
            features[f"{kind}_differs"] = 1.0
            left = ", ".join(show(f) for f in only_old)
            right = ", ".join(show(f) for f in only_new)
            reasons[f"{kind}_differs"] = f"{kind} differs: {left} ≠ {right}"
    # Places are compared by how they are named: country and city names with names,
    # nationalities with nationalities. "شرق سوريا" / "شرق العراق" differ, and so do
    # "عاملة فلبينية" / "عاملة باكستانية"; "Israeli strike" / "strike on Lebanon" do not.
    for feature, adjectives, label in (
        ("place_differs", False, "place"),
        ("nationality_differs", True, "nationality"),
    ):
        pa = [f for f in a.facts.places if _is_demonym(f) == adjectives]
        pb = [f for f in b.facts.places if _is_demonym(f) == adjectives]
        only_new, only_old = _differing(pa, pb)
        if only_new and not {f.value for f in pa} & {f.value for f in pb}:
            features[feature] = 1.0
            left = ", ".join(f.surface for f in only_old)
            right = ", ".join(f.surface for f in only_new)
            reasons[feature] = f"{label} differs: {left} ≠ {right}"
    opposite = _opposites(_not_hedges(a), _not_hedges(b))
    if opposite:
        features["opposite"] = 1.0
        reasons["opposite"] = opposite
    contrast = _one_sided(_in_scope(a, a.facts.contrasts), _in_scope(b, b.facts.contrasts))
    if contrast and not _one_sided(a.facts.contrasts, b.facts.contrasts):
        contrast = None  # the other claim says it too, in a side clause
    if contrast:
        features["contrast"] = 1.0
        reasons["contrast"] = f"contrast word {contrast}"


def _place_swaps(a: Side, b: Side, features: dict[str, float], reasons: dict[str, str]) -> None:
    # A place replaced by another in the same position, the rest lined up ("هل تستخدم
    # روسيا الفيتو" / "هل تستخدم أمريكا الفيتو"), even where both claims also name a
    # third place.
    for tag, i1, i2, j1, j2 in _alignment(b.terms, a.terms)[1]:
        if tag != "replace" or i2 - i1 > 2 or j2 - j1 > 2:
            continue
        for i in range(i1, i2):
            for j in range(j1, j2):
                old_word, new_word = b.words[i][1], a.words[j][1]
                po, pn = read_place(fold(old_word)), read_place(fold(new_word))
                if not (po and pn) or po == pn:
                    continue
                adjective = is_demonym_word(new_word)
                if adjective != is_demonym_word(old_word):
                    continue
                name = "nationality_differs" if adjective else "place_differs"
                if name not in features:
                    features[name] = 1.0
                    label = "nationality" if adjective else "place"
                    reasons[name] = f"{label} differs: {old_word} ≠ {new_word}"


def _is_demonym(fact: Fact) -> bool:
    word = fold(fact.surface)
    if word.isascii():
        return word in DEMONYMS_EN
    return read_place(word, names_only=True) is None


def _not_hedges(side: Side) -> list[Fact]:
    # "more than 500", "at least 89": a hedge on a figure, not a claim that leans one way
    starts = {f.at for f in side.facts.numbers}
    return [f for f in side.facts.opposites if not starts & {f.at + 1, f.at + 2}]


def _opposites(new: Sequence[Fact], old: Sequence[Fact]) -> str | None:
    # Count the words on each side of each pair: the new claim leans one way where the
    # earlier one leans the other. "الذهب يهبط بعد تلميحات برفع الفائدة" against
    # "التلميحات برفع الفائدة يصعد بالذهب" has one more "down" word in new and one more
    # "up" word in old, though both say برفع.
    new_count = Counter(f.value for f in new)
    old_count = Counter(f.value for f in old)
    for fact in old:
        concept, side = fact.value.rsplit(":", 1)
        other = f"{concept}:{1 - int(side)}"
        if old_count[fact.value] > new_count[fact.value] and new_count[other] > old_count[other]:
            word = next(f.surface for f in new if f.value == other)
            return f"opposites: {fact.surface} ↔ {word}"
    return None


def _in_scope(side: Side, found: Sequence[Fact]) -> list[Fact]:
    # The contrast words of the claim's first clause: "…, دون تفاصيل" ("…, without
    # details") or "…, despite the rain" in a side clause reverses nothing the other
    # claim says.
    return [f for f in found if f.at < side.main_end]


def _one_sided(new: Sequence[Fact], old: Sequence[Fact]) -> str | None:
    old_values = {f.value for f in old}
    new_values = {f.value for f in new}
    for fact in new:
        if fact.value not in old_values:
            return f"only in new claim: {fact.surface}"
    for fact in old:
        if fact.value not in new_values:
            return f"only in earlier claim: {fact.surface}"
    return None


# -- negation and denial --------------------------------------------------------------------


def _mentions(side: Side, word: str) -> bool:
    # The other claim holds the word (a form of it: the same term, or the same core
    # after verb inflection, or the English stem).
    core = stem_core(word)
    if len(core) < 3:
        return False
    for term, _ in side.words:
        if term == core or stem_core(term) == core:
            return True
        if len(core) >= 4 and (term.startswith(core) or core.startswith(term)) and len(term) >= 4:
            return True
    return False


def _predicate_negations(side: Side, other: Side) -> list[Fact]:
    """
    The negations of ``side`` that negate its claim, read against ``other``.

    Not counted: "غير"/"non" before a word the other claim does not use (a "non-final
    toll", "حصيلة غير نهائية"); a negation of "the first" ("ليست الأولى من نوعها", "not
    the first of its kind"); a negation in a side clause ("…, the ministry did not
    comment") or a relative clause ("… with which it has no extradition treaty", "…
    التي لم …") unless the other claim says what it negates.
    """
    out = []
    for fact in side.facts.negations:
        if fact.value in _DENIALS:
            continue  # denials are their own class
        after = [w for w in side.folded[fact.at + 1 : fact.at + 4] if w not in ENGLISH_STOPWORDS]
        nxt = after[:2]
        if any(w in _ORDINAL_FIRST or lookup_forms(w)[-1] in _ORDINAL_FIRST for w in nxt):
            continue
        negated = [w for w in nxt if len(w) > 1]
        # the other claim says what is negated: every word of it ("no extradition
        # deal" against "the extradition bill" says nothing of a deal)
        said = bool(negated) and all(_mentions(other, w) for w in negated)
        if fact.value in _NOMINAL_NEGATIONS:
            if negated and _mentions(other, negated[0]):
                out.append(fact)
            continue
        relative = any(
            w in _RELATIVES for w in side.folded[max(fact.at - RELATIVE_REACH, 0) : fact.at]
        )
        if (fact.at < side.main_end and not relative) or said:
            out.append(fact)
    return out


def _negation(a: Side, b: Side, features: dict[str, float], reasons: dict[str, str]) -> None:
    na, nb = _predicate_negations(a, b), _predicate_negations(b, a)
    raw_a = [f for f in a.facts.negations if f.value not in _DENIALS]
    raw_b = [f for f in b.facts.negations if f.value not in _DENIALS]
    if bool(raw_a) != bool(raw_b):
        features["negation_any"] = 1.0
    # Any negation on both sides agrees: "لم يحدث" and "لا يحدث" say the same.
    if na and not nb:
        features["negation"] = 1.0
        reasons["negation"] = f"negation only in new claim: {na[0].surface}"
    elif nb and not na:
        features["negation"] = 1.0
        reasons["negation"] = f"negation only in earlier claim: {nb[0].surface}"


def _denials(side: Side) -> list[tuple[str, str]]:
    # (canonical, surface) of each denial or retraction in the claim.
    return _denials_of(side.folded, side.surfaces)


@lru_cache(maxsize=4096)
def _denials_of(folded: tuple[str, ...], surfaces: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for i, word in enumerate(folded):
        for form in lookup_forms(word):
            canonical = _DENIALS.get(form)
            if canonical is None:
                continue
            ahead = folded[i + 1 : i + 4]
            if canonical == "تراجع عن" and (
                ahead[:1] != ("عن",) or any(w in _LEVELS for w in ahead[1:])
            ):
                break
            if canonical == "call off" and "off" not in ahead:
                break
            out.append((canonical, surfaces[i]))
            break
    return out


def _denial(a: Side, b: Side, features: dict[str, float], reasons: dict[str, str]) -> None:
    da, db = _denials(a), _denials(b)
    ca, cb = {c for c, _ in da}, {c for c, _ in db}
    for found, other, where in ((da, cb, "new claim"), (db, ca, "earlier claim")):
        for canonical, surface in found:
            if canonical not in other:
                features["denial"] = 1.0
                reasons["denial"] = f"denial only in {where}: {surface}"
                return


# -- aligned words: swaps, names and mined cues ---------------------------------------------


def edits(new: str, old: str) -> tuple[set[str], list[str]]:
    """
    What one claim changes of the other: the terms found on one side only, and each
    pair of aligned terms swapped one for one (as "term term", sorted), the keys of
    :data:`CUES` and :data:`SWAPS`.
    """
    a, b = read_side(new), read_side(old)
    one_sided = {t for t, _ in _unmatched(a, b)} | {t for t, _ in _unmatched(b, a)}
    return one_sided, [
        " ".join(sorted((b.terms[i], a.terms[j]))) for i, j in _aligned_swaps(a, b)[2]
    ]


@lru_cache(maxsize=1024)
def _alignment(
    old: tuple[str, ...], new: tuple[str, ...]
) -> tuple[int, list[tuple[str, int, int, int, int]]]:
    # how many terms line up, and the edit operations from old to new (computed once a
    # pair: the swaps, the place swaps and the cues all read them)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    opcodes = [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    return sum(block.size for block in matcher.get_matching_blocks()), opcodes


def _aligned_swaps(a: Side, b: Side) -> tuple[int, int, list[tuple[int, int]]]:
    # (terms lined up, edit operations, one-for-one swapped positions (old, new))
    aligned, opcodes = _alignment(b.terms, a.terms)
    changed = [op for op in opcodes if op[0] != "equal"]
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in changed:
        if tag == "replace" and i2 - i1 == j2 - j1:
            pairs += [
                (i, j)
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                if not _synonyms(b.words[i][1], a.words[j][1])
            ]
    return aligned, len(changed), pairs


def _synonyms(x: str, y: str) -> bool:
    # two words for one counted thing (قتيلا / وفاة, injured / wounded), or two facts
    # compared as facts (11 / 15, مصرية / إماراتية)
    cx, cy = count_noun(fold(x)), count_noun(fold(y))
    return (cx is not None and cx == cy) or bool(_fact_keys(x) or _fact_keys(y))


def _swaps_and_cues(
    a: Side,
    b: Side,
    features: dict[str, float],
    reasons: dict[str, str],
    cues: dict[str, float],
    swaps: dict[str, float],
) -> None:
    aligned, changed, pairs = _aligned_swaps(a, b)
    shorter = max(min(len(a.terms), len(b.terms)), 1)
    features["aligned"] = min(aligned / shorter, 1.0)
    features["edits"] = min(changed, 4) / 4
    if pairs and aligned >= MIN_ALIGNED_TERMS:
        # words replaced in place where the rest lines up: how an edit reverses a claim
        features["swapped_in_place"] = min(len(pairs), 3) / 3
        i, j = pairs[0]
        reasons["swapped_in_place"] = f"word differs: {b.words[i][1]} ≠ {a.words[j][1]}"
    # one word swapped where the rest lines up: "العالم العربي" / "العالم الغربي"
    if aligned >= MIN_ALIGNED_TERMS and changed == 1 and len(pairs) == 1:
        i, j = pairs[0]
        old_word, new_word = b.words[i][1], a.words[j][1]
        if (
            stem_core(b.terms[i]) != stem_core(a.terms[j])
            and not _same_fact(old_word, new_word)
            and not (read_place(fold(new_word)) or read_place(fold(old_word)))
        ):
            capitalised = (
                old_word[:1].isupper()
                and new_word[:1].isupper()
                and not (title_case(a.text) or title_case(b.text))
            )
            features["word_swapped"] = 1.0
            reasons["word_swapped"] = (
                f"{'name' if capitalised else 'word'} differs: {old_word} ≠ {new_word}"
            )
    names = _names_in_place(a, b)
    if names:
        features["name_differs"] = 1.0
        reasons["name_differs"] = names
    # Words on one side only, less those with a form of them on the other side
    # (يرتفع / ارتفاع, rises / rising): what one claim really adds or replaces.
    ua = _unmatched(a, b)
    ub = _unmatched(b, a)
    total = max(len(a.terms) + len(b.terms), 1)
    features["unmatched"] = (len(ua) + len(ub)) / total
    # Both sides hold words the other lacks: something was replaced, not just added.
    features["replaced"] = min(len(ua), len(ub), 3) / 3
    weights: list[tuple[float, str, str]] = []
    for found, where, side in ((ua, "new claim", a), (ub, "earlier claim", b)):
        aside = _side_clause_words(side)
        for term, surface in found:
            # a place one claim adds is compared as a place, not weighed as a cue; a
            # word that says who told the claim ("وأكد", "said") reverses nothing
            if (
                term in cues
                and surface not in aside
                and not read_place(fold(surface))
                and not _reporting(surface)
            ):
                weights.append((cues[term], surface, where))
    positive = sorted((w for w in weights if w[0] > 0), reverse=True)
    features["cue_contra"] = min(sum(w for w, _, _ in positive), 6.0) / 6
    features["cue_max"] = min(max((w for w, _, _ in positive), default=0.0), 4.0) / 4
    features["cue_same"] = min(-sum(w for w, _, _ in weights if w < 0), 6.0) / 6
    features["cue_sum"] = max(min(sum(w for w, _, _ in weights), 6.0), -6.0) / 6
    if positive:
        _, surface, where = positive[0]
        reasons["cue_contra"] = reasons["cue_max"] = f"only in {where}: {surface}"
    best_swap = 0.0
    for i, j in pairs:
        key = " ".join(sorted((b.terms[i], a.terms[j])))
        weight = swaps.get(key, 0.0)
        if weight > best_swap:
            best_swap = weight
            reasons["swap_cue"] = f"word differs: {b.words[i][1]} ≠ {a.words[j][1]}"
    features["swap_cue"] = min(best_swap, 4.0) / 4


def _side_clause_words(side: Side) -> set[str]:
    # The words (as written) found only after the claim's first clause: a cue word there
    # ("…, دون تفاصيل": "…, without details") reverses nothing the other claim says.
    return set(side.surfaces[side.main_end :]) - set(side.surfaces[: side.main_end])


def _names_in_place(a: Side, b: Side) -> str:
    # A name of one claim put in the place of a name of the other, the rest lined up
    # around it ("Obama signed the order" / "Bush signed the order"); a name one outlet
    # adds beside its other words ("Pfizer and BioNTech said" / "Pfizer said, adding the
    # Food and Drug Administration …") swaps no one.
    only_old, only_new = swapped_names(a.text, b.text)
    if not only_old:
        return ""
    old_names, new_names = {fold(n) for n in only_old}, {fold(n) for n in only_new}
    for tag, i1, i2, j1, j2 in _alignment(b.terms, a.terms)[1]:
        if tag != "replace" or i2 - i1 > MAX_NAME_SWAP or j2 - j1 > MAX_NAME_SWAP:
            continue
        olds = [b.words[i][1] for i in range(i1, i2) if fold(b.words[i][1]) in old_names]
        news = [a.words[j][1] for j in range(j1, j2) if fold(a.words[j][1]) in new_names]
        if olds and news:
            return f"name differs: {', '.join(olds)} ≠ {', '.join(news)}"
    return ""


def _unmatched(side: Side, other: Side) -> list[tuple[str, str]]:
    # (term, surface) of side's terms with no form of them in other
    theirs = set(other.terms)
    roots = other.roots
    out = []
    for term, surface in side.words:
        if term in theirs or facts(surface).numbers:
            continue  # figures are compared as figures (أحد عشر / 11)
        r = root(term)
        if r in roots or (
            len(r) >= 3
            and process.extractOne(
                r, roots, scorer=fuzz.ratio, processor=None, score_cutoff=ROOT_SIMILARITY
            )
            is not None
        ):
            continue
        out.append((term, surface))
    return out


def _reporting(surface: str) -> bool:
    return any(form in _REPORTING for form in lookup_forms(fold(surface)))


def contained(new: str, old: str) -> bool:
    """
    Whether one claim's words are all, in some form, in the other's, but for the words
    that say who told it ("وأكد أن …", "…, officials said"): the other says as much and
    more.
    """
    a, b = read_side(new), read_side(old)
    return any(
        all(_reporting(surface) for _, surface in _unmatched(side, other))
        for side, other in ((a, b), (b, a))
    )


def _same_fact(a: str, b: str) -> bool:
    a_facts = _fact_keys(a)
    return bool(a_facts) and a_facts == _fact_keys(b)


def _fact_keys(word: str) -> set[tuple[str, str]]:
    # any negation is as good as another (لم / لن / لا)
    return {(f.kind, "" if f.kind == "negation" else f.value) for kind in facts(word) for f in kind}
