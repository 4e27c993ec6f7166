"""
relate() after issue 13's third round: a conflict rests on a named, checkable fact (or on
one sentence edited by a word), and decide() says which; a claim told again inside a
longer one is the same; figures are compared only where they count the same thing in the
same way (a bare number, a span of years, another currency, a breakdown by kind, a
forecast are not a changed figure).

The pairs are made up for these tests, in Arabic and English.
"""

from __future__ import annotations

import pytest

from factreg.model import Relation
from factreg.relate import BASES, CHECKABLE, POSSIBLE_CONFLICT, decide, relate


def conflict_reason(new: str, old: str) -> str | None:
    relation, reasons = relate(new, old, score=85)
    return reasons[0] if relation is Relation.CONFLICT else None


class TestConflictBasis:
    @pytest.mark.parametrize(
        ("new", "old", "basis"),
        [
            (
                "The bombing in the market killed 16 people and wounded 40",
                "11 dead and 40 injured in the market bombing",
                "count",
            ),
            (
                "التفجير في السوق أسفر عن مقتل 16 شخصا وإصابة 40",
                "11 قتيلا و40 جريحا في تفجير السوق",
                "count",
            ),
            (
                "The party rejects the results of the local elections in the city",
                "The party accepts the results of the local elections in the city",
                "denial",
            ),
            (
                "الحزب يرفض نتائج الانتخابات البلدية في المدينة",
                "الحزب يقبل نتائج الانتخابات البلدية في المدينة",
                "denial",
            ),
        ],
    )
    def test_decide_names_the_evidence_a_conflict_rests_on(
        self, new: str, old: str, basis: str
    ) -> None:
        """
        Every conflict says which kind of fact differs: a count, a denial, a month …
        """
        found = decide(new, old, score=85)

        assert found.relation is Relation.CONFLICT
        assert found.basis == basis
        assert found.basis in CHECKABLE and found.basis in BASES

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "Shops in the city kept the milk on their shelves despite the contamination"
                " scandal, traders told reporters on Sunday",
                "The city clears the milk from its markets",
            ),
            (
                "متاجر المدينة أبقت الحليب على رفوفها رغم فضيحة التلوث، بحسب ما قاله تجار"
                " للصحفيين الأحد",
                "المدينة تخلي أسواقها من الحليب",
            ),
        ],
    )
    def test_a_cue_word_in_another_sentence_is_put_to_a_reviewer_as_related(
        self, new: str, old: str
    ) -> None:
        """
        A contrast word in two outlets' different sentences names no fact a reviewer can
        check: the pair is related, with the possible conflict in its reasons.
        """
        found = decide(new, old, score=85)

        assert found.relation is Relation.RELATED
        assert found.basis == "cue"
        assert found.reasons[-1].startswith(POSSIBLE_CONFLICT)

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            ("المحكمة تبرئ المتهم في قضية الشركة", "المحكمة تدين المتهم في قضية الشركة"),
            (
                "The court acquitted the suspect in the company case on Monday",
                "The court convicted the suspect in the company case on Monday",
            ),
        ],
    )
    def test_one_sentence_edited_by_a_word_stays_a_conflict(self, new: str, old: str) -> None:
        """
        The same sentence with one word changed ("تبرئ" / "تدين", "acquitted" /
        "convicted") is how a reversal is written: a conflict naming the word.
        """
        found = decide(new, old, score=85)

        assert found.relation is Relation.CONFLICT
        assert found.basis in ("word", "cue")

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "وأكد أن الجسر الجديد في العاصمة سيفتح أمام حركة المرور الأسبوع المقبل",
                "الجسر الجديد في العاصمة سيفتح أمام حركة المرور الأسبوع المقبل",
            ),
            (
                "The ministry said the new bridge in the capital will open to traffic next week",
                "The new bridge in the capital will open to traffic next week",
            ),
        ],
    )
    def test_a_reporting_verb_is_no_cue_of_a_conflict(self, new: str, old: str) -> None:
        """
        "وأكد أن …", "the ministry said …" tell who said it, not that it is reversed.
        """
        assert conflict_reason(new, old) is None
        assert relate(new, old, score=85)[0] is Relation.SAME


class TestElaboration:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "وأكد أن الجسر الجديد في العاصمة سيفتح أمام حركة المرور الأسبوع المقبل",
                "الجسر الجديد في العاصمة سيفتح أمام حركة المرور الأسبوع المقبل بعد أربع"
                " سنوات من العمل وتكلفة تجاوزت التقديرات الأولى",
            ),
            (
                "Iran sows discord and destruction wherever it goes, he said",
                "Iran sows discord and destruction wherever it goes, as its meddling in the"
                " internal affairs of Lebanon, Syria, Iraq and Yemen shows",
            ),
        ],
    )
    def test_a_claim_inside_a_longer_one_is_the_same(self, new: str, old: str) -> None:
        """
        One outlet quotes part of a sentence another gives whole: nothing differs, the
        longer one says more.
        """
        found = decide(new, old, score=85)

        assert found.relation is Relation.SAME
        assert found.basis in ("elaboration", "model")

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "الحزب يعلن فوزه في الانتخابات البلدية في تونس",
                "الحزب يخسر الانتخابات البلدية في تونس",
            ),
            (
                "The storm moves towards the coast after hitting the islands",
                "The storm moves away from the coast",
            ),
        ],
    )
    def test_a_word_replaced_is_no_elaboration(self, new: str, old: str) -> None:
        """
        "يعلن فوزه" against "يخسر": the shorter claim has a word the longer lacks, so it
        is not told again inside it.
        """
        assert decide(new, old, score=85).basis != "elaboration"


class TestNegatedPhrase:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "The law would allow transfers to places with which the city has no"
                " extradition deal, including the mainland",
                "Thousands marched in the city against the extradition bill on Sunday",
            ),
            (
                "القانون يسمح بالتسليم إلى دول التي لا تربطها بالمدينة اتفاقية تسليم",
                "الآلاف تظاهروا في المدينة ضد قانون التسليم يوم الأحد",
            ),
        ],
    )
    def test_a_negation_in_a_relative_clause_counts_only_when_all_it_negates_is_said(
        self, new: str, old: str
    ) -> None:
        """
        "no extradition deal" in a relative clause says nothing against "the extradition
        bill": the other claim says "extradition", not "deal".
        """
        found = decide(new, old, score=85)

        assert found.basis != "negation"
        assert found.relation is not Relation.CONFLICT


class TestFiguresCompared:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "Turnout, which organisers put at 1.03 million, was so large the last"
                " marchers left about four hours after the first",
                "The last of the marchers left the park four and a half hours after those"
                " at the front set off",
            ),
        ],
    )
    def test_a_bare_number_is_no_checked_figure(self, new: str, old: str) -> None:
        """
        "four" and "1.03 million" count nothing named: they never make a conflict.
        """
        assert conflict_reason(new, old) is None

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "The famous radio presenter died at the age of 92 years",
                "The famous radio presenter died at the age of 50 years",
            ),
            ("الإذاعية الشهيرة تتوفى عن عمر يناهز 92 عاما", "وفاة الإذاعية الشهيرة عن 50 عاما"),
        ],
    )
    def test_an_age_is_no_calendar_year(self, new: str, old: str) -> None:
        """
        92 and 50 years are two ages, not two years that date two events: the pair is
        never the same claim.
        """
        assert relate(new, old, score=85)[0] is not Relation.SAME

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "Bayern paid 100 million euros for the striker on Saturday",
                "Bayern paid 86 million pounds for the striker on Saturday",
            ),
            (
                "بايرن دفع 100 مليون يورو لضم المهاجم السبت",
                "بايرن دفع 86 مليون جنيه استرليني لضم المهاجم السبت",
            ),
        ],
    )
    def test_a_sum_in_another_currency_is_no_changed_figure(self, new: str, old: str) -> None:
        """
        A fee in euros and its conversion in pounds are one figure told twice.
        """
        assert conflict_reason(new, old) is None

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "The crash killed all 157 people on board the plane",
                "149 passengers and eight crew were killed in the plane crash",
            ),
            (
                "لقي جميع من كانوا على متن الطائرة وعددهم 157 شخصا حتفهم",
                "قتل 149 راكبا و8 من أفراد الطاقم في تحطم الطائرة",
            ),
        ],
    )
    def test_counts_by_kind_adding_up_to_the_total_are_no_changed_count(
        self, new: str, old: str
    ) -> None:
        """
        149 passengers and 8 crew are the 157 on board, counted by kind.
        """
        relation, reasons = relate(new, old, score=85)

        assert relation is not Relation.CONFLICT
        assert any("149" in reason and "157" in reason for reason in reasons)

    @pytest.mark.parametrize(
        ("new", "old"),
        [
            (
                "Police mobilised 2,000 officers for a march organisers expected to draw"
                " more than half a million",
                "The police said 240,000 people were on the march at its peak",
            ),
            (
                "الشرطة نشرت ألفي عنصر لمسيرة يتوقع منظموها أن يشارك فيها 500 ألف شخص",
                "الشرطة قالت إن 240 ألف شخص شاركوا في المسيرة في ذروتها",
            ),
        ],
    )
    def test_a_forecast_figure_is_not_compared_with_a_count(self, new: str, old: str) -> None:
        """
        What organisers expected is not a count of who came.
        """
        assert conflict_reason(new, old) is None
