"""
Two claims -> Relation and the reasons a reviewer can read.

(First cut: numbers and fuzzy score only; the matching work extends it.)
"""

from __future__ import annotations

import re

from factreg.model import Relation
from factreg.normalize import fold

#: Fuzzy score (0..100) from which two claims with no differing fact count as the same.
SAME_SCORE = 90.0

_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def relate(new: str, old: str, *, score: float) -> tuple[Relation, tuple[str, ...]]:
    """
    Decide whether ``new`` restates ``old``, conflicts with it, or is merely related.

    ``score`` is the fuzzy similarity of the two (0..100) computed by match.py.
    """
    new_numbers = set(_NUMBER.findall(fold(new)))
    old_numbers = set(_NUMBER.findall(fold(old)))
    if new_numbers and old_numbers and new_numbers != old_numbers:
        a = ", ".join(sorted(old_numbers - new_numbers)) or "-"
        b = ", ".join(sorted(new_numbers - old_numbers)) or "-"
        return Relation.CONFLICT, (f"number differs: {a} ≠ {b}",)
    if score >= SAME_SCORE:
        return Relation.SAME, (f"restates it (score {score:.0f})",)
    return Relation.RELATED, (f"similar wording (score {score:.0f})",)
