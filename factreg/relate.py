"""
Two claims -> Relation and the reasons a reviewer can read.

relate() is pure: it compares the facts normalize.facts() extracts from both texts and
their index terms. A *conflict* needs two things: the claims are about the same thing
(enough of their terms align) and a key fact differs — a number, an ordinal, a month, a
negation present on one side only, an opposite (ارتفاع ↔ انخفاض), or a swapped name.
Otherwise a high enough fused score makes them the *same*; anything else is *related*.

Thresholds are named constants with how they were chosen ("tuned" = on the ANS *train*
pairs with ``bench/quality.py --split train``; dev is only reported).
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from factreg.model import Relation
from factreg.normalize import Fact, Facts, facts, month_name, term_words

#: Fused score (0..100, from match.rank) from which two claims with no differing fact
#: count as the same. On ANS train, 90 % of "same" pairs score 36 or more and 90 % of
#: the topically close "other" pairs score 36 or less; macro-F1 falls steadily from
#: 0.77 at 20 to 0.70 at 60, and 40 keeps the related class meaningful.
SAME_SCORE = 40.0
#: Share of the shorter claim's terms that must also occur in the other claim for a
#: differing fact to make a conflict ("about the same thing"). On ANS train 0.3 costs
#: 0.002 macro-F1 against no gate at all, and keeps "number differs" off claims that
#: share only a place name.
CONFLICT_OVERLAP = 0.3
#: A swapped word counts as a differing fact only when at least this many terms align
#: around it, so that one differing word among few is not called a conflict.
MIN_ALIGNED_TERMS = 3


def relate(new: str, old: str, *, score: float) -> tuple[Relation, tuple[str, ...]]:
    """
    Decide whether ``new`` restates ``old``, conflicts with it, or is merely related.

    ``score`` is the fused similarity of the two (0..100) computed by match.rank. Returns
    the relation and reasons such as ``number differs: 11 ≠ 15`` or
    ``negation only in new claim: لم``.
    """
    new_words = term_words(new)
    old_words = term_words(old)
    overlap = term_overlap([t for t, _ in new_words], [t for t, _ in old_words])
    if overlap >= CONFLICT_OVERLAP:
        reasons = differences(facts(new), facts(old))
        reasons += swapped_words(new_words, old_words)
        if reasons:
            return Relation.CONFLICT, tuple(reasons)
    if score >= SAME_SCORE:
        return Relation.SAME, (f"restates it (score {score:.0f})",)
    return Relation.RELATED, (f"similar wording (score {score:.0f}, "
                              f"{overlap:.0%} of terms shared)",)


def term_overlap(a: list[str], b: list[str]) -> float:
    """
    The share of the shorter term list's distinct terms that the other one also has.
    """
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def differences(new: Facts, old: Facts) -> list[str]:
    """
    Readable reasons for every key fact that differs between two texts' facts.
    """
    reasons: list[str] = []
    number = _differing("number", new.numbers, old.numbers, _show_number)
    if number:
        reasons.append(number)
    ordinal = _differing("ordinal", new.ordinals, old.ordinals, _show_number)
    if ordinal:
        reasons.append(ordinal)
    month = _differing("month", new.months, old.months, _show_month)
    if month:
        reasons.append(month)
    # Places conflict only when the claims share none: "السعودية واليمن" and
    # "السعودية والإمارات" may tell one story; "شرق سوريا" and "شرق العراق" cannot.
    if not {f.value for f in new.places} & {f.value for f in old.places}:
        place = _differing("place", new.places, old.places, _show_surface)
        if place:
            reasons.append(place)
    reasons.extend(_one_sided("negation", new.negations, old.negations))
    reasons.extend(_opposites(new.opposites, old.opposites))
    reasons.extend(_one_sided("contrast word", new.contrasts, old.contrasts))
    return reasons


def _show_number(fact: Fact) -> str:
    if fact.surface == fact.value or fact.surface.replace(",", "") == fact.value:
        return fact.value
    return f"{fact.surface} ({fact.value})"


def _show_surface(fact: Fact) -> str:
    return fact.surface


def _show_month(fact: Fact) -> str:
    name = month_name(fact.value)
    if fact.surface.isascii():
        return name
    return f"{fact.surface} ({name})"


def _differing(kind: str, new: tuple[Fact, ...], old: tuple[Fact, ...],
               show: type[str] | object) -> str | None:
    # A fact differs when each side has a value the other lacks: an extra number on one
    # side only ("… و27 عالميا") adds detail, it does not contradict.
    new_values = {f.value for f in new}
    old_values = {f.value for f in old}
    only_old = [f for f in old if f.value not in new_values]
    only_new = [f for f in new if f.value not in old_values]
    if not only_old or not only_new:
        return None
    render = show if callable(show) else str
    left = ", ".join(dict.fromkeys(render(f) for f in only_old))
    right = ", ".join(dict.fromkeys(render(f) for f in only_new))
    return f"{kind} differs: {left} ≠ {right}"


def _one_sided(kind: str, new: tuple[Fact, ...], old: tuple[Fact, ...]) -> list[str]:
    # A cue on one side only; the same cue (or, for negation, any cue) on both sides
    # cancels out: "لم يحدث" and "لا يحدث" agree.
    if kind == "negation":
        if new and not old:
            return [f"{kind} only in new claim: {new[0].surface}"]
        if old and not new:
            return [f"{kind} only in earlier claim: {old[0].surface}"]
        return []
    old_values = {f.value for f in old}
    new_values = {f.value for f in new}
    reasons = [f"{kind} only in new claim: {f.surface}" for f in new
               if f.value not in old_values]
    reasons += [f"{kind} only in earlier claim: {f.surface}" for f in old
                if f.value not in new_values]
    return reasons[:1]


def _opposites(new: tuple[Fact, ...], old: tuple[Fact, ...]) -> list[str]:
    # Count the words on each side of each opposite pair: the new claim leans one way
    # where the earlier one leans the other ("يهبط … برفع" vs "برفع … يصعد": one more
    # "down" word in new, one more "up" word in old).
    reasons: list[str] = []
    new_count = Counter(f.value for f in new)
    old_count = Counter(f.value for f in old)
    for concept in dict.fromkeys(f.value.rsplit(":", 1)[0] for f in (*new, *old)):
        up, down = f"{concept}:0", f"{concept}:1"
        for a, b in ((up, down), (down, up)):
            if old_count[a] > new_count[a] and new_count[b] > old_count[b]:
                old_word = next(f.surface for f in old if f.value == a)
                new_word = next(f.surface for f in new if f.value == b)
                reasons.append(f"opposites: {old_word} ↔ {new_word}")
                break
        else:
            continue
        break
    return reasons


def swapped_words(new: list[tuple[str, str]], old: list[tuple[str, str]]) -> list[str]:
    """
    A reason when exactly one word of ``old`` is replaced by one other word in ``new``
    and the rest lines up ("العالم العربي" / "العالم الغربي", "Apple" / "Tesla").

    Both arguments are :func:`~factreg.normalize.term_words` lists. The swap must be
    surrounded by at least :data:`MIN_ALIGNED_TERMS` aligned terms, and the two words
    must not be forms of one another (ترفض / رفضت).
    """
    new_terms = [t for t, _ in new]
    old_terms = [t for t, _ in old]
    matcher = SequenceMatcher(None, old_terms, new_terms, autojunk=False)
    aligned = sum(block.size for block in matcher.get_matching_blocks())
    if aligned < MIN_ALIGNED_TERMS:
        return []
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changed) != 1:
        return []
    tag, i1, i2, j1, j2 = changed[0]
    if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
        return []
    if _core(old_terms[i1]) == _core(new_terms[j1]):
        return []
    old_word, new_word = old[i1][1], new[j1][1]
    kind = "name" if old_word[:1].isupper() and new_word[:1].isupper() else "word"
    if not old_word.isascii() or not new_word.isascii():
        kind = "word"
    return [f"{kind} differs: {old_word} ≠ {new_word}"]


def _core(term: str) -> str:
    # Strip verb-inflection letters so ترفض / رفضت or يفوز / فاز compare equal.
    if len(term) > 3 and term[0] in "يتنا":
        term = term[1:]
    for suffix in ("وا", "ون", "ت", "ن"):
        if len(term) > 3 and term.endswith(suffix):
            term = term[: -len(suffix)]
            break
    return term
