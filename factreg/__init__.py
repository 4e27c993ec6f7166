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

from importlib import import_module
from typing import TYPE_CHECKING, Any

from factreg.convert import Input
from factreg.errors import (
    AmbiguousIdError,
    ClaimNotFoundError,
    FactregError,
    InputError,
    IntegrityError,
    JudgementConflictError,
    OutputError,
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
from factreg.registry import Registry, open
from factreg.results import AddResult, ImportReport, IngestReport, JudgeResult, SuggestedPair
from factreg.store import Store
from factreg.workflow import QueueItem

if TYPE_CHECKING:
    from factreg.claimreview import Organization
    from factreg.extract import ExtractedClaim
    from factreg.semantic import Encoder

# Names whose modules are heavy and loaded on first use (PEP 562), so that `import
# factreg` and `factreg match` do not pay for article extraction or ClaimReview.
_LAZY = {
    "ExtractedClaim": "factreg.extract",
    "Organization": "factreg.claimreview",
    "Encoder": "factreg.semantic",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    if name == "__version__":  # importlib.metadata costs a command's start-up 15-40 ms
        from importlib import metadata

        try:
            return metadata.version("factreg")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module 'factreg' has no attribute {name!r}")


__all__ = [
    "AddResult",
    "AmbiguousIdError",
    "Claim",
    "ClaimNotFoundError",
    "Encoder",
    "Event",
    "ExtractedClaim",
    "FactCheck",
    "FactregError",
    "ImportReport",
    "IngestReport",
    "Input",
    "InputError",
    "IntegrityError",
    "JudgeResult",
    "Judgement",
    "JudgementConflictError",
    "Match",
    "Organization",
    "OutputError",
    "QueueItem",
    "Registry",
    "Relation",
    "ReopenRequiredError",
    "SchemaVersionError",
    "Source",
    "StaleVersionError",
    "Status",
    "Store",
    "StoreError",
    "SuggestedPair",
    "Suggestion",
    "ValidationError",
    "Verdict",
    "__version__",
    "open",
]
