"""
factreg: a fact-check claim registry.

Claims with their source, claimant, attribution chain, confidence and verification
status, matched across articles in Arabic and English::

    import factreg

    with factreg.open("factreg.db") as reg:
        result = reg.add("الوفد المرافق لحفتر يضم 11 من كبار مساعديه", claimant="مصادر مطلعة")
        for match in reg.match("الوفد يضم 15 من مساعديه"):
            print(match.claim.id, match.relation.value, match.reasons)
"""

from factreg.errors import (
    AmbiguousIdError,
    ClaimNotFoundError,
    FactregError,
    InputError,
    IntegrityError,
    JudgementConflictError,
    ReopenRequiredError,
    SchemaVersionError,
    StaleVersionError,
    StoreError,
    ValidationError,
)
from factreg.model import (
    Claim,
    Event,
    FactCheck,
    Judgement,
    Match,
    Relation,
    Source,
    Status,
    Suggestion,
    Verdict,
)
from factreg.registry import AddResult, ImportReport, IngestReport, JudgeResult, Registry, open
from factreg.review import QueueItem

__all__ = [
    "AddResult",
    "AmbiguousIdError",
    "Claim",
    "ClaimNotFoundError",
    "Event",
    "FactCheck",
    "FactregError",
    "ImportReport",
    "IngestReport",
    "InputError",
    "IntegrityError",
    "JudgeResult",
    "Judgement",
    "JudgementConflictError",
    "Match",
    "QueueItem",
    "Registry",
    "Relation",
    "ReopenRequiredError",
    "SchemaVersionError",
    "Source",
    "StaleVersionError",
    "Status",
    "StoreError",
    "Suggestion",
    "ValidationError",
    "Verdict",
    "open",
]
