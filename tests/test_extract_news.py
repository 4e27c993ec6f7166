"""
Tests for factreg.extract on patterns of real news (issue 14), with made-up sentences:
claimant plausibility, wire tags, citation verbs, references, clause boundaries.
"""

from __future__ import annotations

from factreg.extract import extract_claims
from factreg.extract.names import claimant_core, plausible_claimant, whole_outlet


def _chains(text: str, publisher: str = "P") -> list[tuple[str, tuple[str, ...]]]:
    return [(c.text, c.attribution) for c in extract_claims(text, publisher=publisher)]


class TestClaimantPlausibility:
    def test_plausible_claimant_rejects_fragments_pronouns_and_function_words(self) -> None:
        """
        A clause fragment, a pronoun, a function word, one token of a multi-word outlet
        or text running over a sentence end is never a claimant, in either language.
        """
        junk = [
            "has been",
            "he",
            "though a spokesperson",
            "as the number of cases climbed to 95 in eight",
            "doing anything unlawful",
            "December. Officials",
            "فيها",
            "مشيرة",
            "أمس هذه المعلومات ووصفها",
            "أصدره البنك",
            "سي",
            "",
        ]
        names = [
            "U.S. officials",
            "Philip Kensinger Jr.",
            "people who have seen the report",
            "planning department",
            "source inside the coalition fighting the Islamic State group",
            "مصدر أمني مقرب من الحكومة",
            "رائد الشبول",
            "وكالة الأنباء السعودية",
            "سي ان ان",
        ]

        assert [] == [n for n in junk if plausible_claimant(n)]
        assert names == [n for n in names if plausible_claimant(n)]

    def test_claimant_core_takes_the_source_out_of_a_fragment(self) -> None:
        """The source inside a fragment: after a sentence end, without a clause opener."""
        assert "spokesperson" == claimant_core("though a spokesperson")
        assert "Officials" == claimant_core("December. Officials")
        assert "المصدر" == claimant_core("بينما المصدر")
        assert "The Guardian" == claimant_core("The Guardian")

    def test_whole_outlet_for_one_token(self) -> None:
        """«سي» is «سي ان ان»; "New" is the "New York Times" named before."""
        assert "سي ان ان" == whole_outlet("سي")
        assert "New York Times" == whole_outlet("New", ["New York Times"])
        assert whole_outlet("Reuters") is None

    def test_fragment_claimant_falls_back_to_a_plausible_source(self) -> None:
        """
        "…, though a spokesperson later told The Hill that C" credits the spokesperson,
        not "though a spokesperson"; a claim whose only source would be junk is the
        publisher's, never a fragment's.
        """
        en = (
            "The company gave no figure, though a spokesperson later told The Hill that "
            "3 million customers were affected."
        )
        claims = extract_claims(en, publisher="The Hill")

        assert all(plausible_claimant(c.claimant) for c in claims)
        assert ("spokesperson",) in [c.attribution for c in claims]
        ar = "وأفاد بيان أصدره البنك بأن لجنة السياسة النقدية رفعت الفائدة إلى 11.75 في المئة."
        [claim] = extract_claims(ar, publisher="الحياة")
        assert ("البنك",) == claim.attribution
