"""
The status workflow and queue order, without a store.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from factreg.errors import ReopenRequiredError, ValidationError
from factreg.model import Claim, Status
from factreg.workflow import Decision, QueueItem, apply, order, reviewer_name

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def _item(kind: str, claim_id: str, articles: int, age_days: int) -> QueueItem:
    claim = Claim(id=claim_id, text="x", created_at=T0)
    return QueueItem(
        kind=kind,
        claim=claim,
        articles=articles,
        since=T0 - timedelta(days=age_days),
        other=claim if kind != "claim" else None,
    )


class TestApply:
    def test_changed_fields_only_are_reported(self) -> None:
        """
        before/after hold exactly the fields the decision changed.
        """
        claim = Claim(id="a", text="x", note="keep", created_at=T0)

        changed, before, after = apply(
            claim, Decision(status="false", confidence=0.5), at=T0 + timedelta(hours=1)
        )

        assert {"status": "unverified", "confidence": None} == before
        assert {"status": "false", "confidence": 0.5} == after
        assert (2, "keep", T0 + timedelta(hours=1)) == (
            changed.version,
            changed.note,
            changed.updated_at,
        )

    def test_reopen_required_to_leave_a_verdict_for_unverified(self) -> None:
        """
        false -> unverified without reopen is refused; in_review is allowed (work resumes).
        """
        judged = Claim(id="a", text="x", status="false", created_at=T0)

        with pytest.raises(ReopenRequiredError):
            apply(judged, Decision(status="unverified"))

        assert Status.IN_REVIEW == apply(judged, Decision(status="in_review"))[0].status

    def test_reopen_must_go_to_an_open_status(self) -> None:
        """
        "reopen to false" makes no sense and is refused.
        """
        with pytest.raises(ValidationError, match="reopen"):
            apply(Claim(id="a", text="x", created_at=T0), Decision(status="false", reopen=True))

    def test_clock_never_goes_backwards(self) -> None:
        """
        A reviewer's clock behind the claim's last update never makes updated_at go back.
        """
        claim = Claim(id="a", text="x", created_at=T0)

        changed, _, _ = apply(claim, Decision(status="true"), at=T0 - timedelta(days=1))

        assert T0 == changed.updated_at


class TestOrder:
    def test_conflicts_then_articles_then_oldest(self) -> None:
        """
        The documented order: conflicts first, then most articles, then oldest.
        """
        items = [
            _item("claim", "young", 1, 1),
            _item("claim", "old", 1, 9),
            _item("claim", "popular", 4, 0),
            _item("related", "pair", 1, 5),
            _item("conflict", "clash", 1, 0),
        ]

        assert ["clash", "popular", "old", "pair", "young"] == [i.claim.id for i in order(items)]


class TestReviewerName:
    def test_explicit_then_environment_then_os_user(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """
        --reviewer beats $FACTREG_REVIEWER, which beats the OS user.
        """
        monkeypatch.setenv("FACTREG_REVIEWER", "env-name")
        monkeypatch.setattr("getpass.getuser", lambda: "os-user")

        assert "given" == reviewer_name("given")
        assert "env-name" == reviewer_name(None)
        monkeypatch.delenv("FACTREG_REVIEWER")
        assert "os-user" == reviewer_name(None)
