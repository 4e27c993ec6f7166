"""
Registry behaviour on every backend: registering, importing, exporting, reviewing,
judging, clusters and the queue. Each write is one transaction with its audit events.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import factreg
from factreg.errors import (
    AmbiguousIdError,
    ClaimNotFoundError,
    InputError,
    JudgementConflictError,
    ReopenRequiredError,
    StaleVersionError,
    ValidationError,
)
from factreg.model import Claim, Relation, Source, Status, claim_id_for
from factreg.registry import Registry
from tests.conftest import CLAIMS

ARABI21 = Source(url="https://arabi21.example/haftar", publisher="عربي21")
WIRE = Source(url="https://wire.example/haftar", publisher="Wire")
DAILY = Source(url="https://daily.example/haftar", publisher="Daily")
DELEGATION = "الوفد المرافق لحفتر يضم 11 من كبار مساعديه خلال زيارته إلى القاهرة"


def _stream(text: str, name: str = "feed.jsonl") -> tuple[str, io.BytesIO]:
    return name, io.BytesIO(text.encode("utf-8"))


def _snapshot(registry: Registry) -> tuple[list[Claim], int]:
    return list(registry.claims()), len(registry.history())


class TestLookup:
    def test_unique_prefix_resolves(self, registry: Registry) -> None:
        """
        Any unique prefix of an id names the claim.
        """
        claim = registry.add("one claim").claim

        assert claim == registry.get(claim.id[:4])

    def test_prefix_is_case_insensitive_for_generated_ids(self, registry: Registry) -> None:
        """
        Typing an id in capitals still finds it.
        """
        claim = registry.add("one claim").claim

        assert claim.id == registry.resolve(claim.id.upper())

    def test_ambiguous_prefix_lists_candidates(self, registry: Registry) -> None:
        """
        A prefix shared by several ids is an error listing them.
        """
        registry.add_many([Claim(id="s01", text="a"), Claim(id="s02", text="b")])

        with pytest.raises(
            AmbiguousIdError, match="id prefix 's0' matches several claims: s01, s02"
        ):
            registry.get("s0")

    def test_unknown_id_is_not_found(self, registry: Registry) -> None:
        """
        An id nothing starts with raises ClaimNotFoundError.
        """
        with pytest.raises(ClaimNotFoundError, match="no claim with id 'c-404'"):
            registry.get("c-404")


class TestAdd:
    def test_add_records_a_creation_event(self, registry: Registry) -> None:
        """
        Adding a claim writes it and one "add" event at version 1, by the actor.
        """
        claim = registry.add("Haftar visited Cairo on Wednesday", source=WIRE).claim

        [event] = registry.history(claim.id)

        assert ("add", "tester", 1, claim.id) == (
            event.action,
            event.actor,
            event.version,
            event.claim_id,
        )
        assert WIRE == registry.get(claim.id).source

    def test_adding_the_same_text_from_the_same_source_is_idempotent(
        self, registry: Registry
    ) -> None:
        """
        The same text from the same article is the same claim: reported, not duplicated.
        """
        first = registry.add("Haftar visited Cairo", source=WIRE)
        again = registry.add("Haftar visited Cairo", source=WIRE)

        assert (False, True) == (first.existing, again.existing)
        assert first.claim.id == again.claim.id
        assert 1 == registry.stats()["claims"]

    def test_a_derived_id_taken_by_another_claim_is_lengthened(self, registry: Registry) -> None:
        """
        If another claim already holds the id derived for a new claim, the new claim gets
        a longer id with the same prefix instead of an error.
        """
        derived = claim_id_for("the new claim", WIRE)
        registry.add_many([Claim(id=derived, text="another claim that took the id")])

        claim = registry.add("the new claim", source=WIRE).claim

        assert claim.id != derived and claim.id.startswith(derived)
        assert "the new claim" == registry.get(claim.id).text
        assert [] == registry.check()

    def test_source_fields_must_agree_with_the_registered_article(self, registry: Registry) -> None:
        """
        One URL is one article: a different publisher for it is refused.
        """
        registry.add("a", source=WIRE)

        with pytest.raises(InputError, match=r"source\.publisher: 'Other' differs from 'Wire'"):
            registry.add("b", source=Source(url=WIRE.url, publisher="Other"))

    def test_missing_source_fields_are_filled_from_the_registered_article(
        self, registry: Registry
    ) -> None:
        """
        A claim naming only the URL gets the article's publisher.
        """
        registry.add("a", source=WIRE)

        claim = registry.add("b", source=Source(url=WIRE.url)).claim

        assert WIRE == claim.source

    def test_restatement_from_another_article_joins_the_cluster(self, registry: Registry) -> None:
        """
        The same claim in a second outlet is linked "same" automatically, with events.
        """
        first = registry.add(DELEGATION, source=ARABI21).claim
        second = registry.add(DELEGATION + ".", source=WIRE)

        assert (first.id,) == second.linked
        assert [first.id, second.claim.id] == [c.id for c in registry.cluster(first.id)]
        assert "link" in [e.action for e in registry.history(second.claim.id)]

    def test_changed_number_is_queued_as_a_conflict_not_merged(self, registry: Registry) -> None:
        """
        A restatement with another number is a conflict in the queue, never merged.
        """
        first = registry.add(DELEGATION, source=ARABI21).claim
        second = registry.add(DELEGATION.replace("11", "15"), source=WIRE)

        assert () == second.linked
        assert (first.id,) == second.suggested
        top = registry.queue()[0]
        assert ("conflict", second.claim.id, first.id) == (
            top.kind,
            top.claim.id,
            top.other.id if top.other else None,
        )

    def test_the_same_toll_in_other_words_is_suggested_same(self, registry: Registry) -> None:
        """
        Two outlets giving one toll in their own sentences: the pair reaches the queue as
        a restatement, with the figures that line up.
        """
        _other_news(registry)
        first = registry.add(
            "The earthquake in Gansu killed 89 people and injured more than 500, officials said",
            source=ARABI21,
        ).claim
        second = registry.add(
            "At least 89 dead and over 500 hurt as the quake hits Gansu", source=WIRE
        )

        [found] = [m for m in second.matches if m.claim_id == first.id]
        assert (first.id,) == second.suggested
        assert Relation.SAME == found.relation
        assert "same figures: 89 (deaths), 500 (injured)" in found.reasons[0]

    def test_a_changed_toll_in_other_words_is_queued_as_a_conflict(
        self, registry: Registry
    ) -> None:
        """
        "89 killed" and, in another outlet's sentence, "the toll rose to 94": a
        conflict naming the count.
        """
        _other_news(registry)
        first = registry.add(
            "The earthquake in Gansu killed 89 people and injured more than 500, officials said",
            source=ARABI21,
        ).claim
        second = registry.add("The Gansu earthquake death toll rose to 94", source=WIRE)

        [found] = [m for m in second.matches if m.claim_id == first.id]
        assert (first.id,) == second.suggested
        assert (Relation.CONFLICT, "count of deaths differs: 89 ≠ 94") == (
            found.relation,
            found.reasons[0],
        )

    def test_pairs_sharing_only_common_words_are_not_queued(self, registry: Registry) -> None:
        """
        "A video shows X" against many "a video shows Y": the words they share are the
        registry's commonest, so no pair reaches a reviewer; a real restatement with a
        changed number still does.
        """
        subjects = [
            "انفجار في ميناء",
            "زرافة صغيرة",
            "سمكة قرش",
            "إعصار مدمر",
            "حريق غابات",
            "فيضان في قرية",
            "زلزال عنيف",
            "سقوط طائرة",
            "مظاهرة حاشدة",
            "عاصفة ثلجية",
        ]
        registry.add_many(
            [
                Claim.new(
                    f"مقطع فيديو يظهر {subject} في المدينة",
                    source=Source(url=f"https://site{i}.example/v"),
                )
                for i, subject in enumerate(subjects)
            ]
        )
        registry.add(DELEGATION, source=ARABI21)

        unrelated = registry.add("مقطع فيديو يظهر قطة تعزف البيانو في المدينة", source=WIRE)
        conflict = registry.add(DELEGATION.replace("11", "15"), source=DAILY)

        assert ((), ()) == (unrelated.linked, unrelated.suggested)
        assert 1 == len(conflict.suggested)

    def test_claims_of_the_same_article_are_not_matched(self, registry: Registry) -> None:
        """
        Matching is across articles: a repeat inside one article is no suggestion.
        """
        registry.add(DELEGATION, source=ARABI21)
        result = registry.add(DELEGATION + " حسب المصادر", source=ARABI21)

        assert ((), ()) == (result.linked, result.suggested)

    def test_match_excludes_and_filters_by_language(self, registry: Registry) -> None:
        """
        match() honours ``exclude`` and ``lang``.
        """
        arabic = registry.add(DELEGATION, source=ARABI21).claim

        assert [arabic.id] == [m.claim_id for m in registry.match(DELEGATION)]
        assert [] == registry.match(DELEGATION, exclude=[arabic.id])
        assert [] == registry.match(DELEGATION, lang="en")


class TestImport:
    def test_example_claims_import_with_chains(self, registry: Registry) -> None:
        """
        The example data imports; s03 keeps its two-step attribution chain and claimant.
        """
        report = registry.import_jsonl([CLAIMS])

        s03 = registry.get("s03")
        assert 0 == report.present and report.added >= 12
        assert ("مصادر مطلعة", ("صدى البلد", "مصادر مطلعة")) == (s03.claimant, s03.attribution)
        assert [] == registry.check()

    def test_reimport_is_idempotent(self, registry: Registry) -> None:
        """
        Importing the same files twice adds nothing the second time.
        """
        first = registry.import_jsonl([CLAIMS])
        before = _snapshot(registry)

        again = registry.import_jsonl([CLAIMS])

        assert (0, first.added) == (again.added, again.present)
        assert before == _snapshot(registry)

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("{not json", "feed.jsonl:2: not valid JSON"),
            ('{"id": "x1"}', "feed.jsonl:2: text: is missing"),
            (
                '{"text": "x", "confidence": 1.5}',
                "feed.jsonl:2: confidence: must be between 0 and 1",
            ),
            ('{"text": "x", "status": "fake"}', "feed.jsonl:2: status: unknown status 'fake'"),
            ('{"text": "x", "extra": 1}', "feed.jsonl:2: extra: unknown key"),
        ],
    )
    def test_a_bad_line_writes_nothing(self, registry: Registry, line: str, message: str) -> None:
        """
        All-or-nothing per import: one bad line and neither claims nor events change.
        """
        registry.add("already here")
        before = _snapshot(registry)

        with pytest.raises(InputError) as info:
            registry.import_jsonl([_stream(f'{{"text": "good"}}\n{line}\n{{"text": "z"}}\n')])

        assert str(info.value).startswith(message)
        assert before == _snapshot(registry)

    def test_invalid_utf8_writes_nothing(self, registry: Registry) -> None:
        """
        Bytes that are not UTF-8 are an error naming the line; nothing is written.
        """
        with pytest.raises(InputError, match=r"feed\.jsonl:2: invalid UTF-8"):
            registry.import_jsonl(
                [("feed.jsonl", io.BytesIO(b'{"text": "a"}\n{"text": "\xff"}\n'))]
            )

        assert ([], 0) == _snapshot(registry)

    def test_skip_invalid_reports_every_bad_line(self, registry: Registry) -> None:
        """
        With skip_invalid, good lines are imported and each bad one is reported.
        """
        report = registry.import_jsonl(
            [_stream('{"text": "a"}\n{"text": ""}\n{"text": "b", "x": 1}\n{"text": "c"}\n')],
            skip_invalid=True,
        )

        assert 2 == report.added
        assert ["feed.jsonl:2: text: is empty", "feed.jsonl:3: x: unknown key"] == [
            str(e) for e in report.invalid
        ]
        assert ["a", "c"] == [c.text for c in registry.claims()]

    def test_same_id_with_other_text_is_refused(self, registry: Registry) -> None:
        """
        An id is a claim: reusing it for other text is an error, not an overwrite.
        """
        registry.import_jsonl([_stream('{"id": "s1", "text": "a"}\n')])

        with pytest.raises(
            InputError,
            match=r"feed\.jsonl:1: id: id 's1' is already registered "
            "with other text",
        ):
            registry.import_jsonl([_stream('{"id": "s1", "text": "b"}\n')])

    def test_duplicate_lines_in_one_file_are_one_claim(self, registry: Registry) -> None:
        """
        The same text and source twice in one file registers once.
        """
        report = registry.import_jsonl([_stream('{"text": "a"}\n{"text": "a"}\n')], match=False)

        assert (1, 1) == (report.added, report.present)

    def test_deferred_matching_pass_links_like_an_import(self, registry: Registry) -> None:
        """
        Import without matching, then match_pending: the restatement is linked once.
        """
        registry.add(DELEGATION, source=ARABI21, match=False)
        registry.add(DELEGATION + ".", source=WIRE, match=False)

        report = registry.match_pending()

        assert (2, 1) == (report.added, report.linked)
        assert 0 == registry.stats()["unmatched"]
        assert 1 == registry.stats()["clusters"]
        assert 0 == registry.match_pending().added


class TestExportRoundTrip:
    def test_export_import_export_is_byte_identical(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        A registry with reviews and clusters survives export -> import -> export exactly.
        """
        registry.import_jsonl([CLAIMS])
        registry.review(
            "s03",
            "false",
            confidence=0.9,
            note="two sources say 15",
            evidence=["https://factcheck.example/s03"],
        )
        first = io.StringIO()
        registry.export_jsonl(first)

        with factreg.open(tmp_path / "copy.db") as copy:
            copy.import_jsonl([_stream(first.getvalue(), "export.jsonl")])
            second = io.StringIO()
            copy.export_jsonl(second)
            problems = copy.check()

        assert first.getvalue() == second.getvalue()
        assert [] == problems

    def test_directory_export_round_trips(self, registry: Registry, tmp_path: Path) -> None:
        """
        One file per source, and importing the directory reproduces the same files.
        """
        registry.import_jsonl([CLAIMS])
        written = registry.export_dir(tmp_path / "a")

        with factreg.open(tmp_path / "copy.db") as copy:
            copy.import_jsonl([tmp_path / "a"])
            copy.export_dir(tmp_path / "b")

        assert 3 == len(written)
        for name in written:
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


class TestReview:
    def test_review_sets_status_and_logs_before_and_after(self, registry: Registry) -> None:
        """
        A review bumps the version and logs exactly the fields it changed.
        """
        claim = registry.add("x").claim

        changed = registry.review(
            claim.id, "false", confidence=0.8, note="n", evidence=["https://e.example/1"]
        )

        event = registry.history(claim.id)[-1]
        assert (Status.FALSE, 0.8, 2) == (changed.status, changed.confidence, changed.version)
        assert ("review", 2) == (event.action, event.version)
        assert {
            "status": "unverified",
            "confidence": None,
            "note": None,
            "evidence": [],
        } == event.before
        assert {
            "status": "false",
            "confidence": 0.8,
            "note": "n",
            "evidence": ["https://e.example/1"],
        } == event.after

    def test_back_to_unverified_needs_reopen(self, registry: Registry) -> None:
        """
        A verdict is not undone by accident; with reopen it is, and logged as such.
        """
        claim = registry.add("x").claim
        registry.review(claim.id, "true")

        with pytest.raises(ReopenRequiredError, match="needs an explicit reopen"):
            registry.review(claim.id, "unverified")
        reopened = registry.review(claim.id, "unverified", reopen=True)

        assert (Status.UNVERIFIED, "reopen") == (
            reopened.status,
            registry.history(claim.id)[-1].action,
        )

    def test_confidence_is_kept_for_the_same_status_and_cleared_for_a_new_one(
        self, registry: Registry
    ) -> None:
        """
        Confidence belongs to a status: a new status without one is "not assessed".
        """
        claim = registry.add("x").claim
        registry.review(claim.id, "false", confidence=0.7)

        same = registry.review(claim.id, "false", note="more")
        other = registry.review(claim.id, "misleading")

        assert (0.7, None) == (same.confidence, other.confidence)

    def test_evidence_accumulates(self, registry: Registry) -> None:
        """
        Evidence URLs add up across reviews, without duplicates.
        """
        claim = registry.add("x").claim
        registry.review(claim.id, "in_review", evidence=["https://a.example/1"])

        changed = registry.review(
            claim.id, "false", evidence=["https://a.example/1", "https://b.example/2"]
        )

        assert ("https://a.example/1", "https://b.example/2") == changed.evidence

    def test_invalid_review_values_write_nothing(self, registry: Registry) -> None:
        """
        A confidence of 1.5 is refused with the field named, and nothing changes.
        """
        claim = registry.add("x").claim

        with pytest.raises(ValidationError, match="confidence: must be between 0 and 1"):
            registry.review(claim.id, "false", confidence=1.5)

        assert (claim, 1) == (registry.get(claim.id), len(registry.history(claim.id)))

    def test_stale_version_is_refused_naming_both_versions(self, registry: Registry) -> None:
        """
        A decision based on version 1 of a claim now at 2 is refused; nothing is written.
        """
        claim = registry.add("x").claim
        registry.review(claim.id, "false")

        with pytest.raises(StaleVersionError, match="you read version 1, it is now version 2"):
            registry.review(claim.id, "true", expected_version=1)

        assert Status.FALSE == registry.get(claim.id).status
        assert 2 == len(registry.history(claim.id))

    def test_concurrent_reviewers_cannot_lose_an_update(self, db_url: str) -> None:
        """
        Two registries read the same version; the second write is refused, not lost.
        """
        with factreg.open(db_url, actor="ana") as ana, factreg.open(db_url, actor="bo") as bo:
            claim = ana.add("x").claim
            seen_by_bo = bo.get(claim.id)
            ana.review(claim.id, "false")

            with pytest.raises(StaleVersionError):
                bo.review(claim.id, "true", expected_version=seen_by_bo.version)

            assert ["add", "review"] == [e.action for e in bo.history(claim.id)]
            assert "ana" == bo.history(claim.id)[-1].actor


class TestJudge:
    def test_same_joins_clusters_and_verdict_shows_for_all(self, registry: Registry) -> None:
        """
        Judging two claims the same joins them; a verdict on one is the cluster's.
        """
        a = registry.add("Haftar met Shoigu in Moscow", source=WIRE).claim
        b = registry.add("Le maréchal a vu Choïgou", source=DAILY).claim

        result = registry.judge(a.id, b.id, "same")
        registry.review(a.id, "true")

        assert result.cluster_a == result.cluster_b == a.id
        verdict = registry.cluster_verdict(registry.get(b.id))
        assert verdict is not None and (a.id, Status.TRUE) == (verdict.id, verdict.status)

    def test_different_splits_an_automatic_link_and_is_never_suggested_again(
        self, registry: Registry
    ) -> None:
        """
        "different" undoes an automatic link; matching never proposes the pair again.
        """
        a = registry.add(DELEGATION, source=ARABI21).claim
        b = registry.add(DELEGATION + ".", source=WIRE).claim
        assert a.id == registry.get(b.id).cluster

        registry.judge(a.id, b.id, "different")
        again = registry._matcher.matches_for(registry.get(b.id))

        assert b.id == registry.get(b.id).cluster
        assert [] == [m for m in again if m.claim_id == a.id]

    def test_merge_through_a_third_claim_judged_different_is_refused(
        self, registry: Registry
    ) -> None:
        """
        A and B judged different: joining C to both is refused and names the pair.
        """
        a = registry.add("claim a text", source=WIRE, match=False).claim
        b = registry.add("claim b text", source=DAILY, match=False).claim
        c = registry.add("claim c text", source=ARABI21, match=False).claim
        registry.judge(a.id, b.id, "different")
        registry.judge(a.id, c.id, "same")

        first, second = sorted((a.id, b.id))  # a judgement's pair is stored in id order
        with pytest.raises(
            JudgementConflictError, match=f"{first} and {second} were judged different"
        ):
            registry.judge(c.id, b.id, "same")

        assert registry.get(b.id).cluster != registry.get(c.id).cluster

    def test_judging_resolves_the_suggestion(self, registry: Registry) -> None:
        """
        A judged pair leaves the queue; the judgement is kept with reviewer and time.
        """
        registry.add(DELEGATION, source=ARABI21)
        b = registry.add(DELEGATION.replace("11", "15"), source=WIRE)
        assert "conflict" == registry.queue()[0].kind

        registry.judge(b.claim.id, b.suggested[0], "unsure", note="ask the desk")

        assert all(item.kind == "claim" for item in registry.queue())
        [judgement] = registry.judgements(b.claim.id)
        assert ("unsure", "tester", "ask the desk") == (
            judgement.verdict.value,
            judgement.reviewer,
            judgement.note,
        )


class TestQueue:
    def test_order_is_conflicts_then_articles_then_age(self, registry: Registry) -> None:
        """
        Conflicts first; then the claim carried by most articles; then the oldest.
        """
        lone = registry.add("an older claim nobody repeats at all", source=DAILY).claim
        shared = registry.add(DELEGATION, source=ARABI21).claim
        registry.add(DELEGATION + ".", source=WIRE)
        registry.add(DELEGATION.replace("11", "15"), source=DAILY)

        order = [(i.kind, i.claim.id) for i in registry.queue()]

        assert "conflict" == order[0][0]
        assert [("claim", shared.id), ("claim", lone.id)] == [o for o in order[1:3]]

    def test_claims_without_an_article_come_after_and_closed_clusters_leave(
        self, registry: Registry
    ) -> None:
        """
        Lone claims come oldest first, those from no article after those from one; a
        cluster with a verdict on any member is gone, whichever member got it.
        """
        unsourced = registry.add("a claim heard on the radio, with no article at all").claim
        old = registry.add("an old claim from one article only", source=DAILY).claim
        first = registry.add(DELEGATION, source=ARABI21).claim
        second = registry.add(DELEGATION + ".", source=WIRE).claim
        registry.review(second.id, "true")

        ids = [i.claim.id for i in registry.queue() if i.kind == "claim"]

        assert [old.id, unsourced.id] == ids
        assert first.id not in ids

    def test_reviewed_clusters_leave_the_queue(self, registry: Registry) -> None:
        """
        A cluster with a verdict is no longer awaiting review.
        """
        claim = registry.add("x").claim
        registry.review(claim.id, "false")

        assert [] == registry.queue()


class TestMaintenance:
    def test_check_passes_on_a_busy_registry(self, registry: Registry) -> None:
        """
        After imports, reviews, links and judgements the registry is consistent.
        """
        registry.import_jsonl([CLAIMS])
        registry.review("s03", "mostly_true")
        registry.judge("s03", "e01", "different")

        assert [] == registry.check()

    def test_reindex_is_idempotent(self, registry: Registry) -> None:
        """
        Reindexing twice changes nothing and keeps every claim findable.
        """
        registry.import_jsonl([CLAIMS])
        n = registry.stats()["claims"]

        assert (n, n) == (registry.reindex(), registry.reindex())
        assert [] == registry.check()
        assert "s03" == registry.match(registry.get("s03").text)[0].claim_id

    def test_relation_of_a_restatement_is_same(self, registry: Registry) -> None:
        """
        A verbatim restatement matches with relation "same" and full score.
        """
        registry.add(DELEGATION, source=ARABI21)

        [found] = registry.match(DELEGATION)

        assert (Relation.SAME, 100.0) == (found.relation, found.score)


def _other_news(registry: Registry) -> None:
    # A registry holding other stories, so that a story's own names are its rare words.
    subjects = [
        "Parliament passed the budget for next year after a long debate",
        "The central bank kept its main interest rate unchanged",
        "Flooding closed the coastal highway for a second day",
        "The football club signed a new coach on a three-year contract",
        "A heatwave pushed electricity demand to a record high",
        "The airline cancelled dozens of flights because of a strike",
        "Scientists reported a new species of frog in the rainforest",
        "The city opened a new metro line to the airport",
    ]
    registry.add_many(
        [
            Claim.new(text, source=Source(url=f"https://other{i}.example/news"))
            for i, text in enumerate(subjects)
        ]
    )
