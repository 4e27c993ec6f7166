"""
What the Registry's verbs return: named, frozen result values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import attrs

from factreg.errors import InputError
from factreg.model import Claim, Judgement, Match, Source, Suggestion

if TYPE_CHECKING:  # extract loads only when an article is ingested
    from factreg.extract import ExtractedClaim


@attrs.frozen
class AddResult:
    """
    What adding one claim did: the claim as registered, its matches, and what followed.

    ``existing`` is True when the claim was already registered (nothing was written).
    """

    claim: Claim
    matches: tuple[Match, ...] = ()
    linked: tuple[str, ...] = ()
    suggested: tuple[str, ...] = ()
    existing: bool = False


@attrs.frozen
class ImportReport:
    """
    The outcome of an import: counts, and every line skipped as invalid.
    """

    added: int = 0
    present: int = 0
    linked: int = 0
    suggested: int = 0
    invalid: tuple[InputError, ...] = ()
    notes: tuple[str, ...] = ()
    #: Claims registered before that a ClaimReview import gave a published review.
    reviewed: int = 0

    def __add__(self, other: ImportReport) -> ImportReport:
        """
        The counts and notes of two parts of one import together.
        """
        return ImportReport(
            added=self.added + other.added,
            present=self.present + other.present,
            linked=self.linked + other.linked,
            suggested=self.suggested + other.suggested,
            invalid=self.invalid + other.invalid,
            notes=self.notes + other.notes,
            reviewed=self.reviewed + other.reviewed,
        )


@attrs.frozen
class IngestReport:
    """
    What ingesting an article found: each extracted claim with what registering it did.
    """

    source: Source
    claims: tuple[tuple[ExtractedClaim, AddResult], ...]
    dry_run: bool = False

    @property
    def added(self) -> int:
        """
        How many claims were new (or would be, on a dry run).
        """
        return sum(not result.existing for _, result in self.claims)


@attrs.frozen
class JudgeResult:
    """
    A recorded judgement and its consequence for the two claims' clusters.
    """

    judgement: Judgement
    cluster_a: str
    cluster_b: str
    warning: str | None = None


class SuggestedPair(NamedTuple):
    """
    An open suggestion with both its claims: ``claim`` the newer, ``other`` the earlier.
    """

    suggestion: Suggestion
    claim: Claim
    other: Claim


__all__ = ["AddResult", "ImportReport", "IngestReport", "JudgeResult", "SuggestedPair"]
