"""
Ranking the store's candidates: fused score, cutoff, limit, relations, auto-linking.
"""

from __future__ import annotations

import pytest

from factreg.matching import (
    AUTOLINK_SCORE,
    MAX_QUERY_TERMS,
    QUEUE_CONFLICT_OVERLAP,
    QUEUE_OVERLAP,
    QUEUE_SAME_OVERLAP,
    RELATED_SCORE,
    Candidate,
    can_autolink,
    decided,
    query_terms,
    queued_pair,
    rank,
    select,
    worth_queueing,
)
from factreg.model import Claim, Judgement, Match, Relation, Source, Suggestion, Verdict, utcnow
from factreg.normalize import index_text, terms

DELEGATION = "الوفد المرافق لحفتر يضم 11 من كبار مساعديه"
FOURTH = "زيارة حفتر إلى القاهرة هي الرابعة من نوعها خلال بضعة أشهر"
MOSCOW = "خليفة حفتر التقى في موسكو وزير الدفاع الروسي سيرغي شويغو"


def candidate(claim_id: str, text: str, index_score: float) -> Candidate:
    # As the store gives them: each claim in a cluster, at first its own.
    return Candidate(Claim(text=text, id=claim_id, cluster=claim_id), index_text(text), index_score)


class TestQueryTerms:
    def test_distinct_terms_in_text_order_without_stopwords(self) -> None:
        """
        The store gets each term once, in text order, and no function words.
        """
        assert ["وفد", "مرافق", "لحفتر", "يضم", "11", "كبار", "مساعد"] == query_terms(
            DELEGATION + " في الوفد"
        )

    def test_one_reading_per_word(self) -> None:
        """
        A query looks up a word's first reading; the index holds both.
        """
        assert (["بروسيا"], ["بروسيا", "روسيا"]) == (query_terms("بروسيا"), terms("بروسيا"))

    def test_capped(self) -> None:
        """
        A very long text sends at most MAX_QUERY_TERMS terms.
        """
        text = " ".join(f"word{i}" for i in range(200))

        assert MAX_QUERY_TERMS == len(query_terms(text))


class TestRank:
    def test_restatement_outranks_a_higher_index_score(self) -> None:
        """
        The fused score lets a near-identical wording beat a candidate the index
        liked a little more.
        """
        candidates = [
            candidate("moscow", MOSCOW, 12.0),
            candidate("fourth", FOURTH.replace("القاهرة", "القاهرة،"), 10.0),
        ]

        ranked = rank("و" + FOURTH, candidates)

        assert ["fourth", "moscow"] == [m.claim_id for m in ranked]

    def test_better_wording_first_at_equal_index_score(self) -> None:
        """
        With equal index scores, the closer wording ranks first.
        """
        candidates = [candidate("moscow", MOSCOW, 5.0), candidate("fourth", FOURTH, 5.0)]

        assert "fourth" == rank(FOURTH, candidates)[0].claim_id

    def test_scores_are_0_to_100_and_descending(self) -> None:
        """
        Scores stay on the 0..100 scale and come best first; an identical text scores 100.
        """
        candidates = [
            candidate("a", FOURTH, 9.0),
            candidate("b", MOSCOW, 3.0),
            candidate("c", DELEGATION, 6.0),
        ]

        scores = [m.score for m in rank(FOURTH, candidates, score_cutoff=0)]

        assert 100.0 == scores[0]
        assert sorted(scores, reverse=True) == scores
        assert all(0 <= s <= 100 for s in scores)

    def test_cutoff_and_limit(self) -> None:
        """
        Candidates under score_cutoff are dropped and at most ``limit`` are returned.
        """
        candidates = [candidate(f"c{i}", FOURTH, 10.0 - i) for i in range(8)]

        assert (5, 2, 0) == (
            len(rank(FOURTH, candidates)),
            len(rank(FOURTH, candidates, limit=2)),
            len(rank(FOURTH, candidates, score_cutoff=101)),
        )

    def test_far_weaker_index_hits_fall_under_the_default_cutoff(self) -> None:
        """
        A candidate whose index score is a small fraction of the best one's is not
        reported, however its wording compares.
        """
        candidates = [candidate("best", FOURTH, 50.0), candidate("weak", MOSCOW, 1.0)]

        ranked = rank(FOURTH, candidates)

        assert ["best"] == [m.claim_id for m in ranked]
        assert ranked[0].score >= RELATED_SCORE

    def test_ties_keep_the_store_order(self) -> None:
        """
        Equal scores keep the order the store handed the candidates over in.
        """
        candidates = [candidate(i, FOURTH, 4.0) for i in ("z", "a", "m")]

        assert ["z", "a", "m"] == [m.claim_id for m in rank(FOURTH, candidates)]

    def test_without_index_scores_fuzzy_alone_ranks(self) -> None:
        """
        Candidates without a positive index score are ranked on wording alone.
        """
        candidates = [candidate("moscow", MOSCOW, 0.0), candidate("fourth", FOURTH, 0.0)]

        assert ["fourth", "moscow"] == [m.claim_id for m in rank(FOURTH, candidates)]

    def test_no_candidates(self) -> None:
        """
        Nothing in, nothing out.
        """
        assert [] == rank(FOURTH, [])

    def test_relation_and_reasons_come_from_relate(self) -> None:
        """
        Each survivor carries relate()'s relation and reasons.
        """
        candidates = [candidate("s03", DELEGATION, 8.0)]

        [found] = rank(DELEGATION.replace("11", "15"), candidates)

        assert (Relation.CONFLICT, ("number differs: 11 ≠ 15",)) == (
            found.relation,
            found.reasons,
        )


class TestCanAutolink:
    def match(self, relation: Relation, score: float) -> Match:
        return Match(Claim(text=FOURTH, id="s06"), score, relation, ())

    def test_long_same_match_above_the_threshold(self) -> None:
        """
        A SAME match at or above AUTOLINK_SCORE for a long enough text links itself.
        """
        assert can_autolink(FOURTH, self.match(Relation.SAME, AUTOLINK_SCORE))

    @pytest.mark.parametrize(
        ("text", "relation", "score"),
        [
            ("حفتر في القاهرة", Relation.SAME, 100.0),
            ("Haftar visited Cairo", Relation.SAME, 100.0),
            (FOURTH, Relation.SAME, AUTOLINK_SCORE - 0.1),
            (FOURTH, Relation.CONFLICT, 100.0),
            (FOURTH, Relation.RELATED, 100.0),
        ],
    )
    def test_otherwise_a_reviewer_decides(
        self, text: str, relation: Relation, score: float
    ) -> None:
        """
        Short texts, lower scores, conflicts and related matches never link themselves.
        """
        assert not can_autolink(text, self.match(relation, score))


def _no_frequencies(terms: set[str]) -> tuple[int, dict[str, int]]:
    # An empty registry's statistics: every term is rare, so any shared term counts.
    return 1000, {}


class TestSelect:
    def test_skipped_and_same_article_candidates_are_left_out(self) -> None:
        """
        Claims already decided, and claims of the claim's own article, are never selected.
        """
        article = Source(url="https://a.example/1", publisher="A")
        claim = Claim(text=DELEGATION, id="new", source=article)
        candidates = [
            candidate("judged", DELEGATION, 10.0),
            Candidate(
                Claim(text=DELEGATION, id="own", source=article), index_text(DELEGATION), 9.0
            ),
            candidate("other", DELEGATION.replace("11", "15"), 8.0),
        ]

        found = select(claim, candidates, skip={"judged"}, frequencies=_no_frequencies)

        assert ["other"] == [m.claim_id for m in found]

    def test_one_match_per_cluster(self) -> None:
        """
        Two claims of one cluster give one match, the better one.
        """
        claim = Claim(text=DELEGATION, id="new", cluster="new")
        candidates = [
            Candidate(Claim(text=DELEGATION, id="x1", cluster="x1"), index_text(DELEGATION), 9.0),
            Candidate(
                Claim(text=DELEGATION + " أمس", id="x2", cluster="x1"),
                index_text(DELEGATION + " أمس"),
                8.0,
            ),
        ]

        found = select(claim, candidates, skip=set(), frequencies=_no_frequencies)

        assert ["x1"] == [m.claim_id for m in found]


class TestDecided:
    def test_queued_and_judged_different_are_decided(self) -> None:
        """
        Pairs already queued, judged different, and the claim itself are not suggested
        again; a pair judged "same" after "different" may be.
        """
        now = utcnow()
        queued = Suggestion("a", "q", 50.0, Relation.RELATED, (), now)
        judged = [
            Judgement(a="a", b="d", verdict=Verdict.DIFFERENT, reviewer="r"),
            Judgement(a="a", b="s", verdict=Verdict.DIFFERENT, reviewer="r"),
            Judgement(a="a", b="s", verdict=Verdict.SAME, reviewer="r"),
        ]

        assert {"a", "q", "d"} == decided("a", [queued], judged)


class TestQueuedPair:
    def test_a_same_match_not_joined_is_queued_as_related_with_why(self) -> None:
        """
        The newer claim comes first; a "same" not joined says why it was not.
        """
        old = Claim(text=FOURTH, id="old")
        new = Claim(text=FOURTH, id="new", created_at=old.created_at.replace(year=2099))
        found = Match(old, 90.0, Relation.SAME, ("same wording",))

        pair = queued_pair(new, found, refusal="score 90 is below 95", at=utcnow())

        assert ("new", "old", Relation.RELATED) == (pair.claim_id, pair.other_id, pair.relation)
        assert ("same wording", "not joined automatically: score 90 is below 95") == pair.reasons


class TestWorthQueueing:
    FIGURES = ("restates it (score 60): …", "figures line up: 89 (deaths)")
    COUNT = ("count of deaths differs: 89 ≠ 94",)
    PLACE = ("place differs: سوريا ≠ العراق",)

    def match(self, relation: Relation, reasons: tuple[str, ...]) -> Match:
        return Match(Claim(text=DELEGATION, id="s03"), 60.0, relation, reasons)

    @pytest.mark.parametrize(
        ("relation", "reasons", "overlap", "queued"),
        [
            (Relation.SAME, FIGURES, QUEUE_SAME_OVERLAP, True),
            (Relation.SAME, FIGURES, QUEUE_SAME_OVERLAP - 0.01, False),
            (Relation.SAME, ("restates it (score 60): 80% of terms shared",), 0.3, False),
            (Relation.CONFLICT, COUNT, QUEUE_CONFLICT_OVERLAP, True),
            (Relation.CONFLICT, COUNT, QUEUE_CONFLICT_OVERLAP - 0.01, False),
            (Relation.CONFLICT, PLACE, QUEUE_CONFLICT_OVERLAP, False),
            (Relation.CONFLICT, PLACE, QUEUE_OVERLAP, True),
            (Relation.RELATED, ("similar wording",), QUEUE_CONFLICT_OVERLAP, False),
            (Relation.RELATED, ("similar wording",), QUEUE_OVERLAP, True),
        ],
    )
    def test_figures_and_counts_reach_the_queue_sooner(
        self, relation: Relation, reasons: tuple[str, ...], overlap: float, queued: bool
    ) -> None:
        """
        The same figures, or a differing count of the same named thing, bring a pair to
        the queue with fewer rare words in common; any other pair needs QUEUE_OVERLAP.
        """
        assert queued == worth_queueing(FOURTH, self.match(relation, reasons), overlap)


class TestFigureCutoff:
    def test_a_low_scoring_toll_in_other_words_is_still_related(self) -> None:
        """
        Below the reporting cutoff, a candidate giving the same toll in other words is
        kept when asked with ``figure_cutoff``, and only then.
        """
        best = candidate("s01", "Heavy rain and floods hit the northern valley on Monday", 20.0)
        toll = candidate("s02", "The quake killed 89 people and injured more than 500", 1.0)
        text = "At least 89 dead and over 500 hurt as the quake hits"

        plain = rank(text, [best, toll], limit=5)
        asked = rank(text, [best, toll], limit=5, figure_cutoff=1.0)

        assert "s02" not in [m.claim_id for m in plain]
        assert [Relation.SAME] == [m.relation for m in asked if m.claim_id == "s02"]
