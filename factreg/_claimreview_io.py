"""
ClaimReview feeds into the registry and the registry out as ClaimReview (private).

``claimreview.py`` reads and writes the JSON-LD; this module registers what it read
(through the import pipeline, so reviews are matched like any claim) and reads the
registry for what it writes. Loaded only when a ClaimReview verb is used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import IO, Any

import attrs

from factreg import claimreview
from factreg._files import atomic_text
from factreg._importing import Importer
from factreg.convert import Input, converter
from factreg.model import Claim, Event, Status, utcnow
from factreg.results import ImportReport
from factreg.store.records import ClaimRecord, claim_record


def import_feeds(
    importer: Importer,
    inputs: Sequence[Input],
    *,
    labels: Mapping[str, Status | str] | None,
    match: bool,
    skip_invalid: bool = False,
) -> ImportReport:
    """
    Register the claims of ClaimReview feeds (see :meth:`factreg.Registry.import_claimreview`).
    """
    feed = claimreview.read_feeds(inputs, labels=labels, skip_invalid=skip_invalid)
    notes = list(feed.notes)
    store = importer.store
    with store.transaction():
        claims = [claim_record(item.claim) for item in feed.items]
        twins = store.same_text_ids(claims)
        report = importer.register_all(
            (
                (record, {"file": item.file, "item": item.path})
                for item, record in zip(feed.items, claims, strict=True)
            ),
            match=match,
            action="import",
        )
        registered = store.get_claims(t for t in twins if t is not None)
        reviewed = sum(
            _add_reviews(importer, item, registered[twin], notes)
            for item, twin in zip(feed.items, twins, strict=True)
            if twin is not None
        )
        linked = importer.matcher.clusters.join_same_text(_same_text(importer, claims), notes)
    return attrs.evolve(
        report,
        linked=report.linked + linked,
        reviewed=reviewed,
        notes=(*notes, *report.notes),
        invalid=feed.invalid,
    )


def _add_reviews(
    importer: Importer, item: claimreview.FeedItem, kept: Claim, notes: list[str]
) -> bool:
    """
    Give ``kept``, registered before this import, the reviews ``item`` brings that it
    does not carry yet, with their URLs as evidence; True if there were any.

    A claim without a verdict takes the reviews' status. A reviewer's verdict is kept
    as it is, and a review that says otherwise is reported in ``notes``.
    """
    given = item.claim
    added = tuple(
        fc
        for fc in given.fact_checks
        if not any(claimreview.same_review(fc, k) for k in kept.fact_checks)
    )
    if not added:
        return False
    status = kept.status
    if given.status.is_verdict and given.status != kept.status:
        if kept.status.is_verdict:
            notes.append(
                f"{item.file}: {item.path}: {kept.id} keeps its verdict "
                f"{kept.status.value}; the review added to it says "
                f"{given.status.value}"
            )
        else:
            status = given.status
    evidence = tuple(u for u in given.evidence if u not in kept.evidence)
    changed = attrs.evolve(
        kept,
        fact_checks=kept.fact_checks + added,
        status=status,
        evidence=kept.evidence + evidence,
        updated_at=utcnow(),
        version=kept.version + 1,
    )
    importer.store.update_claim(changed, kept.version)
    after: dict[str, Any] = {"fact_checks": converter.unstructure(added)}
    before: dict[str, Any] | None = None
    if evidence:
        after["evidence"] = list(evidence)
    if status != kept.status:
        before, after["status"] = {"status": kept.status.value}, status.value
    after.update(file=item.file, item=item.path)
    importer.store.append_events(
        [
            Event(
                claim_id=kept.id,
                action="fact-check",
                actor=importer.actor,
                at=changed.updated_at,
                version=changed.version,
                before=before,
                after=after,
            )
        ]
    )
    return True


def _same_text(importer: Importer, claims: Sequence[ClaimRecord]) -> list[list[str]]:
    """
    The registered ids of each text of the feed that several of its articles carry.
    """
    ids: dict[str, list[str]] = {}
    for claim, found in zip(claims, importer.store.same_text_ids(claims), strict=True):
        if found is not None and found not in ids.get(claim.text, []):
            ids.setdefault(claim.text, []).append(found)
    return list(ids.values())


def export_reviews(
    importer: Importer,
    target: str | os.PathLike[str] | IO[str] | None,
    *,
    org: claimreview.Organization | None,
    directory: str | os.PathLike[str] | None,
) -> int:
    """
    Write the registry's ClaimReviews to a file, a text stream or a directory.
    """
    if (target is None) == (directory is None):
        raise TypeError("give a file or stream, or a directory")
    reviews = claimreview.build_reviews(importer.store.iter_claims(), org=org)
    if directory is not None:
        return len(claimreview.write_review_dir(reviews, directory))
    assert target is not None
    if isinstance(target, (str, os.PathLike)):
        with atomic_text(target) as stream:
            return claimreview.write_reviews(reviews, stream)
    return claimreview.write_reviews(reviews, target)


__all__ = ["export_reviews", "import_feeds"]
