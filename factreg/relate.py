"""
Two claims -> Relation and the reasons a reviewer can read.

relate() is pure. A *conflict* needs two things: the claims are about the same thing
(enough of their index terms are shared) and a key fact differs: a number, an ordinal,
a month, a place, a negation or a contrast word on one side only, an opposite
(ارتفاع ↔ انخفاض), or a swapped word or name where the rest lines up. Otherwise a high
enough fused score makes them the *same*; anything else is *related*.

Reasons name the old claim's side first: ``number differs: 11 ≠ 15`` reads "the earlier
claim says 11, the new one 15".

Thresholds are named constants with how they were chosen: "ANS train" means the train
pairs of the ANS corpus (Khouja 2020) run through ``bench/quality.py --split train``;
the dev pairs are only reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from factreg.facts import MONTH_WORDS, Fact, Facts, facts, month_name
from factreg.model import Relation
from factreg.normalize import ENGLISH_STOPWORDS, fold, term_words

#: Fused score (0..100, from match.rank) from which two claims with no differing fact
#: count as the same. On ANS train, 90 % of "same" pairs score 36 or more and 90 % of
#: the topically close "other" pairs 36 or less; macro-F1 falls steadily from 0.77 at 20
#: to 0.70 at 60, and 40 keeps "related" meaning something.
SAME_SCORE = 40.0
#: Share of the shorter claim's distinct terms the other claim must also have for a
#: differing fact to make a conflict ("about the same thing"). On ANS train 0.3 costs
#: 0.002 macro-F1 against no gate at all, and keeps "number differs" off claims that
#: share little more than a place name.
CONFLICT_OVERLAP = 0.3
#: A swapped word counts as a differing fact only with at least this many terms lined
#: up around it; one differing word among two is just a different claim.
MIN_ALIGNED_TERMS = 3

# A capitalised Latin word inside a sentence: a proper name ("Putin", "Tesla").
_NAME = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][a-zA-Z]+")


def relate(new: str, old: str, *, score: float) -> tuple[Relation, tuple[str, ...]]:
    """
    Decide whether ``new`` restates ``old``, conflicts with it, or is merely related.

    ``score`` is the fused similarity of the two (0..100) from match.rank. Returns the
    relation and reasons such as ``number differs: 11 ≠ 15`` or
    ``negation only in new claim: لم``.
    """
    if fold(new) == fold(old):  # the same words: nothing can differ
        return Relation.SAME, (f"restates it (score {score:.0f})",)
    new_words = term_words(new)
    old_words = term_words(old)
    overlap = term_overlap([t for t, _ in new_words], [t for t, _ in old_words])
    if overlap >= CONFLICT_OVERLAP:
        reasons = differences(facts(new), facts(old))
        if not reasons:
            # the weakest cues, only when no extracted fact explains the pair already
            reasons = swapped_words(new_words, old_words) or swapped_names(new, old)
        if reasons:
            return Relation.CONFLICT, tuple(reasons)
    if score >= SAME_SCORE:
        return Relation.SAME, (f"restates it (score {score:.0f})",)
    return Relation.RELATED, (
        f"similar wording (score {score:.0f}, {overlap:.0%} of terms shared)",
    )


def term_overlap(a: list[str], b: list[str]) -> float:
    """
    The share of the shorter list's distinct terms that the other list also has (0..1).
    """
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def differences(new: Facts, old: Facts) -> list[str]:
    """
    A readable reason for each kind of key fact that differs between two texts.
    """
    reasons = [
        _differing("number", new.numbers, old.numbers, _show_number),
        _differing("ordinal", new.ordinals, old.ordinals, _show_number),
        _differing("month", new.months, old.months, _show_month),
    ]
    # Places conflict only when the claims share none: "السعودية واليمن" and
    # "السعودية والإمارات" may tell one story; "شرق سوريا" and "شرق العراق" cannot.
    if not {f.value for f in new.places} & {f.value for f in old.places}:
        reasons.append(_differing("place", new.places, old.places, _show_surface))
    reasons += [
        _negation(new.negations, old.negations),
        _opposites(new.opposites, old.opposites),
        _one_sided("contrast word", new.contrasts, old.contrasts),
    ]
    return [r for r in reasons if r]


def _show_number(fact: Fact) -> str:
    if fact.value in (fact.surface, fact.surface.replace(",", "")):
        return fact.value
    return f"{fact.surface} ({fact.value})"


def _show_surface(fact: Fact) -> str:
    return fact.surface


def _show_month(fact: Fact) -> str:
    name = month_name(fact.value)
    return name if fact.surface.isascii() else f"{fact.surface} ({name})"


def _differing(
    kind: str, new: tuple[Fact, ...], old: tuple[Fact, ...], show: Callable[[Fact], str]
) -> str | None:
    # A fact differs when each side has a value the other lacks: an extra number on one
    # side only ("الأولى عربيا و27 عالميا") adds detail, it does not contradict.
    new_values = {f.value for f in new}
    old_values = {f.value for f in old}
    # one fact per value, as first written: "حزيران/ يونيو" is shown as حزيران (June)
    only_old = {f.value: f for f in reversed(old) if f.value not in new_values}
    only_new = {f.value: f for f in reversed(new) if f.value not in old_values}
    if not only_old or not only_new:
        return None
    left = ", ".join(show(f) for f in reversed(only_old.values()))
    right = ", ".join(show(f) for f in reversed(only_new.values()))
    return f"{kind} differs: {left} ≠ {right}"


def _negation(new: tuple[Fact, ...], old: tuple[Fact, ...]) -> str | None:
    # Any negation on both sides agrees: "لم يحدث" and "لا يحدث" say the same.
    if new and not old:
        return f"negation only in new claim: {new[0].surface}"
    if old and not new:
        return f"negation only in earlier claim: {old[0].surface}"
    return None


def _one_sided(kind: str, new: tuple[Fact, ...], old: tuple[Fact, ...]) -> str | None:
    old_values = {f.value for f in old}
    new_values = {f.value for f in new}
    for fact in new:
        if fact.value not in old_values:
            return f"{kind} only in new claim: {fact.surface}"
    for fact in old:
        if fact.value not in new_values:
            return f"{kind} only in earlier claim: {fact.surface}"
    return None


def _opposites(new: tuple[Fact, ...], old: tuple[Fact, ...]) -> str | None:
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


def swapped_words(new: Sequence[tuple[str, str]], old: Sequence[tuple[str, str]]) -> list[str]:
    """
    A reason when exactly one word of ``old`` is replaced by one other word in ``new``
    and the rest lines up ("العالم العربي" / "العالم الغربي", "Apple" / "Tesla").

    Both arguments are :func:`~factreg.normalize.term_words` lists. At least
    :data:`MIN_ALIGNED_TERMS` terms must line up, and the two words must not be forms
    of one another (ترفض / رفضت) nor name one fact two ways (بكين and الصين: the same
    place).
    """
    new_terms = [t for t, _ in new]
    old_terms = [t for t, _ in old]
    matcher = SequenceMatcher(None, old_terms, new_terms, autojunk=False)
    if sum(block.size for block in matcher.get_matching_blocks()) < MIN_ALIGNED_TERMS:
        return []
    changed = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changed) != 1:
        return []
    tag, i1, i2, j1, j2 = changed[0]
    if tag != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
        return []
    old_word, new_word = old[i1][1], new[j1][1]
    if _core(old_terms[i1]) == _core(new_terms[j1]) or _same_fact(old_word, new_word):
        return []
    capitalised = old_word[:1].isupper() and new_word[:1].isupper()
    return [f"{'name' if capitalised else 'word'} differs: {old_word} ≠ {new_word}"]


def swapped_names(new: str, old: str) -> list[str]:
    """
    A reason when two Latin-script claims each name someone the other does not
    ("Obama signed the order" / "Bush signed the order").

    Names are capitalised words inside a sentence (not its first word); stopwords, month
    names and places are left out. The reason lists each side's names the other lacks.
    """
    # a name is missing from the other claim only if that claim lacks the word entirely
    # (it may open its sentence there: "Senator Cruz …" / "… and Senator Warren")
    only_old = [n for n in _names(old) if not _mentions(new, n)]
    only_new = [n for n in _names(new) if not _mentions(old, n)]
    if not only_old or not only_new:
        return []
    return [f"name differs: {', '.join(only_old)} ≠ {', '.join(only_new)}"]


def _mentions(text: str, name: str) -> bool:
    """
    Whether ``text`` holds ``name``, also inside a camel-case hashtag: "#PutItToThePeople"
    folds to several words, the bare name to one.
    """
    words, folded = fold(text), fold(name)
    return f" {folded} " in f" {words} " or folded in words.replace(" ", "")


def _names(text: str) -> list[str]:
    found = []
    for name in _NAME.findall(text.strip()):
        folded = fold(name)
        # places are compared as places (China and Beijing agree)
        if folded not in ENGLISH_STOPWORDS and folded not in MONTH_WORDS and not facts(name).places:
            found.append(name)
    return list(dict.fromkeys(found))


def _same_fact(a: str, b: str) -> bool:
    a_facts = _fact_keys(a)
    return bool(a_facts) and a_facts == _fact_keys(b)


def _fact_keys(word: str) -> set[tuple[str, str]]:
    # any negation is as good as another (لم / لن / لا)
    return {(f.kind, "" if f.kind == "negation" else f.value) for kind in facts(word) for f in kind}


def _core(term: str) -> str:
    # Strip verb-inflection letters so ترفض / رفضت or يفوز / فاز compare equal.
    if len(term) > 3 and term[0] in "يتنا":
        term = term[1:]
    for suffix in ("وا", "ون", "ت", "ن"):
        if len(term) > 3 and term.endswith(suffix):
            return term[: -len(suffix)]
    return term
