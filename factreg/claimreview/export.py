"""
Writing ClaimReview JSON-LD: the registry's reviews, for pages and search engines.

One ClaimReview per cluster that has a verdict of the organisation's own, authored by
that organisation, and one per fact check imported from elsewhere, reproduced as its
publisher wrote it (value, scale and label exactly).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

import attrs

from factreg.claimreview.ratings import BEST_RATING, WORST_RATING, rating_label
from factreg.convert import dump_row
from factreg.errors import ValidationError
from factreg.extract import claimant_kind, plausible_claimant
from factreg.model import Claim, FactCheck, Source

#: The ``@context`` of every exported review.
SCHEMA = "https://schema.org"


# -- the reviewing organisation ------------------------------------------------------------


def _org_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("org.name", "is empty")
    return value.strip()


def _checked_url(field: str, value: str) -> str:
    # FactCheck checks a URL the way the model checks every URL; the error is renamed.
    try:
        return str(FactCheck(url=value).url)
    except ValidationError as exc:
        raise ValidationError(field, exc.problem) from None


def _org_url(value: Any) -> str | None:
    return _checked_url("org.url", value) if value else None


@attrs.frozen
class Organization:
    """
    Who authors the registry's own reviews: name, home page, and where reviews live.

    ``review_url`` is a template for each review's ``url`` with ``{id}`` standing for the
    id of the claim that carries the verdict (``https://example.org/checks/{id}``).
    Without it a review's url is the home page with ``#<id>``: an address that names the
    review without pretending a page exists.
    """

    name: str = attrs.field(converter=_org_name)
    url: str | None = attrs.field(default=None, converter=_org_url)
    review_url: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.review_url is not None and "{id}" not in self.review_url:
            raise ValidationError("org.review_url", "needs {id} where the claim id goes")
        self.url_for("c-0")  # fail now, not halfway through an export

    def url_for(self, claim_id: str) -> str:
        """
        The ``url`` of the review of the verdict carried by ``claim_id``.

        Raises:
            ValidationError: neither ``review_url`` nor ``url`` is set.
        """
        if self.review_url is not None:
            return _checked_url("org.review_url", self.review_url.replace("{id}", claim_id))
        if self.url is not None:
            return _checked_url("org.url", f"{self.url.split('#')[0]}#{claim_id}")
        raise ValidationError(
            "org.url", "is needed for the url of each review (or give a review url template)"
        )


# -- reviews -------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Review:
    """
    One exported ClaimReview: its JSON-LD object and the file name it is written under.
    """

    key: str
    data: dict[str, Any]


def imported_verdict(claim: Claim) -> bool:
    """
    Whether ``claim``'s status was read from the published reviews it carries.

    A claim registered from a ClaimReview has its status from that review until a
    reviewer records one of the organisation's own, which raises its version above 1.
    """
    return bool(claim.fact_checks) and claim.version == 1


def own_verdict(members: Iterable[Claim]) -> Claim | None:
    """
    The cluster member carrying the organisation's current verdict, or None.

    As :meth:`Registry.cluster_verdict`: the most recently updated member with a verdict,
    leaving out verdicts read from imported reviews (those are exported as they were
    published, under their own author, never as the organisation's).
    """
    own = [c for c in members if c.status.is_verdict and not imported_verdict(c)]
    return max(own, key=lambda c: (c.updated_at, c.id)) if own else None


def build_reviews(
    claims: Iterable[Claim],
    *,
    org: Organization | None = None,
) -> list[Review]:
    """
    The ClaimReviews of ``claims`` (a whole registry, oldest first), cluster by cluster.

    Per cluster: one review authored by ``org`` when the cluster has a verdict of the
    organisation's own (:func:`own_verdict`); then each imported fact check of its
    claims, reproduced as published, once per fact check and claim text.

    Raises:
        ValidationError: there are reviews of the organisation's own and ``org`` is None.
    """
    clusters: dict[str, list[Claim]] = {}
    carriers: dict[tuple[FactCheck, str], list[Claim]] = {}
    for claim in claims:
        clusters.setdefault(claim.cluster or claim.id, []).append(claim)
        for fc in claim.fact_checks:
            carriers.setdefault((fc, claim.text), []).append(claim)
    verdicts = {root: own_verdict(members) for root, members in clusters.items()}
    wanted = sum(v is not None for v in verdicts.values())
    if wanted and org is None:
        have = "1 cluster has" if wanted == 1 else f"{wanted} clusters have"
        raise ValidationError(
            "org",
            f"{have} verdicts of your own: name the reviewing "
            "organisation to author their reviews "
            "(--org-name and --org-url, or FACTREG_ORG_NAME/FACTREG_ORG_URL)",
        )
    out: list[Review] = []
    done: set[tuple[FactCheck, str]] = set()
    for root, members in clusters.items():
        verdict = verdicts[root]
        if verdict is not None and org is not None:
            out.append(_own_review(verdict, members, org))
        for claim in members:
            for fc in claim.fact_checks:
                if (fc, claim.text) not in done:
                    done.add((fc, claim.text))
                    out.append(_reproduced(fc, carriers[(fc, claim.text)]))
    return out


def _own_review(verdict: Claim, members: Sequence[Claim], org: Organization) -> Review:
    status = verdict.status
    rating: dict[str, Any] = {"@type": "Rating"}
    if status.rating is not None:
        rating.update(ratingValue=status.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    rating["alternateName"] = rating_label(status, verdict.lang)
    rating["ratingExplanation"] = verdict.note
    claimant = verdict.claimant or next((c.claimant for c in members if c.claimant), None)
    data = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": org.url_for(verdict.id),
        "claimReviewed": verdict.text,
        "datePublished": verdict.updated_at.date().isoformat(),
        "inLanguage": verdict.lang,
        "author": _present({"@type": "Organization", "name": org.name, "url": org.url}),
        "reviewRating": _present(rating),
        "itemReviewed": _item_reviewed(members, claimant),
    }
    return Review(key=verdict.id, data=_present(data))


def _reproduced(fc: FactCheck, carriers: Sequence[Claim]) -> Review:
    first = carriers[0]
    rating = _present(
        {
            "@type": "Rating",
            "ratingValue": fc.rating_value,
            "bestRating": fc.best_rating,
            "worstRating": fc.worst_rating,
            "alternateName": fc.label,
            "ratingExplanation": fc.explanation,
        }
    )
    author = _present({"@type": "Organization", "name": fc.reviewer, "url": fc.reviewer_url})
    data = {
        "@context": SCHEMA,
        "@type": "ClaimReview",
        "url": fc.url,
        "claimReviewed": first.text,
        "datePublished": fc.published_text or _iso(fc.published),
        "inLanguage": first.lang,
        "author": author if len(author) > 1 else None,
        "reviewRating": rating if len(rating) > 1 else None,
        # Only the articles that carry this review: the publisher reviewed those, not the
        # rest of a cluster it never saw.
        "itemReviewed": _item_reviewed(
            carriers,
            next((c.claimant for c in carriers if c.claimant), None),
            claimed=fc.claim_date_text or _iso(fc.claim_date),
        ),
    }
    digest = hashlib.blake2b(repr(attrs.astuple(fc)).encode("utf-8"), digest_size=4)
    return Review(key=f"{first.id}-{digest.hexdigest()}", data=_present(data))


_AUTHOR_TYPES = {"person": "Person", "organization": "Organization"}


def _item_reviewed(
    claims: Sequence[Claim], claimant: str | None, *, claimed: str | None = None
) -> dict[str, Any]:
    """
    The Claim reviewed: its claimant, its appearances, and when it was made (``claimed``,
    as the review gave it, else the first appearance's date).
    """
    item: dict[str, Any] = {"@type": "Claim"}
    if claimant is not None and not plausible_claimant(claimant):
        # "has been", «فيها», "though a spokesperson": no author; the claim is the outlet's
        claimant = next(
            (c.source.publisher for c in claims if c.source and c.source.publisher), None
        )
    if claimant is not None:
        # An outlet speaking for itself is an organisation; otherwise the name says: a
        # person, a body, or an unnamed source, written as a bare name ("مصادر مطلعة" is
        # no Person).
        outlet = any(c.source is not None and c.source.publisher == claimant for c in claims)
        kind = "organization" if outlet else claimant_kind(claimant)
        if kind == "anonymous":
            item["author"] = claimant
        else:
            item["author"] = {"@type": _AUTHOR_TYPES[kind], "name": claimant}
    appearances = _appearances(claims)
    item["datePublished"] = claimed or (
        appearances[0].get("datePublished") if appearances else None
    )
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    return _present(item)


def _appearances(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """
    A CreativeWork per article, earliest first (by date, then as registered).

    An article known by publisher and date only (no URL) is an appearance too: it may be
    the first one, and leaving it out would date the claim by a later article.
    """
    seen: dict[str, tuple[Source, datetime]] = {}
    for claim in claims:
        source = claim.source
        if source is not None and source.key not in seen:
            seen[source.key] = (source, claim.created_at)
    ordered = sorted(seen.values(), key=lambda sc: (_when(sc[0].published), sc[1]))
    return [
        _present(
            {
                "@type": "CreativeWork",
                "url": source.url,
                "headline": source.title,
                "datePublished": _iso(source.published),
                "inLanguage": source.language,
                "publisher": {"@type": "Organization", "name": source.publisher}
                if source.publisher
                else None,
            }
        )
        for source, _ in ordered
    ]


def _when(value: date | datetime | None) -> tuple[int, datetime]:
    if value is None:
        return (1, datetime.min.replace(tzinfo=timezone.utc))
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    return (0, value)


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def write_reviews(reviews: Sequence[Review], stream: IO[str]) -> int:
    """
    Write ``reviews`` as one JSON array, one review a line; return how many.

    Text is UTF-8 as is (Arabic stays readable); only characters that could reorder or
    drive a terminal are escaped, as in the JSON Lines export.
    """
    lines = [dump_row(review.data) for review in reviews]
    stream.write("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n")
    return len(lines)


def write_review_dir(
    reviews: Sequence[Review],
    directory: str | os.PathLike[str],
) -> list[str]:
    """
    Write each review to ``<key>.json`` in ``directory``; return the file names.

    Each file is written to a temporary name and renamed into place, so a web server
    never serves half a review.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    for review in reviews:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", review.key) + ".json"
        temporary = root / f".{name}.tmp"
        temporary.write_text(dump_row(review.data) + "\n", encoding="utf-8")
        temporary.replace(root / name)
        names.append(name)
    return names


def json_ld_script(data: Mapping[str, Any]) -> str:
    """
    ``data`` as a ``<script type="application/ld+json">`` element for an HTML page.

    ``<``, ``>`` and ``&`` are escaped inside the JSON, so a claim quoting
    ``</script>`` cannot end the element early.
    """
    text = dump_row(dict(data))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'
