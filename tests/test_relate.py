"""
relate(): same, conflict or related, with reasons a reviewer can read.

The pairs are written for these tests, after the seed article's sentences.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from factreg.model import Relation
from factreg.relate import SAME_SCORE, relate, term_overlap
from tests.strategies import texts

DELEGATION = "الوفد المرافق لحفتر يضم 11 من كبار مساعديه"
MET = "حفتر التقى خلال زيارته إلى القاهرة مسؤولين عسكريين مصريين"
FOURTH = "زيارة حفتر إلى القاهرة هي الرابعة من نوعها خلال بضعة أشهر"


class TestConflict:
    @pytest.mark.parametrize(
        ("new", "old", "reason"),
        [
            (DELEGATION.replace("11", "15"), DELEGATION, "number differs: 11 ≠ 15"),
            (
                "Haftar's delegation included 15 of his senior aides",
                "Haftar's delegation included eleven of his senior aides",
                "number differs: eleven (11) ≠ 15",
            ),
            (
                FOURTH.replace("الرابعة", "الخامسة"),
                FOURTH,
                "ordinal differs: الرابعة (4) ≠ الخامسة (5)",
            ),
            (
                "زار حفتر القاهرة مرتين في شهر تموز/ يوليو الماضي",
                "زار حفتر القاهرة مرتين في شهر حزيران/ يونيو الماضي",
                "month differs: حزيران (June) ≠ تموز (July)",
            ),
            (
                "Haftar visited Cairo twice in July",
                "Haftar visited Cairo twice in June",
                "month differs: June ≠ July",
            ),
            ("لم يلتق " + MET.replace("التقى ", ""), MET, "negation only in new claim: لم"),
            (MET, "لم يلتق " + MET.replace("التقى ", ""), "negation only in earlier claim: لم"),
            (
                "The minister did not resign on Friday after the vote",
                "The minister resigned on Friday after the vote",
                "negation only in new claim: not",
            ),
            (
                "انخفاض أسعار النفط في الأسواق العالمية",
                "ارتفاع أسعار النفط في الأسواق العالمية",
                "opposites: ارتفاع ↔ انخفاض",
            ),
            (
                "Oil prices fall sharply after the OPEC meeting",
                "Oil prices rise sharply after the OPEC meeting",
                "opposites: rise ↔ fall",
            ),
            (
                "اجتماع وزراء الخارجية العرب في الرياض الأسبوع المقبل",
                "اجتماع وزراء الخارجية العرب في القاهرة الأسبوع المقبل",
                "place differs: القاهرة ≠ الرياض",
            ),
            (
                "وصلت طائرات عسكرية إماراتية إلى مطار الخروبة في ليبيا",
                "وصلت طائرات عسكرية مصرية إلى مطار الخروبة في ليبيا",
                "word differs: مصرية ≠ إماراتية",
            ),
            (
                "Obama signed the executive order on immigration",
                "Bush signed the executive order on immigration",
                "name differs: Bush ≠ Obama",
            ),
            (
                "Senator Cruz backed the bill on Monday",
                "Senator Warren and Senator Sanders backed the bill on Monday",
                "name differs: Warren, Sanders ≠ Cruz",
            ),
            (
                "روسيا تفشل في إقناع مجلس الأمن برفع حظر الأسلحة عن ليبيا",
                "روسيا تقنع مجلس الأمن برفع حظر الأسلحة عن ليبيا",
                "contrast word only in new claim: تفشل",
            ),
        ],
    )
    def test_key_fact_differs(self, new: str, old: str, reason: str) -> None:
        """
        A differing number, ordinal, month, place, negation, opposite, name or contrast
        word makes two claims about the same thing a conflict, with the earlier claim's
        side named first.
        """
        relation, reasons = relate(new, old, score=85)

        assert (Relation.CONFLICT, (reason,)) == (relation, reasons)

    def test_needs_the_same_subject(self) -> None:
        """
        Different numbers in claims that share almost nothing are no conflict.
        """
        relation, _ = relate("ارتفع عدد القتلى إلى 15 في حلب", DELEGATION, score=25)

        assert Relation.RELATED == relation

    def test_conflict_wins_over_a_high_score(self) -> None:
        """
        Even a near-identical wording conflicts when its number differs.
        """
        relation, _ = relate(DELEGATION.replace("11", "15"), DELEGATION, score=99)

        assert Relation.CONFLICT == relation


class TestSame:
    @pytest.mark.parametrize(
        ("new", "old"),
        [
            ("و" + FOURTH, FOURTH.replace("القاهرة", "القاهرة،")),
            (DELEGATION.replace("11", "أحد عشر"), DELEGATION),
            (DELEGATION.replace("11", "١١"), DELEGATION),
            (DELEGATION + " و3 حراس", DELEGATION),
            ("حفتر لم يلتق السيسي خلال الزيارة", "حفتر لن يلتق السيسي خلال الزيارة"),
            ("Trump met Xi in Beijing on Tuesday", "Trump met Xi in China on Tuesday"),
            ("Obama met President Putin in Helsinki", "President Obama met Putin in Helsinki"),
        ],
    )
    def test_restatements(self, new: str, old: str) -> None:
        """
        Punctuation, a number written as a word or in Arabic-Indic digits, an added
        detail, two negations, a capital for its country or a moved title restate the
        claim.
        """
        relation, reasons = relate(new, old, score=90)

        assert (Relation.SAME, ("restates it (score 90)",)) == (relation, reasons)


class TestRelated:
    def test_below_the_same_score(self) -> None:
        """
        Without a differing fact and below SAME_SCORE the claims are only related.
        """
        relation, reasons = relate(FOURTH, MET, score=SAME_SCORE - 1)

        assert Relation.RELATED == relation
        assert reasons[0].startswith("similar wording (score 39, ")

    @given(texts, texts)
    @settings(max_examples=200)
    def test_any_pair_gets_a_relation_and_a_reason(self, new: str, old: str) -> None:
        """
        relate never raises and always explains itself.
        """
        relation, reasons = relate(new, old, score=50)

        assert relation in Relation
        assert 1 <= len(reasons)


class TestTermOverlap:
    def test_share_of_the_shorter_list(self) -> None:
        """
        Overlap is measured against the shorter claim's distinct terms.
        """
        assert (1.0, 0.5, 0.0) == (
            term_overlap(["a", "b"], ["a", "b", "c"]),
            term_overlap(["a", "b"], ["a", "c", "d"]),
            term_overlap([], ["a"]),
        )


class TestIdenticalTexts:
    @pytest.mark.parametrize(
        "text",
        [
            "تشير التقديرات إلى أن مليون شخص يتظاهرون اليوم في #PutItToThePeopleMarch",
            "Protesters marched in #PutItToThePeopleMarch today, organisers said",
        ],
    )
    def test_a_text_never_conflicts_with_itself(self, text: str) -> None:
        """
        The same words twice are the same claim, camel-case hashtags included (they fold
        to several words, which once made a "name differs: X ≠ X").
        """
        assert Relation.SAME == relate(text, text, score=100)[0]
