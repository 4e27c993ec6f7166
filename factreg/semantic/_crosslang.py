"""
Two claims in different languages -> relation and reasons, from the facts both state.

Lexical ``relate`` needs shared words, which a claim and its translation do not have.
Here the embedding similarity says the two are about the same thing; what ``facts``
reads from each side (numbers in digits of any script or in words, months, places named
in either language) says whether a key fact changed: a figure one side gives and the
other replaces is a conflict in any language pair (``number differs: 11 ≠ 15``), and so
are places with none in common. A fact only one side states is not a conflict (a
translation may drop "2016" or spell "two" as an Arabic dual).

Pure: no numpy, no store.
"""

from __future__ import annotations

from collections.abc import Callable

from factreg.facts import Fact, facts, month_name
from factreg.model import Relation

#: Names of languages in reasons ("same claim in English").
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English"}


def language_name(lang: str | None) -> str:
    """
    The English name of a language code, or the code itself.
    """
    return LANGUAGE_NAMES.get(lang or "", lang or "another language")


def cross_relate(
    new: str, old: str, *, old_lang: str | None, similarity: float
) -> tuple[Relation, tuple[str, ...]]:
    """
    How ``new`` relates to ``old`` (a claim in another language) at this cosine similarity.

    CONFLICT when a number or month differs (each side states one the other does not),
    or when both name places and none in common (places are read in both languages:
    القاهرة and Cairo are both Egypt); otherwise RELATED. Never SAME: a pair across
    languages is for a reviewer to join. The first reason names the other claim's
    language and the similarity.
    """
    reasons = [f"same claim in {language_name(old_lang)}, similarity {similarity:.2f}"]
    before, after = facts(old), facts(new)
    differing = [
        _differing("number", list(before.numbers), list(after.numbers), lambda f: f.value),
        _differing(
            "month",
            list(before.months),
            list(after.months),
            lambda f: f"{f.surface} ({month_name(f.value)})",
        ),
    ]
    if (
        before.places
        and after.places
        and not {f.value for f in before.places} & {f.value for f in after.places}
    ):
        differing.append(_differing("place", list(before.places), list(after.places), _show_place))
    found = [d for d in differing if d is not None]
    reasons += found
    return (Relation.CONFLICT if found else Relation.RELATED), tuple(reasons)


def _show_place(fact: Fact) -> str:
    return fact.surface if fact.surface == fact.value else f"{fact.surface} ({fact.value})"


def _differing(
    kind: str, old: list[Fact], new: list[Fact], show: Callable[[Fact], str]
) -> str | None:
    old_values = {f.value for f in old}
    new_values = {f.value for f in new}
    only_old = [f for f in old if f.value not in new_values]
    only_new = [f for f in new if f.value not in old_values]
    if not only_old or not only_new:
        return None
    left = ", ".join(dict.fromkeys(show(f) for f in only_old))
    right = ", ".join(dict.fromkeys(show(f) for f in only_new))
    return f"{kind} differs: {left} ≠ {right}"
