"""
The pure cluster structure: components under "same" links, and judgements that block
a merge.
"""

from __future__ import annotations

from factreg.clusters import blocking_judgement, components
from factreg.model import Judgement, Verdict


class TestComponents:
    def test_linked_claims_form_one_component_led_by_the_oldest(self) -> None:
        """
        Claims joined by links, directly or through others, are one component whose
        first member (its root) is the oldest.
        """
        groups = components(["a", "b", "c", "d"], [("c", "b"), ("b", "a")])

        assert [["a", "b", "c"], ["d"]] == groups

    def test_components_come_in_the_order_of_their_roots(self) -> None:
        """
        A claim with no link is a component of its own, in its place.
        """
        assert [["a", "c"], ["b"], ["d"]] == components(["a", "b", "c", "d"], [("c", "a")])

    def test_links_to_claims_outside_are_ignored(self) -> None:
        """
        A link to a claim not among the members does not join anything.
        """
        assert [["a"], ["b"]] == components(["a", "b"], [("a", "z"), ("z", "b")])


class TestBlockingJudgement:
    def test_latest_different_across_sides_blocks(self) -> None:
        """
        The pair's latest judgement "different", with the two on different sides, blocks.
        """
        first = Judgement(a="a", b="b", verdict=Verdict.SAME, reviewer="r")
        second = Judgement(a="a", b="b", verdict=Verdict.DIFFERENT, reviewer="r")

        assert second == blocking_judgement({"a": "a", "b": "b"}, [first, second])

    def test_a_later_same_lifts_the_block(self) -> None:
        """
        Judged different, then same: the latest counts and nothing blocks.
        """
        first = Judgement(a="a", b="b", verdict=Verdict.DIFFERENT, reviewer="r")
        second = Judgement(a="a", b="b", verdict=Verdict.SAME, reviewer="r")

        assert None is blocking_judgement({"a": "a", "b": "b"}, [first, second])
