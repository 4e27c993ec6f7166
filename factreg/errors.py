"""
Every error factreg raises on purpose.

Kept apart from the modules that raise them to avoid import loops. The library never
prints or exits: it raises one of these, and the CLI turns it into ``Error: …``.
"""

from __future__ import annotations


class FactregError(Exception):
    """Base class for every error factreg raises on purpose."""


class ValidationError(FactregError, ValueError):
    """A value does not fit the model (empty text, confidence outside 0..1, …)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class InputError(FactregError, ValueError):
    """A file or stream given to factreg is malformed; the message names file:line: field."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = ":".join(str(p) for p in (file, line) if p is not None)
        parts = [p for p in (where, field, problem) if p]
        super().__init__(": ".join(parts))
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem


class ClaimNotFoundError(FactregError, LookupError):
    """No claim with this id (or id prefix) exists in the registry."""


class AmbiguousIdError(FactregError, LookupError):
    """An id prefix matches more than one claim."""


class StaleVersionError(FactregError):
    """A write was based on a version of a claim that has changed since it was read."""

    def __init__(self, claim_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"claim {claim_id} was changed by someone else: you read version {expected}, "
            f"it is now version {actual}; nothing was written, reload and try again"
        )
        self.claim_id = claim_id
        self.expected = expected
        self.actual = actual


class ReopenRequiredError(FactregError):
    """Sending a verdict back to unverified needs an explicit reopen."""


class JudgementConflictError(FactregError):
    """A merge would join two claims a reviewer judged different (or contradicting)."""


class OutputError(FactregError):
    """A file factreg was asked to write cannot be written where it was named (a missing
    directory, a directory in the way)."""


class StoreError(FactregError):
    """The store cannot be opened or used (missing server, bad URL, corrupt file, …)."""


class SchemaVersionError(StoreError):
    """The database was written by a newer factreg than this one."""


class IntegrityError(StoreError):
    """``check`` found the registry inconsistent."""
