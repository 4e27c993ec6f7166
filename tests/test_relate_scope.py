"""
relate() on real-news error classes of issue #13 seen in two outlets' own sentences:
names an outlet adds (company suffixes, partners), contrast and cue words in a side
clause or in a clause one outlet adds, weak cue words, counts of lives claimed and of
aftershocks, and a differing figure that keeps a pair from being "the same".

The pairs are made up for these tests, in Arabic and English where the class applies
(capitalised names exist only in Latin script).
"""

from __future__ import annotations

import pytest

import factreg.evidence
import factreg.relate
from factreg.evidence import evidence
from factreg.model import Relation
from factreg.relate import relate


def conflict_reason(new: str, old: str) -> str | None:
    relation, reasons = relate(new, old, score=85)
    return reasons[0] if relation is Relation.CONFLICT else None


class TestNamesInPlace:
    def test_an_added_partner_or_company_suffix_is_no_swapped_name(self) -> None:
        """
        "Acme and Globex said" against "Acme Inc said": "Inc" is the kind of company,
        and Globex is named beside Acme, not in another's place.
        """
        new = (
            "Acme and Globex said on Wednesday that an updated analysis of their trial"
            " shows the drug is 95 percent effective."
        )
        old = (
            "Acme Inc said on Wednesday that final results from its trial show the drug"
            " was 95 percent effective, adding it would apply for approval."
        )

        assert "name_differs" not in evidence(new, old).reasons
        assert conflict_reason(new, old) is None

    def test_a_name_put_in_another_names_place_conflicts(self) -> None:
        """
        "Senator Warren backed …" against "Senator Sanders backed …": the rest lines up.
        """
        reason = conflict_reason(
            "Senator Warren backed the new housing bill in a vote on Monday.",
            "Senator Sanders backed the new housing bill in a vote on Monday.",
        )

        assert reason == "name differs: Sanders ≠ Warren"


class TestSideClauses:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "أحبطت الشرطة مخططا لاغتيال الوزير في العاصمة، دون تفاصيل.",
                "أحبطت الشرطة مخططا لاغتيال الوزير في العاصمة",
            ),
            (
                "Police foiled a plot to kill the minister in the capital, without giving details.",
                "Police foiled a plot to kill the minister in the capital",
            ),
        ],
    )
    def test_a_contrast_word_in_a_side_clause_is_no_conflict(self, new: str, old: str) -> None:
        """
        "…, دون تفاصيل" / "…, without giving details" reverses nothing the other says.
        """
        assert conflict_reason(new, old) is None

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "أحبطت الشرطة مخططا لاغتيال الوزير دون خسائر",
                "أحبطت الشرطة مخططا لاغتيال الوزير",
            ),
            (
                "Police foiled the plot without any arrests",
                "Police foiled the plot",
            ),
        ],
    )
    def test_a_contrast_word_in_the_claim_itself_still_counts(self, new: str, old: str) -> None:
        """
        In the first clause the contrast word is part of the claim.
        """
        assert (conflict_reason(new, old) or "").startswith("contrast word only in new claim")

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "قال الوزير إن الحكومة ستبني مئة مدرسة جديدة في الجنوب، وتفشل المشاريع السابقة"
                " بسبب نقص التمويل في المناطق النائية والقرى الفقيرة",
                "قال الوزير إن الحكومة ستبني مئة مدرسة جديدة في الجنوب",
            ),
            (
                "The minister said the government will build a hundred new schools in the"
                " south, while earlier projects fail for lack of money in remote areas and"
                " poor villages",
                "The minister said the government will build a hundred new schools in the south",
            ),
        ],
    )
    def test_a_clause_one_outlet_adds_is_no_conflict(self, new: str, old: str) -> None:
        """
        A longer claim that holds the shorter one and adds a clause elaborates it: a
        contrast or cue word in the added clause ("تفشل", "fail") reverses nothing.
        """
        assert conflict_reason(new, old) is None


class TestWeakCues:
    def test_a_weak_cue_word_alone_is_no_conflict(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """
        Two outlets' sentences the model finds likely to conflict, with no differing
        fact and only a word barely more common in contradictions (log-odds 0.3), are
        no conflict; the same pair with a strong cue word is.
        """
        new = "أعلن الرئيس في بيان صادر عن الرئاسة أنه تلقى اتصالا من رئيس الحكومة"
        old = "أعلن الرئيس في بيان عن مكتبه أنه تلقى اتصالا من رئيس الحكومة"
        monkeypatch.setattr(factreg.relate, "probabilities", lambda features: (0.9, 0.9))
        for term in ("صادر", "الرياسه", "رياسه"):
            monkeypatch.setitem(factreg.evidence.CUES, term, 0.3)

        assert conflict_reason(new, old) is None

        for term in ("صادر", "الرياسه", "رياسه"):
            monkeypatch.setitem(factreg.evidence.CUES, term, 3.0)

        assert (conflict_reason(new, old) or "").startswith("only in new claim")


class TestCounts:
    @pytest.mark.parametrize(
        ("new", "old", "reason"),
        [
            (
                "أودى الزلزال بحياة 272 شخصا على الأقل",
                "ارتفع عدد ضحايا الزلزال إلى 277 قتيلا",
                "count of deaths differs: 277 ≠ 272",
            ),
            (
                "The quake claimed the lives of at least 272 people",
                "The quake's death toll rose to 277",
                "count of deaths differs: 277 ≠ 272",
            ),
        ],
    )
    def test_lives_claimed_count_deaths(self, new: str, old: str, reason: str) -> None:
        """
        "أودى بحياة 272 شخصا" / "claimed the lives of 272 people" count deaths.
        """
        assert reason == conflict_reason(new, old)

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "تم تسجيل 411 هزة ارتدادية في المنطقة المنكوبة",
                "تم تسجيل 371 هزة ارتدادية في المنطقة المنكوبة",
            ),
            (
                "411 aftershocks were recorded in the quake-hit region",
                "371 aftershocks were recorded in the quake-hit region",
            ),
        ],
    )
    def test_a_count_of_aftershocks_differs(self, new: str, old: str) -> None:
        """
        Aftershocks are a counted thing: 411 against 371 names what differs.
        """
        assert conflict_reason(new, old) == "count of aftershocks differs: 371 ≠ 411"

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "قالت الشركة إن التجربة سجلت 170 حالة بين المتطوعين",
                "شمل التحليل الأولي أول 94 حالة بين المتطوعين",
            ),
            (
                "The company said there had been 170 cases among the volunteers",
                "The interim analysis looked at the first 94 cases among the volunteers",
            ),
        ],
    )
    def test_a_differing_figure_keeps_a_pair_from_the_same(
        self, new: str, old: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Even where the model finds the pair likely the same and unlikely to conflict, a
        figure that differs (170 against 94) leaves it to a reviewer: never "same".
        """
        monkeypatch.setattr(factreg.relate, "probabilities", lambda features: (0.1, 0.99))

        relation, _ = relate(new, old, score=60)

        assert relation is not Relation.SAME
        assert "number_differs" in evidence(new, old).reasons

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "ضرب زلزال بقوة 5.9 درجات المنطقة فجر الاثنين",
                "سجلت 411 هزة ارتدادية في المنطقة، أقواها بقوة 5.6 درجات",
            ),
            (
                "The initial 5.9-magnitude quake hit the region early on Monday",
                "411 aftershocks were recorded in the region, the strongest measuring 5.6 in"
                " magnitude",
            ),
        ],
    )
    def test_an_aftershocks_magnitude_is_not_the_quakes(self, new: str, old: str) -> None:
        """
        In a claim about aftershocks the magnitude is an aftershock's: 5.6 against the
        quake's 5.9 is no changed figure.
        """
        assert conflict_reason(new, old) is None
        assert "number_differs" not in evidence(new, old).reasons


class TestReportingTimesAndClauses:
    def test_an_hour_given_as_an_ordinal_is_no_ordinal_fact(self) -> None:
        """
        "الساعة السابعة صباحا" and "الثانية من صباح السبت" tell when a toll was given:
        not "the seventh" against "the second" (English hours are numbers already).
        """
        new = "في حصيلة حتى الثانية من صباح السبت، سجلت 632 وفاة في الزلزال"
        old = "إلى حدود الساعة السابعة صباحا، سجلت 632 وفاة في الزلزال"

        assert "ordinal_differs" not in evidence(new, old).reasons
        assert conflict_reason(new, old) is None

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "الزيارة الثانية للرئيس إلى القاهرة هذا العام",
                "الزيارة الرابعة للرئيس إلى القاهرة هذا العام",
            ),
            (
                "The president's second visit to Cairo this year",
                "The president's fourth visit to Cairo this year",
            ),
        ],
    )
    def test_an_ordinal_that_is_no_hour_still_differs(self, new: str, old: str) -> None:
        """
        الثانية against الرابعة of a visit is a changed ordinal.
        """
        assert (conflict_reason(new, old) or "").startswith("ordinal differs")

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "More than a million people marched against the law, which would allow"
                " transfers to places with which the city has no treaty",
                "More than a million people marched against the law",
            ),
            (
                "خرج أكثر من مليون شخص ضد القانون الذي لا يسمح بالاستئناف",
                "خرج أكثر من مليون شخص ضد القانون",
            ),
        ],
    )
    def test_a_negation_in_a_relative_clause_is_no_conflict(self, new: str, old: str) -> None:
        """
        "… with which the city has no treaty", "… الذي لا يسمح …" describe the law, they
        do not deny the march.
        """
        assert conflict_reason(new, old) is None
        assert "negation" not in evidence(new, old).reasons


class TestPartsOfACount:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "تم تسجيل 290 وفاة بإقليم الحوز، و190 وفاة بإقليم تارودانت، و89 وفاة بإقليم شيشاوة",
                "سجلت 632 وفاة جراء الزلزال حتى الآن",
            ),
            (
                "The quake left 290 dead in Al Haouz, 190 dead in Taroudant and 89 dead in"
                " Chichaoua",
                "The quake has killed 632 people so far",
            ),
        ],
    )
    def test_a_breakdown_by_province_is_no_changed_toll(self, new: str, old: str) -> None:
        """
        Three provincial tolls adding up to no more than the national one are its parts.
        """
        relation, reasons = relate(new, old, score=60)

        assert relation is Relation.RELATED
        assert any(reason.startswith("part of the deaths count") for reason in reasons)

    def test_a_breakdown_adding_up_to_more_than_the_total_differs(self) -> None:
        """
        290 + 190 + 189 dead is more than 632: the figures do not fit together.
        """
        reason = conflict_reason(
            "The quake left 290 dead in Al Haouz, 190 dead in Taroudant and 189 dead in Chichaoua",
            "The quake has killed 632 people so far",
        )

        assert (reason or "").startswith("count of deaths differs")

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            ("قتل 53 شخصا في مينشيان وحدها جراء الزلزال", "قتل الزلزال 89 شخصا"),
            ("In Minxian alone, 53 people were killed by the quake", "The quake killed 89 people"),
        ],
    )
    def test_a_count_marked_as_a_part_is_neither_same_nor_conflict(
        self, new: str, old: str
    ) -> None:
        """
        "وحدها" / "alone": 53 dead in one county is a part of the 89, not a changed toll,
        and not the same claim either.
        """
        relation, reasons = relate(new, old, score=60)

        assert relation is Relation.RELATED
        assert "part of the deaths count: 53 of 89" in reasons

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "A total of 412 people were also injured in the quake",
                "In one village 12 people were buried by the quake",
            ),
            (
                "About 226,700 people had been relocated as of Tuesday",
                "At least 550 people were sent to hospitals",
            ),
        ],
    )
    def test_people_take_the_role_a_verb_gives_them(self, new: str, old: str) -> None:
        """
        "412 people were also injured" counts the injured and "226,700 people had been
        relocated" the displaced: neither is compared with another count of people.
        """
        assert conflict_reason(new, old) is None
