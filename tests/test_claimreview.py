"""
Tests for factreg.claimreview: the rating table, ClaimReview import and export, the CLI.
"""

# STYLE.md has asserts read `expected == actual`; ruff's SIM300 calls that a Yoda condition.

from __future__ import annotations

import io
import json
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

import extruct
import pytest
from click.testing import CliRunner

import factreg
from factreg import claimreview
from factreg.claimreview import (
    RATING_LABELS,
    Organization,
    json_ld_script,
    status_for_label,
    status_for_rating,
)
from factreg.cli import cli
from factreg.convert import claim_to_row
from factreg.errors import InputError, ValidationError
from factreg.model import Claim, Source, Status
from factreg.normalize import fold
from factreg.registry import Registry

DATA = Path(__file__).resolve().parent / "data" / "claimreview"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "claimreview.md"
SCALES = DATA / "scales.json"
ORG = Organization(name="Example Desk", url="https://desk.example.org")
PARKING = "The city council doubled the parking fee to 4 dollars an hour in March 2023"
BREAD = "ارتفع سعر الخبز في المدينة إلى ثلاثة أضعاف خلال شهر واحد"
RAINFALL = "Rainfall last spring was the lowest in a hundred years"


def _review(text: str, **fields: Any) -> dict[str, Any]:
    """
    A minimal valid ClaimReview of ``text``; ``fields`` replace or add keys.
    """
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": text,
        "url": "https://checks.example.org/reviews/" + str(abs(hash(text)) % 10_000),
        "author": {"@type": "Organization", "name": "Example Checks"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }
    review.update(fields)
    return review


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _tsv(path: Traversable) -> list[list[str]]:
    """
    The rows of a package data table, header first, comment lines left out.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


def _export(registry: Registry, org: Organization | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    registry.export_claimreview(out, org=org)
    reviews: list[dict[str, Any]] = json.loads(out.getvalue())
    return reviews


def _by_text(registry: Registry) -> dict[str, list[Claim]]:
    found: dict[str, list[Claim]] = {}
    for claim in registry.claims():
        found.setdefault(claim.text, []).append(claim)
    return found


def _snapshot(registry: Registry) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """
    Every claim as exported, and every audit event: what "unchanged" compares.
    """
    claims = [claim_to_row(c) for c in registry.claims()]
    events = [(e.seq, e.claim_id, e.action, e.after) for e in registry.history()]
    return claims, events


# -- the rating table ---------------------------------------------------------------------


class TestRatings:
    @pytest.mark.parametrize(
        ("status", "rating", "back"),
        [
            (Status.TRUE, 5, Status.TRUE),
            (Status.MOSTLY_TRUE, 4, Status.MOSTLY_TRUE),
            (Status.MIXED, 3, Status.MIXED),
            (Status.MOSTLY_FALSE, 2, Status.MOSTLY_FALSE),
            (Status.FALSE, 1, Status.FALSE),
            (Status.MISLEADING, 2, Status.MOSTLY_FALSE),
        ],
    )
    def test_status_to_rating_and_back(self, status: Status, rating: int, back: Status) -> None:
        """
        Each verdict rates 1..5 and the rating reads back as that verdict; misleading
        shares 2 with mostly false, so a bare 2 reads as mostly false.
        """
        actual = status.rating

        assert rating == actual
        assert back == status_for_rating(rating)

    @pytest.mark.parametrize(
        ("value", "best", "worst", "expected"),
        [
            (0, 10, 0, Status.FALSE),
            (5, 10, 0, Status.MIXED),
            (7, 10, 0, Status.MOSTLY_TRUE),
            (10, 10, 0, Status.TRUE),
            ("3", 0, 10, Status.MOSTLY_TRUE),  # inverted: 0 is best
            ("9", "0", "10", Status.FALSE),
            (2.0, None, None, Status.MOSTLY_FALSE),  # schema.org's default scale 1..5
        ],
    )
    def test_other_scales_rescaled(
        self, value: Any, best: Any, worst: Any, expected: Status
    ) -> None:
        """
        A value on another scale, inverted ones too, is rescaled to 1..5 for the status.
        """
        actual = status_for_rating(value, best=best, worst=worst)

        assert expected == actual

    @pytest.mark.parametrize(
        ("value", "best", "worst", "message"),
        [
            (7, 5, 1, "ratingValue: 7 is outside its scale 1..5"),
            ("0", None, None, "ratingValue: '0' is outside its scale 1..5"),
            ("high", None, None, "ratingValue: expected a number, got 'high'"),
            (3, 5, 5, "bestRating: equals worstRating (5)"),
        ],
    )
    def test_bad_rating_refused(self, value: Any, best: Any, worst: Any, message: str) -> None:
        """
        A value outside its scale, not a number, or on an empty scale is refused.
        """
        with pytest.raises(ValidationError) as info:
            status_for_rating(value, best=best, worst=worst)

        assert message == str(info.value)

    @pytest.mark.parametrize(
        ("label", "expected"),
        [
            ("False", Status.FALSE),
            ("PANTS ON FIRE!", Status.FALSE),
            ("Half-True", Status.MIXED),
            ("mostly false", Status.MOSTLY_FALSE),
            ("Mostly True", Status.MOSTLY_TRUE),
            ("True", Status.TRUE),
            ("Misleading", Status.MISLEADING),
            ("Unproven", Status.UNVERIFIABLE),
            ("Satire", Status.FALSE),
            ("Mixture", Status.MIXED),
            ("خاطئ", Status.FALSE),
            ("خَاطِئ", Status.FALSE),
            ("خطأ", Status.FALSE),
            ("مُضَلِّل", Status.MISLEADING),
            ("زائف", Status.FALSE),
            ("كاذب", Status.FALSE),
            ("صحيح", Status.TRUE),
            ("نصف صحيح", Status.MIXED),
            ("غير دقيق", Status.MOSTLY_FALSE),
            ("مفبرك", Status.FALSE),
            ("ساخر", Status.FALSE),
            ("صحيح جزئيًا", Status.MIXED),
        ],
    )
    def test_label_to_status(self, label: str, expected: Status) -> None:
        """
        English and Arabic textual ratings map to a status whatever their case,
        punctuation or tashkeel.
        """
        actual = status_for_label(label)

        assert expected == actual

    def test_table_is_consistent(self) -> None:
        """
        Labels of the table that fold alike map to one status, so order never matters.
        """
        folded: dict[str, set[Status]] = {}
        for label, status in claimreview.LABELS.items():
            folded.setdefault(fold(label), set()).add(status)

        assert {} == {key: found for key, found in folded.items() if len(found) > 1}

    def test_table_documented(self) -> None:
        """
        docs/claimreview.md lists exactly the labels of the table, under their status and
        in the column of their language.
        """
        doc = DOCS.read_text(encoding="utf-8")
        section = doc[
            doc.index("The table (`factreg.claimreview.LABELS`)") : doc.index(
                "Choices worth knowing"
            )
        ]
        documented: dict[str, tuple[Status, str]] = {}
        for row in section.splitlines():
            cells = [c.strip() for c in row.strip("|").split("|")]
            if row.startswith("| `"):
                for cell, lang in zip(cells[1:], ("en", "ar", "fr"), strict=True):
                    for label in filter(None, cell.replace("، ", ", ").split(", ")):
                        documented[label] = (Status.parse(cells[0].strip("`")), lang)

        assert {
            label: (status, claimreview.LABEL_LANGUAGES[label])
            for label, status in claimreview.LABELS.items()
        } == documented

    @pytest.mark.parametrize("lang", sorted(RATING_LABELS))
    def test_exported_labels_read_back(self, lang: str) -> None:
        """
        The label an export gives each verdict maps back to that verdict.
        """
        verdicts = [s for s in Status if s.is_verdict]

        actual = {s: status_for_label(claimreview.rating_label(s, lang) or "") for s in verdicts}

        assert {s: s for s in verdicts} == actual

    def test_unknown_label(self) -> None:
        """
        A label not in the table maps to nothing.
        """
        assert None is status_for_label("Full Flop")

    def test_a_calls_own_labels_map_and_override_for_that_call_only(self) -> None:
        """
        Labels given to one lookup map new labels and override built-in ones that fold
        alike, for that lookup only: the next lookup sees the built-in table again.
        """
        own: dict[str, Status | str] = {
            "Full Flop": "misleading",
            "FALSE.": Status.MOSTLY_FALSE,
        }

        with_own = (status_for_label("full flop", own), status_for_label("False", own))
        after = (status_for_label("full flop"), status_for_label("False"))

        assert (Status.MISLEADING, Status.MOSTLY_FALSE) == with_own
        assert (None, Status.FALSE) == after

    def test_own_label_without_letters_is_refused(self) -> None:
        """
        A label with no letters or digits cannot be looked up, so it is refused.
        """
        with pytest.raises(ValidationError) as info:
            status_for_label("False", {"?!": "false"})

        assert "label: '?!' has no letters or digits" == str(info.value)

    def test_the_built_in_tables_are_read_only(self) -> None:
        """
        The label tables cannot be changed in place: an import that needs more labels
        passes its own.
        """
        with pytest.raises(TypeError):
            claimreview.LABELS["Full Flop"] = Status.MISLEADING  # type: ignore[index]
        with pytest.raises(TypeError):
            claimreview.RATING_LABELS["en"][Status.TRUE] = "Yes"  # type: ignore[index]

        assert None is status_for_label("Full Flop")

    def test_the_tables_are_the_package_data_files(self) -> None:
        """
        LABELS and RATING_LABELS are read from factreg/data/claimreview, columns as
        documented in each file's header, every status a known one.
        """
        data = resources.files("factreg") / "data" / "claimreview"
        labels = _tsv(data / "labels.tsv")
        own = _tsv(data / "own-labels.tsv")

        assert ["label", "language", "status"] == labels[0]
        assert {row[0]: Status.parse(row[2]) for row in labels[1:]} == claimreview.LABELS
        assert {row[0]: row[1] for row in labels[1:]} == claimreview.LABEL_LANGUAGES
        assert ["language", "status", "label"] == own[0]
        assert {(lang, Status.parse(status)): label for lang, status, label in own[1:]} == {
            (lang, status): label
            for lang, table in claimreview.RATING_LABELS.items()
            for status, label in table.items()
        }

    def test_load_labels_names_bad_entry(self, tmp_path: Path) -> None:
        """
        A labels file with an unknown status names the file and the label.
        """
        path = _write(tmp_path / "labels.json", {"Full Flop": "sort of"})

        with pytest.raises(InputError) as info:
            claimreview.load_labels(path)

        assert (
            f"{path}: $[\"Full Flop\"]: unknown status 'sort of' (expected one of: "
            "unverified, in_review, true, mostly_true, mixed, mostly_false, false, "
            "misleading, unverifiable)"
        ) == str(info.value)


# -- import -------------------------------------------------------------------------------


class TestImport:
    def test_reviews_become_claims(self, registry: Registry) -> None:
        """
        Each review gives a claim with its status read from the rating (label first,
        else the rescaled number), the review URL as evidence and the review kept.
        """
        registry.import_claimreview([SCALES])
        claims = _by_text(registry)

        actual = {text: sorted({c.status.value for c in cs}) for text, cs in claims.items()}

        assert {
            PARKING: ["false"],
            "The new ferry timetable cuts the crossing to 20 minutes": ["mostly_true"],
            "A school in the valley has built a working base on the moon": ["false"],
            BREAD: ["misleading"],
            RAINFALL: ["unverified"],
        } == actual
        bread = claims[BREAD][0]
        assert ("https://tahaqqaq.example.org/ar/bread-prices",) == bread.evidence
        assert "حساب على مواقع التواصل" == bread.claimant
        assert "ar" == bread.lang
        assert (
            Source(
                url="https://social.example.com/posts/1234",
                published=bread.source.published if bread.source else None,
            )
            == bread.source
        )
        fc = bread.fact_checks[0]
        assert (2.0, 5, 1, "مُضَلِّل", "منصة تحقق مثال") == (
            fc.rating_value,
            fc.best_rating,
            fc.worst_rating,
            fc.label,
            fc.reviewer,
        )

    def test_each_appearance_is_an_article(self, registry: Registry) -> None:
        """
        A review naming several appearances gives a claim per article, in one cluster,
        the first appearance dated with the claim's date.
        """
        registry.import_claimreview([SCALES])

        parking = _by_text(registry)[PARKING]

        assert [
            "https://news.example.com/2023/03/28/parking",
            "https://blog.example.net/parking-rant",
        ] == [c.source.url if c.source else None for c in parking]
        assert 1 == len({c.cluster for c in parking})
        assert ["2023-03-28", "2023-03-30"] == [
            c.source.published.isoformat() if c.source and c.source.published else None
            for c in parking
        ]
        assert parking[0].fact_checks == parking[1].fact_checks

    def test_appearances_joined_without_matching(self, registry: Registry, tmp_path: Path) -> None:
        """
        The articles of one review are joined into one cluster by the import itself,
        even unmatched and for a text too short to join automatically.
        """
        feed = _write(
            tmp_path / "feed.json",
            [
                _review(
                    "Prices doubled",
                    itemReviewed={
                        "@type": "Claim",
                        "appearance": ["https://a.example.com/1", "https://b.example.com/2"],
                    },
                )
            ],
        )

        report = registry.import_claimreview([feed], match=False)

        claims = list(registry.claims())
        assert (2, 1) == (report.added, report.linked)
        assert [claims[0].id, claims[0].id] == [c.cluster for c in claims]
        assert [] == registry.check()
        assert [("import", "$[0]"), ("import", "$[0]"), ("link", None), ("link", None)] == [
            (e.action, (e.after or {}).get("item")) for e in registry.history()
        ]

    def test_unknown_label_reported(self, registry: Registry) -> None:
        """
        An unknown label leaves the claim unverified, keeps the label, and is reported.
        """
        report = registry.import_claimreview([SCALES])

        rainfall = _by_text(registry)[RAINFALL][0]

        assert (Status.UNVERIFIED, "Full Flop") == (
            rainfall.status,
            rainfall.fact_checks[0].label,
        )
        assert [
            f"{SCALES}: $[4]: unknown rating label 'Full Flop': the claim stays "
            "unverified (map the label in a labels file to use it)"
        ] == list(report.notes)

    def test_labels_for_one_import(self, registry: Registry) -> None:
        """
        Labels given to one import map its textual ratings, and nothing is reported.
        """
        report = registry.import_claimreview([SCALES], labels={"full flop": "misleading"})

        assert Status.MISLEADING == _by_text(registry)[RAINFALL][0].status
        assert () == report.notes

    def test_labels_of_one_import_do_not_reach_the_next(self, tmp_path: Path) -> None:
        """
        A label mapped for one import is unknown again to the next one, which says so.
        """
        with factreg.open(tmp_path / "a.db") as first, factreg.open(tmp_path / "b.db") as second:
            first.import_claimreview([SCALES], labels={"Full Flop": Status.MOSTLY_FALSE})
            report = second.import_claimreview([SCALES])

            assert Status.MOSTLY_FALSE == _by_text(first)[RAINFALL][0].status
            assert Status.UNVERIFIED == _by_text(second)[RAINFALL][0].status
        assert 1 == sum("unknown rating label 'Full Flop'" in n for n in report.notes)

    def test_reimport_adds_nothing(self, registry: Registry) -> None:
        """
        Importing the same feed again registers nothing and logs nothing.
        """
        first = registry.import_claimreview([SCALES])
        before = _snapshot(registry)

        again = registry.import_claimreview([SCALES])

        assert (6, 0) == (first.added, again.added)
        assert 6 == again.present
        assert before == _snapshot(registry)

    def test_graph_document(self, registry: Registry) -> None:
        """
        In an @graph the ClaimReview is found among other nodes and @id references
        are followed.
        """
        report = registry.import_claimreview([DATA / "graph.jsonld"])

        [claim] = registry.claims()

        assert 1 == report.added
        assert (Status.MOSTLY_TRUE, "Roads Office Example") == (claim.status, claim.claimant)
        assert "https://roads.example.gov/notices/17" == (claim.source and claim.source.url)
        assert ("Example Checks", "https://checks.example.org", "4") == (
            claim.fact_checks[0].reviewer,
            claim.fact_checks[0].reviewer_url,
            claim.fact_checks[0].rating_value,
        )

    def test_fact_check_tools_response(self, registry: Registry) -> None:
        """
        A Fact Check Tools search response gives a claim per claim, carrying all its
        reviews; the publisher's site becomes a URL.
        """
        registry.import_claimreview([DATA / "google.json"])

        claims = list(registry.claims())

        assert [(Status.FALSE, "Viral message", 2), (Status.FALSE, "صفحة إخبارية", 1)] == [
            (c.status, c.claimant, len(c.fact_checks)) for c in claims
        ]
        assert ["https://checks.example.org", "https://meter.example.org"] == [
            fc.reviewer_url for fc in claims[0].fact_checks
        ]
        assert "2024-02-03T00:00:00+00:00" == str(
            claims[0].fact_checks[0].published and claims[0].fact_checks[0].published.isoformat()
        )

    def test_disagreeing_reviews(self, registry: Registry, tmp_path: Path) -> None:
        """
        Two reviews of one claim that disagree leave it unverified, and say so.
        """
        text = "The harbour tunnel cost twice its planned budget"
        feed = _write(
            tmp_path / "feed.json",
            [
                _review(text),
                _review(
                    text,
                    url="https://meter.example.org/tunnel",
                    reviewRating={"@type": "Rating", "alternateName": "True"},
                ),
            ],
        )

        report = registry.import_claimreview([feed])

        [claim] = registry.claims()
        assert (Status.UNVERIFIED, 2) == (claim.status, len(claim.fact_checks))
        assert [
            f"{feed}: $[0]: its reviews disagree (false, true): the claim stays unverified"
        ] == list(report.notes)

    def test_matched_against_registry(self, registry: Registry, tmp_path: Path) -> None:
        """
        An imported claim restating a registered one from another article joins its
        cluster, as any added claim would.
        """
        text = "The regional airport will close its second runway for repairs all summer"
        earlier = registry.add(text, source=Source(url="https://news.example.com/runway")).claim
        feed = _write(
            tmp_path / "feed.json",
            [
                _review(
                    text,
                    itemReviewed={
                        "@type": "Claim",
                        "appearance": {"url": "https://radio.example.com/runway"},
                    },
                )
            ],
        )

        report = registry.import_claimreview([feed])

        imported = next(c for c in registry.claims() if c.id != earlier.id)
        assert 1 == report.linked
        assert earlier.id == imported.cluster

    def test_a_registered_claim_gets_the_review_and_its_status(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        A review of a claim registered before from the same article is added to it: the
        fact check, the review URL as evidence, the status (it had no verdict), a new
        version and a ``fact-check`` event naming the feed item.
        """
        text = "The regional airport will close its second runway for repairs all summer"
        url = "https://news.example.com/runway"
        earlier = registry.add(text, source=Source(url=url)).claim
        review = _review(text, itemReviewed={"@type": "Claim", "appearance": url})
        feed = _write(tmp_path / "feed.json", [review])

        report = registry.import_claimreview([feed])

        claim = registry.get(earlier.id)
        event = max(registry.history(earlier.id), key=lambda e: e.seq or 0)
        assert (0, 1, 1, ()) == (report.added, report.present, report.reviewed, report.notes)
        assert [review["url"]] == [fc.url for fc in claim.fact_checks]
        assert (Status.FALSE, (review["url"],), 2) == (claim.status, claim.evidence, claim.version)
        assert ("fact-check", 2, {"status": "unverified"}) == (
            event.action,
            event.version,
            event.before,
        )
        assert event.after is not None
        assert ("false", str(feed), "$[0]") == (
            event.after["status"],
            event.after["file"],
            event.after["item"],
        )
        assert [] == registry.check()

    def test_a_reviewers_verdict_is_kept_and_the_disagreement_reported(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        A registered claim with a reviewer's verdict keeps it; the published review is
        still added, and the import says the two disagree.
        """
        text = "The regional airport will close its second runway for repairs all summer"
        url = "https://news.example.com/runway"
        earlier = registry.add(text, source=Source(url=url)).claim
        registry.review(earlier.id, Status.TRUE)
        feed = _write(
            tmp_path / "feed.json",
            [_review(text, itemReviewed={"@type": "Claim", "appearance": url})],
        )

        report = registry.import_claimreview([feed])

        claim = registry.get(earlier.id)
        assert (Status.TRUE, 1, 1) == (claim.status, len(claim.fact_checks), report.reviewed)
        assert [
            f"{feed}: $[0]: {earlier.id} keeps its verdict true; the review added to it says false"
        ] == list(report.notes)

    def test_reimporting_a_feed_adds_no_review_twice(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        A review the registered claim already carries is not added again: a second import
        of the same feed changes nothing.
        """
        text = "The regional airport will close its second runway for repairs all summer"
        url = "https://news.example.com/runway"
        registry.add(text, source=Source(url=url))
        feed = _write(
            tmp_path / "feed.json",
            [_review(text, itemReviewed={"@type": "Claim", "appearance": url})],
        )
        registry.import_claimreview([feed])
        before = _snapshot(registry)

        report = registry.import_claimreview([feed])

        assert (0, 1, 0) == (report.added, report.present, report.reviewed)
        assert before == _snapshot(registry)


# -- export -------------------------------------------------------------------------------


class TestExport:
    def test_an_article_without_url_is_an_appearance_and_may_be_the_first(
        self, registry: Registry
    ) -> None:
        """
        A cluster's article known only by publisher and date still appears, and when it
        is the earliest it is the first appearance and dates the claim.
        """
        text = "زيارة الوزير إلى القاهرة هي الرابعة من نوعها خلال بضعة أشهر"
        first = registry.add(
            text, source=Source(publisher="عربي21", published=date(2016, 11, 30))
        ).claim
        registry.add(
            text,
            source=Source(
                url="https://b.example.com/2", publisher="ب", published=date(2016, 12, 1)
            ),
        )
        registry.review(first.id, "true")

        [review] = _export(registry, ORG)

        item = review["itemReviewed"]
        assert ["2016-11-30", "2016-12-01"] == [a["datePublished"] for a in item["appearance"]]
        assert {
            "@type": "CreativeWork",
            "datePublished": "2016-11-30",
            "publisher": {"@type": "Organization", "name": "عربي21"},
        } == item["firstAppearance"]
        assert "2016-11-30" == item["datePublished"]

    def test_claimant_kind_sets_the_author_type(self, registry: Registry) -> None:
        """
        A named person is a Person, a body an Organization, an unnamed source its bare
        name as written (never a Person called "informed sources").
        """
        authors = []
        for i, claimant in enumerate(("Barbara Fox", "وزارة الصحة", "informed sources")):
            claim = registry.add(
                f"The clinic treated {40 + i} people in Derna on Monday",
                claimant=claimant,
                source=Source(url=f"https://a.example.com/{i}", publisher="Desk"),
            ).claim
            registry.review(claim.id, "false")
        for review in _export(registry, ORG):
            authors.append(review["itemReviewed"]["author"])

        assert [
            {"@type": "Person", "name": "Barbara Fox"},
            {"@type": "Organization", "name": "وزارة الصحة"},
            "informed sources",
        ] == sorted(
            authors,
            key=lambda a: ["Barbara", "وزارة", "informed"].index(
                (a if isinstance(a, str) else a["name"]).split()[0]
            ),
        )

    def test_junk_claimant_never_becomes_the_author(self, registry: Registry) -> None:
        """
        A claimant that is a clause fragment ("has been", «فيها», "though a spokesperson")
        is no ``itemReviewed.author``: the publisher of the article is, as an Organization.
        """
        authors = []
        for i, claimant in enumerate(("has been", "فيها", "though a spokesperson")):
            claim = registry.add(
                f"The clinic treated {50 + i} people in Derna on Monday",
                claimant=claimant,
                source=Source(url=f"https://a.example.com/j{i}", publisher="Desk"),
            ).claim
            registry.review(claim.id, "false")
        for review in _export(registry, ORG):
            authors.append(review["itemReviewed"]["author"])

        assert [{"@type": "Organization", "name": "Desk"}] * 3 == authors

    def test_own_verdict(self, registry: Registry) -> None:
        """
        A cluster with a verdict of the organisation's own exports one ClaimReview by
        the organisation, with every article of the cluster as an appearance.
        """
        text = "الوفد المرافق للوزير يضم 11 من كبار مساعديه في هذه الزيارة"
        first = registry.add(
            text,
            claimant="مصادر مطلعة",
            source=Source(url="https://a.example.com/1", publisher="صحيفة أ", published=None),
        ).claim
        registry.add(text, source=Source(url="https://b.example.com/2"))
        claim = registry.review(first.id, "false", note="الوفد ضم سبعة مساعدين فقط")

        [review] = _export(registry, ORG)

        assert {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://desk.example.org#{claim.id}",
            "claimReviewed": text,
            "datePublished": claim.updated_at.date().isoformat(),
            "inLanguage": "ar",
            "author": {
                "@type": "Organization",
                "name": "Example Desk",
                "url": "https://desk.example.org",
            },
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": 1,
                "bestRating": 5,
                "worstRating": 1,
                "alternateName": "خاطئ",
                "ratingExplanation": "الوفد ضم سبعة مساعدين فقط",
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": "مصادر مطلعة",
                "appearance": [
                    {
                        "@type": "CreativeWork",
                        "url": "https://a.example.com/1",
                        "publisher": {"@type": "Organization", "name": "صحيفة أ"},
                    },
                    {"@type": "CreativeWork", "url": "https://b.example.com/2"},
                ],
                "firstAppearance": {
                    "@type": "CreativeWork",
                    "url": "https://a.example.com/1",
                    "publisher": {"@type": "Organization", "name": "صحيفة أ"},
                },
            },
        } == review

    def test_review_url_template(self, registry: Registry) -> None:
        """
        A review URL template puts the verdict's claim id where {id} stands.
        """
        claim = registry.add("The ferry to the island now runs every twenty minutes").claim
        registry.review(claim.id, "true")
        org = Organization(name="Desk", review_url="https://desk.example.org/checks/{id}")

        [review] = _export(registry, org)

        assert f"https://desk.example.org/checks/{claim.id}" == review["url"]

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"name": "Desk"},
                "org.url: is needed for the url of each review (or give a review url template)",
            ),
            (
                {"name": "Desk", "url": "desk.example.org"},
                "org.url: not an absolute URL: 'desk.example.org'",
            ),
            (
                {"name": "Desk", "review_url": "https://desk.example.org/checks"},
                "org.review_url: needs {id} where the claim id goes",
            ),
            ({"name": " "}, "org.name: is empty"),
        ],
    )
    def test_bad_organisation(self, fields: dict[str, str], message: str) -> None:
        """
        An organisation that cannot author a review is refused when it is made.
        """
        with pytest.raises(ValidationError) as info:
            Organization(**fields)

        assert message == str(info.value)

    def test_organisation_needed_for_own_verdicts(self, registry: Registry) -> None:
        """
        Without an organisation, verdicts of one's own cannot be authored: a clear error.
        """
        claim = registry.add("The ferry to the island now runs every twenty minutes").claim
        registry.review(claim.id, "true")

        with pytest.raises(ValidationError) as info:
            _export(registry)

        assert str(info.value).startswith("org: 1 cluster has verdicts of your own")

    def test_imported_reviews_keep_their_author(self, registry: Registry) -> None:
        """
        Verdicts read from imported reviews are exported under their publishers only,
        never as the organisation's own.
        """
        registry.import_claimreview([SCALES])

        reviews = _export(registry, ORG)

        assert [
            "Example Checks",
            "Truth Meter Example",
            "Example Checks",
            "منصة تحقق مثال",
            "Truth Meter Example",
        ] == [r["author"]["name"] for r in reviews]

    def test_reviewing_an_imported_claim_makes_it_own(self, registry: Registry) -> None:
        """
        Once a reviewer records a verdict on an imported claim, the organisation's review
        is exported next to the imported one.
        """
        registry.import_claimreview([SCALES])
        claim = _by_text(registry)[RAINFALL][0]
        registry.review(claim.id, "mostly_false")

        authors = [(r["author"]["name"], r["claimReviewed"]) for r in _export(registry, ORG)]

        assert [("Example Desk", RAINFALL), ("Truth Meter Example", RAINFALL)] == [
            a for a in authors if a[1] == RAINFALL
        ]

    def test_import_export_keeps_ratings(self, registry: Registry) -> None:
        """
        Import then export reproduces every rating's value, scale and label exactly:
        numbers stay numbers (1 and 2.0), strings stay strings ("2"), inverted and
        textual-only ratings and Arabic labels are untouched.
        """
        given = json.loads(SCALES.read_text(encoding="utf-8"))
        registry.import_claimreview([SCALES])

        exported = {r["url"]: r for r in _export(registry)}

        def as_written(review: dict[str, Any]) -> list[str]:
            return [
                json.dumps(review.get(key), sort_keys=True, ensure_ascii=False)
                for key in ("claimReviewed", "reviewRating", "author", "datePublished")
            ]

        assert [as_written(r) for r in given] == [as_written(exported[r["url"]]) for r in given]

    def test_export_import_export_is_stable(self, registry: Registry, tmp_path: Path) -> None:
        """
        An export imported into an empty registry exports the same bytes again.
        """
        registry.import_claimreview([SCALES, DATA / "google.json", DATA / "graph.jsonld"])
        first = io.StringIO()
        registry.export_claimreview(first)
        path = tmp_path / "export.json"
        path.write_text(first.getvalue(), encoding="utf-8")

        with factreg.open(tmp_path / "second.db", actor="tester") as second:
            second.import_claimreview([path])
            again = io.StringIO()
            second.export_claimreview(again)

        assert first.getvalue() == again.getvalue()

    def test_arabic_written_as_utf8(self, registry: Registry) -> None:
        """
        Arabic text is written as UTF-8 characters, not \\u escapes.
        """
        registry.import_claimreview([SCALES])
        out = io.StringIO()

        registry.export_claimreview(out)

        assert BREAD in out.getvalue()
        assert "\\u06" not in out.getvalue()

    def test_read_by_extruct_from_html(self, registry: Registry) -> None:
        """
        An exported review embedded in an HTML page is read back by extruct with its
        url, claim, rating and author as the registry has them, even when the claim
        quotes a closing script tag.
        """
        text = 'قال المتحدث إن </script> "الميزانية" تضاعفت ثلاث مرات خلال عام واحد'
        claim = registry.add(text, claimant="متحدث رسمي").claim
        claim = registry.review(claim.id, "mostly_false", note="زادت بنسبة 40% فقط")
        [review] = _export(registry, ORG)
        html = (
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Review</title>"
            f"{json_ld_script(review)}</head><body><p>{claim.id}</p></body></html>"
        )

        [found] = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]

        assert (ORG.url_for(claim.id), claim.text) == (found["url"], found["claimReviewed"])
        assert {
            "@type": "Rating",
            "ratingValue": claim.status.rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "خاطئ في معظمه",
            "ratingExplanation": claim.note,
        } == found["reviewRating"]
        assert {"@type": "Organization", "name": ORG.name, "url": ORG.url} == found["author"]

    def test_directory_export(self, registry: Registry, tmp_path: Path) -> None:
        """
        A directory export writes each review to a file of its own.
        """
        registry.import_claimreview([DATA / "google.json"])

        count = registry.export_claimreview(directory=tmp_path / "out")

        files = sorted((tmp_path / "out").iterdir())
        assert (3, 3) == (count, len(files))
        assert {
            "https://checks.example.org/reviews/hot-water",
            "https://meter.example.org/2024/hot-water",
            "https://tahaqqaq.example.org/ar/schools",
        } == {json.loads(f.read_text(encoding="utf-8"))["url"] for f in files}


# -- the command line -------------------------------------------------------------------------


MALFORMED = [
    ("bad-not-json.json", ":5: not valid JSON: Expecting ',' delimiter (column 1)"),
    ("bad-type.json", ": $[1][\"@type\"]: expected ClaimReview, got string 'NewsArticle'"),
    ("bad-missing-claim.json", ": $[1].claimReviewed: is missing"),
    ("bad-rating-value.json", ": $[1].reviewRating.ratingValue: expected a number, got 'high'"),
    ("bad-date.json", ": $[1].datePublished: not a date (ISO 8601 or RFC 2822): '03/05/2024'"),
]


class TestCommandLine:
    @pytest.mark.parametrize(("name", "problem"), MALFORMED)
    def test_malformed_feed(
        self, runner: CliRunner, registry: Registry, db_url: str, name: str, problem: str
    ) -> None:
        """
        A malformed feed is one error line naming file, item and field, exit 1, and
        nothing written: not even its valid first review, nor an audit event.
        """
        registry.add("A claim registered before the import, to see that it stays alone")
        before = _snapshot(registry)
        path = DATA / name

        result = runner.invoke(
            cli, ["--db", db_url, "import", "--format", "claimreview", str(path)]
        )

        assert 1 == result.exit_code
        assert f"Error: {path}{problem}\n" == result.output
        assert before == _snapshot(registry)

    def test_conflicting_article(
        self, runner: CliRunner, registry: Registry, db_url: str, tmp_path: Path
    ) -> None:
        """
        An appearance contradicting an article already registered is found inside the
        transaction: one error line, and the reviews before it are not written either.
        """
        registry.add(
            "A claim from the paper, registered before the import",
            source=Source(url="https://paper.example.com/a", publisher="The Paper"),
        )
        before = _snapshot(registry)
        feed = _write(
            tmp_path / "feed.json",
            [
                _review("The tram line to the airport opened two years late"),
                _review(
                    "The harbour tunnel cost twice its planned budget",
                    itemReviewed={
                        "@type": "Claim",
                        "appearance": {
                            "url": "https://paper.example.com/a",
                            "publisher": {"@type": "Organization", "name": "Another Paper"},
                        },
                    },
                ),
            ],
        )

        result = runner.invoke(
            cli, ["--db", db_url, "import", "--format", "claimreview", str(feed)]
        )

        assert 1 == result.exit_code
        assert (
            f"Error: {feed}: $[1]: source.publisher: 'Another Paper' differs from "
            "'The Paper' registered for this article\n"
        ) == result.output
        assert before == _snapshot(registry)

    def test_import_prints_notes(self, runner: CliRunner, registry: Registry, db_url: str) -> None:
        """
        The CLI prints each unknown label as a note, then what was imported.
        """
        result = runner.invoke(
            cli, ["--db", db_url, "import", "--format", "claimreview", str(SCALES)]
        )

        assert 0 == result.exit_code
        assert (
            f"Note: {SCALES}: $[4]: unknown rating label 'Full Flop': the claim stays "
            "unverified (map the label in a labels file to use it)\n"
        ) == result.stderr
        assert (
            "Imported 6 claims from ClaimReview (0 already present, 1 joined to a "
            "cluster, 0 suggested for review).\n"
        ) == result.stdout

    def test_import_counts_registered_claims_given_a_review(
        self, runner: CliRunner, registry: Registry, db_url: str, tmp_path: Path
    ) -> None:
        """
        The summary says how many claims registered before were given a review.
        """
        text = "The regional airport will close its second runway for repairs all summer"
        url = "https://news.example.com/runway"
        registry.add(text, source=Source(url=url))
        feed = _write(
            tmp_path / "feed.json",
            [_review(text, itemReviewed={"@type": "Claim", "appearance": url})],
        )

        result = runner.invoke(
            cli, ["--db", db_url, "import", "--format", "claimreview", str(feed)]
        )

        assert 0 == result.exit_code
        assert (
            "Imported 0 claims from ClaimReview (1 already present, 0 joined to a "
            "cluster, 0 suggested for review, 1 registered claim given a review).\n"
        ) == result.stdout

    def test_labels_file(self, runner: CliRunner, registry: Registry, db_url: str) -> None:
        """
        --labels FILE maps more textual ratings for the import.
        """
        result = runner.invoke(
            cli,
            [
                "--db",
                db_url,
                "import",
                "--format",
                "claimreview",
                "--labels",
                str(DATA / "labels" / "extra.json"),
                str(SCALES),
            ],
        )

        assert (0, "") == (result.exit_code, result.stderr)
        assert Status.MISLEADING == _by_text(registry)[RAINFALL][0].status

    def test_export_with_org_from_env(
        self,
        runner: CliRunner,
        registry: Registry,
        db_url: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """
        The organisation may come from FACTREG_ORG_NAME and FACTREG_ORG_URL.
        """
        claim = registry.add("The ferry to the island now runs every twenty minutes").claim
        registry.review(claim.id, "true")
        monkeypatch.setenv("FACTREG_ORG_NAME", "Env Desk")
        monkeypatch.setenv("FACTREG_ORG_URL", "https://env.example.org")
        out = tmp_path / "reviews.json"

        result = runner.invoke(
            cli, ["--db", db_url, "export", "--format", "claimreview", "--out", str(out)]
        )

        assert (0, f"Exported 1 ClaimReviews to {out}.\n") == (result.exit_code, result.output)
        [review] = json.loads(out.read_text(encoding="utf-8"))
        assert (
            {"@type": "Organization", "name": "Env Desk", "url": "https://env.example.org"},
            f"https://env.example.org#{claim.id}",
        ) == (review["author"], review["url"])

    def test_export_without_org(self, runner: CliRunner, registry: Registry, db_url: str) -> None:
        """
        Exporting verdicts of one's own without naming the organisation is an error.
        """
        claim = registry.add("The ferry to the island now runs every twenty minutes").claim
        registry.review(claim.id, "true")

        result = runner.invoke(cli, ["--db", db_url, "export", "--format", "claimreview"])

        assert 1 == result.exit_code
        assert (
            "Error: org: 1 cluster has verdicts of your own: name the reviewing "
            "organisation to author their reviews (--org-name and --org-url, or "
            "FACTREG_ORG_NAME/FACTREG_ORG_URL)\n"
        ) == result.output

    def test_skip_invalid_imports_the_rest(
        self, runner: CliRunner, registry: Registry, db_url: str
    ) -> None:
        """
        With --skip-invalid a bad review is skipped and named by file and JSON path; the
        rest is imported and the summary counts both.
        """
        path = DATA / "bad-type.json"

        result = runner.invoke(
            cli,
            ["--db", db_url, "import", "--format", "claimreview", "--skip-invalid", str(path)],
        )

        assert 0 == result.exit_code
        assert (
            f"Skipped {path}: $[1][\"@type\"]: expected ClaimReview, got string 'NewsArticle'\n"
        ) == result.stderr
        assert result.stdout.startswith("Imported 1 claim from ClaimReview (")
        assert result.stdout.endswith(", 1 invalid review skipped).\n")
        assert ["The tram line to the airport opened two years late"] == list(_by_text(registry))

    def test_org_option_needs_claimreview(self, runner: CliRunner, db_url: str) -> None:
        """
        An organisation option given with the JSON Lines format is a usage error.
        """
        result = runner.invoke(cli, ["--db", db_url, "export", "--org-name", "Desk"])

        assert 2 == result.exit_code
        assert result.output.endswith("Error: --org-name applies to --format claimreview only\n")
