"""
Tests for ClaimReview feeds as real fact-checkers publish them (issue #16): every shape
seen in the wild, --skip-invalid, labels of any length, dates as written, ratings off a
usable scale, and export -> import -> export byte-identity from each shape.
"""

# STYLE.md has asserts read `expected == actual`; ruff's SIM300 calls that a Yoda condition.

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner

import factreg
from factreg.claimreview import LabelReader, read_feeds, status_for_label
from factreg.claimreview.dates import parse_date
from factreg.cli import cli
from factreg.errors import InputError
from factreg.model import Claim, Status
from factreg.registry import Registry

WILD = Path(__file__).resolve().parent / "data" / "claimreview" / "wild"
SHAPES = sorted(p.name for p in WILD.glob("*.json*"))


def _export(registry: Registry) -> str:
    out = io.StringIO()
    registry.export_claimreview(out)
    return out.getvalue()


def _by_text(registry: Registry) -> dict[str, list[Claim]]:
    found: dict[str, list[Claim]] = {}
    for claim in registry.claims():
        found.setdefault(claim.text, []).append(claim)
    return found


# -- the shapes -------------------------------------------------------------------------------


class TestShapes:
    def test_plain_array_of_fact_check_tools_claims(self, registry: Registry) -> None:
        """
        A JSON array of Fact Check Tools claims, saved without {"claims": …}, is read, the
        claim date kept on each review.
        """
        report = registry.import_claimreview([WILD / "fct-claims-array.json"])

        claims = _by_text(registry)
        fuel = claims["The minister said fuel prices will double next month"][0]
        assert (4, ()) == (report.added, report.invalid)
        assert Status.FALSE == fuel.status
        assert [datetime(2024, 3, 1, tzinfo=timezone.utc)] * 2 == [
            fc.claim_date for fc in fuel.fact_checks
        ]

    def test_item_reviewed_as_creative_work_keeps_where_it_appeared(
        self, registry: Registry
    ) -> None:
        """
        The older itemReviewed, a CreativeWork with url and datePublished, is the article
        the claim appeared in; its author is the claimant.
        """
        registry.import_claimreview([WILD / "agency-creativework.jsonld"])

        shark = _by_text(registry)["Photo shows a shark swimming on a flooded highway"][0]
        assert shark.source is not None
        assert ("https://social.example.com/posts/12345", "Storm Watcher") == (
            shark.source.url,
            shark.claimant,
        )
        assert datetime(2020, 3, 10, 18, tzinfo=timezone.utc) == shark.source.published

    def test_appearance_as_one_object_and_author_as_a_list(self, registry: Registry) -> None:
        """
        appearance given as one CreativeWork (not a list) and author as a list of
        objects are read: the article is kept, the first author is the reviewer.
        """
        registry.import_claimreview([WILD / "claim-appearance.json"])

        (claim,) = registry.claims()
        assert claim.source is not None
        assert ("https://blog.example.net/wheat", "القمح يشتعل") == (
            claim.source.url,
            claim.source.title,
        )
        assert "كاشف" == claim.fact_checks[0].reviewer

    def test_graph_with_appearances_as_url_and_object(self, registry: Registry) -> None:
        """
        An @graph page whose review's appearances mix a CreativeWork and a bare URL gives
        a claim per article, the author found by @id.
        """
        registry.import_claimreview([WILD / "page-graph.jsonld"])

        claims = _by_text(registry)["Vaccines contain tracking microchips"]
        assert {"https://video.example.com/watch/chip", "https://forum.example.com/t/chip"} == {
            c.source.url for c in claims if c.source
        }
        assert {"Example Checks"} == {c.fact_checks[0].reviewer for c in claims}

    @pytest.mark.parametrize("name", SHAPES)
    def test_export_import_export_is_byte_identical(self, tmp_path: Path, name: str) -> None:
        """
        From every shape, export -> import -> export gives the same bytes, appearances
        and claim dates included.
        """
        with factreg.open(tmp_path / "a.db") as first:
            first.import_claimreview([WILD / name])
            once = _export(first)
        (tmp_path / "once.json").write_text(once, encoding="utf-8")
        with factreg.open(tmp_path / "b.db") as second:
            second.import_claimreview([tmp_path / "once.json"])
            twice = _export(second)

        assert once == twice
        assert '"appearance"' in once or "claimDate" in (WILD / name).read_text()

    def test_every_shape_at_once_round_trips(self, tmp_path: Path) -> None:
        """
        All the shapes imported together, exported, imported and exported again: the
        same bytes, with every claim date and appearance the feeds gave.
        """
        with factreg.open(tmp_path / "a.db") as first:
            first.import_claimreview([WILD])
            once = _export(first)
        (tmp_path / "once.json").write_text(once, encoding="utf-8")
        with factreg.open(tmp_path / "b.db") as second:
            second.import_claimreview([tmp_path / "once.json"])
            twice = _export(second)

        reviews = json.loads(once)
        assert once == twice
        assert 11 == len(reviews)
        assert 10 == sum("datePublished" in r["itemReviewed"] for r in reviews)
        assert 4 == sum("appearance" in r["itemReviewed"] for r in reviews)


class TestDatesAsWritten:
    def test_review_and_claim_dates_come_back_as_written(self, registry: Registry) -> None:
        """
        RFC 2822 dates are read, and exported as the publisher wrote them; a Fact Check
        Tools claimDate comes back as itemReviewed.datePublished.
        """
        registry.import_claimreview(
            [WILD / "agency-creativework.jsonld", WILD / "fct-response.json"]
        )

        reviews = {r["url"]: r for r in json.loads(_export(registry))}
        shark = reviews["https://factcheck.agency.example/en/doctored-flood-photo"]
        cash = reviews["https://checkdesk.example.com/cash-ban"]
        assert (
            "Wed, 11 Mar 2020 01:05:52 UTC +00:00",
            "Tue, 10 Mar 2020 18:00:00 GMT",
        ) == (shark["datePublished"], shark["itemReviewed"]["datePublished"])
        assert ("2023-11-22T00:00:00Z", "2023-11-20T00:00:00Z") == (
            cash["datePublished"],
            cash["itemReviewed"]["datePublished"],
        )

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "Wed, 11 Mar 2020 01:05:52 UTC +00:00",
                datetime(2020, 3, 11, 1, 5, 52, tzinfo=timezone.utc),
            ),
            (
                "Wed, 11 Mar 2020 01:05:52 +0000",
                datetime(2020, 3, 11, 1, 5, 52, tzinfo=timezone.utc),
            ),
            ("Wed, 11 Mar 2020 01:05:52 GMT", datetime(2020, 3, 11, 1, 5, 52, tzinfo=timezone.utc)),
            (
                "Thu, 12 Mar 2020 10:00:00 +0300",
                datetime(2020, 3, 12, 10, tzinfo=timezone(timedelta(hours=3))),
            ),
            ("2020-03-11 01:05:52 UTC", datetime(2020, 3, 11, 1, 5, 52, tzinfo=timezone.utc)),
            ("2020-03-11T01:05:52.000Z", datetime(2020, 3, 11, 1, 5, 52, tzinfo=timezone.utc)),
            ("2020-03-11T01:05:52", date(2020, 3, 11)),
            ("Wed, 11 Mar 2020 01:05", date(2020, 3, 11)),
            ("Wed, 11 Mar 2020", date(2020, 3, 11)),
            ("March 11, 2020", date(2020, 3, 11)),
            ("11 March 2020", date(2020, 3, 11)),
            ("2020/03/11", date(2020, 3, 11)),
        ],
    )
    def test_publishers_date_forms(self, text: str, expected: date) -> None:
        """
        ISO 8601, RFC 2822 and the variants publishers emit are read; a time without a
        zone keeps its day only.
        """
        assert expected == parse_date(text)

    @pytest.mark.parametrize("text", ["03/05/2024", "yesterday", "2024-13-01", "2024"])
    def test_ambiguous_or_unreadable_dates_refused(self, text: str) -> None:
        """
        A day-first/month-first numeric date is ambiguous; the rest is no date.
        """
        with pytest.raises(ValueError, match="not a date"):
            parse_date(text)


class TestRatings:
    def test_not_rated_scale_is_kept_and_the_label_decides(self, registry: Registry) -> None:
        """
        best = worst = value = -1 (a publisher's "not rated") is kept as given and the
        claim's status read from the label.
        """
        registry.import_claimreview([WILD / "agency-creativework.jsonld"])

        shark = _by_text(registry)["Photo shows a shark swimming on a flooded highway"][0]
        fc = shark.fact_checks[0]
        assert (Status.MISLEADING, -1, -1, -1) == (
            shark.status,
            fc.rating_value,
            fc.best_rating,
            fc.worst_rating,
        )

    def test_off_scale_number_without_label_stays_unverified_and_is_noted(
        self, tmp_path: Path
    ) -> None:
        """
        A number off its scale with no label gives no status; the import says so.
        """
        feed = tmp_path / "feed.json"
        feed.write_text(
            json.dumps(
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "The harbour tunnel cost twice its budget",
                    "reviewRating": {"ratingValue": 7, "bestRating": 5, "worstRating": 1},
                }
            ),
            encoding="utf-8",
        )

        read = read_feeds([feed])

        assert Status.UNVERIFIED == read.items[0].claim.status
        assert (
            f"{feed}: $: rating 7 has no usable scale and there is no label: the claim "
            "stays unverified",
        ) == read.notes

    def test_paragraph_label_kept_whole_and_read(self, registry: Registry) -> None:
        """
        A textual rating holding a paragraph is kept whole and read by its verdict word.
        """
        registry.import_claimreview([WILD / "fct-claims-array.json"])

        bridge = _by_text(registry)["فيديو يظهر انهيار جسر في المدينة بعد العاصفة الأخيرة"][0]
        label = bridge.fact_checks[0].label
        assert label is not None and label.endswith("تصنيف الادعاء على أنه مضلل")
        assert Status.MISLEADING == bridge.status

    def test_label_longer_than_a_thousand_characters(self, tmp_path: Path) -> None:
        """
        No undocumented 1,000-character limit refuses a long label.
        """
        label = "False. " + "The photo was taken in another country years earlier. " * 30
        feed = tmp_path / "feed.json"
        feed.write_text(
            json.dumps(
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "The photo shows this week's flood",
                    "reviewRating": {"alternateName": label},
                }
            ),
            encoding="utf-8",
        )

        (item,) = read_feeds([feed]).items

        assert (label.strip(), Status.FALSE) == (
            item.claim.fact_checks[0].label,
            item.claim.status,
        )


LONG_LABELS = [
    # A verdict and its explanation.
    ("False. The video shows the minister speaking about electricity tariffs.", Status.FALSE),
    ("Misleading: the photo is real but was taken in 2019", Status.MISLEADING),
    ("True but misleading", Status.MISLEADING),
    ("Correct, but misleading", Status.MISLEADING),
    ("صحيح، لكنه خارج السياق", Status.MISLEADING),
    ("The photo is real but the caption is false", Status.FALSE),
    ("زعمت صفحات أن الصورة حديثة، إلا أن هذا الادعاء مضلل", Status.MISLEADING),
    ("مضلل، الفيديو قديم ولا علاقة له بالأحداث الحالية", Status.MISLEADING),
    # Paragraphs: the verdict after a cue word decides over other verdict words.
    (
        "تبيّن أن الفيديو حقيقي لكنه صُوّر عام 2019، ولذلك قرر الفريق تصنيف الادعاء على أنه مضلل",
        Status.MISLEADING,
    ),
    (
        "The image is real, but the caption is wrong. We rate this claim misleading.",
        Status.MISLEADING,
    ),
    # Negation.
    ("غير صحيح", Status.FALSE),
    ("ليس صحيحاً أن الوزير أعلن ذلك", Status.FALSE),
    ("No, that's not true: the law was never passed", Status.FALSE),
    ("صحيح جزئيا", Status.MIXED),
    ("غير صحيح جزئيا", Status.MIXED),
    ("Partly false: the figure is from 2020", Status.MIXED),
    # Labels real publishers use, now in the table.
    ("خبر كاذب", Status.FALSE),
    ("مش حقيقي", Status.FALSE),
    ("تضليل", Status.MISLEADING),
    ("محتوى ناقص", Status.MISLEADING),
    ("سياق مجتزأ", Status.MISLEADING),
    ("فيديو معدّل", Status.MISLEADING),
    ("نصف حقيقي", Status.MIXED),
    ("زائف جزئي", Status.MIXED),
    ("اشاعة", Status.FALSE),
    ("وليدة ذكاء اصطناعي", Status.FALSE),
    ("Faux", Status.FALSE),
    ("Needs Context", Status.MISLEADING),
    ("Altered Image", Status.MISLEADING),
    ("This is false", Status.FALSE),
    ("The claim is false", Status.FALSE),
]


class TestLongLabels:
    @pytest.mark.parametrize(("label", "expected"), LONG_LABELS)
    def test_verdict_found(self, label: str, expected: Status) -> None:
        """
        A label is read by the table, its first sentence, or its verdict words,
        negation-aware.
        """
        assert expected == status_for_label(label)

    @pytest.mark.parametrize(
        "label",
        [
            "Not false, but not the full picture either",
            "The video is true, its caption false",
            "Research in progress",
        ],
    )
    def test_no_verdict_without_one_clear_word(self, label: str) -> None:
        """
        "not false" says nothing; verdict words that disagree with no cue word give no
        status; a label without verdict words neither.
        """
        assert None is status_for_label(label)

    def test_unknown_labels_counted_per_label(self, tmp_path: Path) -> None:
        """
        Unknown labels are reported once each, with how many reviews carry them.
        """
        feed = tmp_path / "feed.json"
        reviews = [
            {
                "@type": "ClaimReview",
                "claimReviewed": f"Claim number {n} about the port",
                "reviewRating": {"alternateName": "Full Flop" if n % 2 else "Spin"},
            }
            for n in range(5)
        ]
        feed.write_text(json.dumps(reviews), encoding="utf-8")

        read = read_feeds([feed])

        assert (("Spin", 3), ("Full Flop", 2)) == read.unknown_labels
        assert [
            f"{feed}: $[0]: unknown rating label 'Spin': 3 reviews, this the first; their "
            "claims stay unverified (map the label in a labels file to use it)",
            f"{feed}: $[1]: unknown rating label 'Full Flop': 2 reviews, this the first; "
            "their claims stay unverified (map the label in a labels file to use it)",
        ] == list(read.notes)


# -- skipping what is broken ------------------------------------------------------------------

AR_LABELS = ["زائف", "مضلل", "خبر كاذب", "غير صحيح جزئيا", "صحيح", "سياق ناقص"]
EN_LABELS = ["False", "Misleading", "Missing context", "Altered photo", "Partly false", "True"]
# What a broken item looks like in real feeds, and the error that names it.
BREAKAGES: list[tuple[str, Any, str]] = [
    ("claimReviewed", None, "claimReviewed: is missing"),
    ("@type", "NewsArticle", "[\"@type\"]: expected ClaimReview, got string 'NewsArticle'"),
    ("datePublished", "yesterday", "datePublished: not a date (ISO 8601 or RFC 2822): 'yesterday'"),
    (
        "reviewRating",
        {"ratingValue": "N/A"},
        "reviewRating.ratingValue: expected a number, got 'N/A'",
    ),
    ("itemReviewed", 42, "itemReviewed: expected an object, got number 42"),
]


def _wild_review(n: int) -> dict[str, Any]:
    """
    Review ``n`` of a large realistic feed: Arabic and English, the three itemReviewed
    forms, RFC 2822 and ISO dates, labels of publishers, some of them paragraphs.
    """
    arabic = n % 2 == 0
    text = (
        f"ادعاء رقم {n} عن ارتفاع أسعار الوقود في المدينة"
        if arabic
        else f"Claim number {n} says fuel prices rose in the city"
    )
    labels = AR_LABELS if arabic else EN_LABELS
    label = labels[n % len(labels)]
    if n % 7 == 0:
        label = (
            f"تبين أن المنشور {n} يعود إلى عام 2019، لذا قرر الفريق تصنيف الادعاء على أنه {label}"
            if arabic
            else f"{label}. The post number {n} shows an event from 2019."
        )
    day = date(2024, 1, 1) + timedelta(days=n % 300)
    appearance = {
        "@type": "CreativeWork",
        "url": f"https://social.example.com/posts/{n}",
        "datePublished": day.isoformat(),
    }
    if n % 3 == 0:
        item: dict[str, Any] = {"@type": "Claim", "appearance": [appearance]}
    elif n % 3 == 1:
        item = {"@type": "Claim", "appearance": appearance, "datePublished": day.isoformat()}
    else:
        item = {**appearance, "author": {"@type": "Person", "name": f"Poster {n}"}}
    published = (
        datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc).strftime(
            "%a, %d %b %Y %H:%M:%S UTC +00:00"
        )
        if n % 2
        else (day + timedelta(days=2)).isoformat()
    )
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://checks.example.org/{'ar' if arabic else 'en'}/{n}",
        "claimReviewed": text,
        "datePublished": published,
        "author": [{"@type": "Organization", "name": "مرصد" if arabic else "Check Desk"}],
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": -1,
            "bestRating": -1,
            "worstRating": -1,
            "alternateName": label,
        },
        "itemReviewed": item,
    }


def _wild_feed(size: int, broken_every: int) -> tuple[list[dict[str, Any]], dict[int, str]]:
    reviews: list[dict[str, Any]] = []
    broken: dict[int, str] = {}
    for n in range(size):
        review = _wild_review(n)
        if n % broken_every == broken_every // 2:
            key, value, problem = BREAKAGES[len(broken) % len(BREAKAGES)]
            if value is None:
                del review[key]
            else:
                review[key] = value
            broken[n] = problem
        reviews.append(review)
    return reviews, broken


class TestSkipInvalid:
    def test_two_thousand_reviews_one_percent_broken(
        self, runner: CliRunner, registry: Registry, db_url: str, tmp_path: Path
    ) -> None:
        """
        A feed of 2,000 reviews with 20 broken ones imports with --skip-invalid: each
        broken one named by its JSON path and reason, every other review registered with
        its rating, article and date, in one transaction.
        """
        reviews, broken = _wild_feed(2_000, 100)
        feed = tmp_path / "feed.json"
        feed.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")

        result = runner.invoke(
            cli,
            ["--db", db_url, "import", "--format", "claimreview", "--skip-invalid", str(feed)],
        )

        skipped = [line for line in result.stderr.splitlines() if line.startswith("Skipped")]
        expected = [
            f"Skipped {feed}: $[{n}]" + ("" if problem.startswith("[") else ".") + problem
            for n, problem in broken.items()
        ]
        claims = _by_text(registry)
        kept = [r for n, r in enumerate(reviews) if n not in broken]
        assert 0 == result.exit_code, result.output
        assert (20, expected) == (len(broken), skipped)
        assert "1980 claims from ClaimReview" in result.stdout
        assert result.stdout.endswith(", 20 invalid reviews skipped).\n")
        assert {r["claimReviewed"] for r in kept} == set(claims)
        assert all(c.source is not None and c.fact_checks for cs in claims.values() for c in cs)
        assert 0 == sum(c.status is Status.UNVERIFIED for cs in claims.values() for c in cs)

    def test_without_skip_invalid_the_first_broken_review_stops_all(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        Without skip_invalid the first broken review stops the import and nothing is
        written.
        """
        reviews, broken = _wild_feed(300, 100)
        feed = tmp_path / "feed.json"
        feed.write_text(json.dumps(reviews, ensure_ascii=False), encoding="utf-8")

        with pytest.raises(InputError) as info:
            registry.import_claimreview([feed])

        assert f"{feed}: $[50].{BREAKAGES[0][2]}" == str(info.value)
        assert [] == list(registry.claims())
        assert [50, 150, 250] == list(broken)

    def test_a_file_that_is_not_json_is_skipped_and_the_others_read(self, tmp_path: Path) -> None:
        """
        With skip_invalid a file that is not JSON is reported as a whole; the others are
        read.
        """
        bad = tmp_path / "bad.json"
        bad.write_text('[{"@type": "ClaimReview",', encoding="utf-8")

        read = read_feeds([bad, WILD / "fct-response.json"], skip_invalid=True)

        assert 2 == len(read.items)
        assert [bad.as_posix()] == [e.file for e in read.invalid]


class TestStandardOutput:
    def test_out_dash_writes_to_standard_output(
        self,
        runner: CliRunner,
        registry: Registry,
        db_url: str,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """
        export --out - writes to standard output, and no file named "-".
        """
        registry.import_claimreview([WILD / "fct-response.json"])

        work = tmp_path / "work"
        work.mkdir()
        monkeypatch.chdir(work)

        result = runner.invoke(
            cli, ["--db", db_url, "export", "--format", "claimreview", "--out", "-"]
        )
        made = list(work.iterdir())

        assert 0 == result.exit_code
        assert 2 == len(json.loads(result.stdout))
        assert [] == made


class TestKeptInTheRegistry:
    def test_json_lines_round_trip_keeps_dates_as_written(self, tmp_path: Path) -> None:
        """
        The JSON Lines export carries a review's dates as written and its claim date,
        and reads them back: export -> import -> export is byte-identical.
        """
        with factreg.open(tmp_path / "a.db") as first:
            first.import_claimreview([WILD / "agency-creativework.jsonld"])
            once = io.StringIO()
            first.export_jsonl(once)
        (tmp_path / "once.jsonl").write_text(once.getvalue(), encoding="utf-8")
        with factreg.open(tmp_path / "b.db") as second:
            second.import_jsonl([tmp_path / "once.jsonl"])
            twice = io.StringIO()
            second.export_jsonl(twice)

        assert once.getvalue() == twice.getvalue()
        assert '"published_text": "Wed, 11 Mar 2020 01:05:52 UTC +00:00"' in once.getvalue()
        assert '"claim_date_text": "Tue, 10 Mar 2020 18:00:00 GMT"' in once.getvalue()

    def test_review_registered_before_dates_were_kept_is_not_added_again(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        A review imported by a version that kept no claim date nor dates as written is
        the same review when its feed is imported again: not added a second time.
        """
        registry.import_claimreview([WILD / "agency-creativework.jsonld"])
        for claim in registry.claims():
            old = tuple(
                attrs.evolve(fc, published_text=None, claim_date=None, claim_date_text=None)
                for fc in claim.fact_checks
            )
            registry.store.update_claim(
                attrs.evolve(claim, fact_checks=old, version=claim.version + 1), claim.version
            )

        report = registry.import_claimreview([WILD / "agency-creativework.jsonld"])

        assert (0, 2) == (report.reviewed, report.present)
        assert [1, 1] == [len(c.fact_checks) for c in registry.claims()]


BENCH_DATA = Path(__file__).resolve().parent.parent / "bench" / "data"


@pytest.mark.parametrize(
    ("name", "least"),
    [("claimreview-labels.tsv", 150), ("claimreview-labels-dev2.tsv", 45)],
)
def test_real_labels_with_a_verdict_word_rarely_stay_unverified(name: str, least: int) -> None:
    """
    Of the real labels of each development list in bench/data that contain a verdict
    word, at most 2% leave their claim unverified, and none is read as another verdict
    than expected.
    """
    reader = LabelReader.of()
    rows = [
        line.split("\t")
        for line in (BENCH_DATA / name).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ][1:]
    with_word = [(label, expected) for label, _, expected in rows if reader.has_verdict_word(label)]
    unread = [label for label, _ in with_word if reader.status(label) is None]
    wrong = [
        label
        for label, expected in with_word
        if expected != "-" and reader.status(label) not in (None, Status.parse(expected))
    ]

    assert len(with_word) >= least
    assert len(unread) <= 0.02 * len(with_word), unread
    assert [] == wrong


@pytest.mark.parametrize(
    "language",
    [
        "ar",
        "ar-EG",
        {"@type": "Language", "name": "Arabic", "alternateName": "ar"},
        {"@type": "Language", "name": "ar"},
        ["ar", "en"],
    ],
)
def test_in_language_as_code_or_language_object(tmp_path: Path, language: Any) -> None:
    """
    inLanguage given as a code, a schema.org Language object or a list is read.
    """
    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps(
            {
                "@type": "ClaimReview",
                "claimReviewed": "٣٠٠٠",
                "inLanguage": language,
                "reviewRating": {"alternateName": "زائف"},
            }
        ),
        encoding="utf-8",
    )

    (item,) = read_feeds([feed]).items

    assert "ar" == item.claim.lang


def test_one_bad_review_of_a_fact_check_tools_claim_leaves_its_other_reviews(
    tmp_path: Path,
) -> None:
    """
    In a Fact Check Tools claim with two reviews, a malformed one is skipped alone:
    the claim is read with its other review.
    """
    feed = tmp_path / "claims.json"
    feed.write_text(
        json.dumps(
            [
                {
                    "text": "The bridge collapsed after the storm",
                    "claimReview": [
                        {"url": "https://a.example.org/1", "reviewDate": "last week"},
                        {"url": "https://b.example.org/2", "textualRating": "False"},
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )

    read = read_feeds([feed], skip_invalid=True)

    assert [
        f"{feed}: $[0].claimReview[0].reviewDate: not a date (ISO 8601 or RFC 2822): 'last week'"
    ] == [str(e) for e in read.invalid]
    assert [("https://b.example.org/2", Status.FALSE)] == [
        (i.claim.fact_checks[0].url, i.claim.status) for i in read.items
    ]
