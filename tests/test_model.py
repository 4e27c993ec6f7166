"""
The model validates itself at construction and names the field at fault.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factreg import model
from factreg.errors import ValidationError
from factreg.model import Claim, FactCheck, Judgement, Source, Status, Verdict, claim_id_for
from tests.strategies import ids, sources, texts

_AT = datetime(2024, 11, 30, tzinfo=timezone.utc)
_ODD = st.sampled_from(["", " ", "a\x00b", "\ud800", "bad id", "EN", "xx1", 5, None, ()])


def _outcome(build: Any, **fields: Any) -> tuple[Any, ...]:
    # What building a claim gives, its timestamps set aside: the claim or the error.
    try:
        claim = build(**fields)
    except ValidationError as exc:
        return ("error", exc.field, exc.problem)
    return ("claim", attrs.evolve(claim, created_at=_AT, updated_at=_AT))


class TestClaim:
    @given(
        text=st.one_of(texts, _ODD),
        id=st.one_of(ids, _ODD),
        lang=st.one_of(st.sampled_from([None, "ar", " EN "]), _ODD),
        source=st.one_of(st.none(), sources, _ODD),
        claimant=st.one_of(st.none(), texts, _ODD),
    )
    def test_plain_builds_what_init_builds(self, **fields: Any) -> None:
        """
        Claim._plain (an import's common line) gives the claim or the error __init__ does.
        """
        assert _outcome(Claim, **fields) == _outcome(Claim._plain, **fields)

    def test_plain_fills_defaults_and_timestamps(self) -> None:
        """
        A plain claim has every other field at its default and is created now, in UTC.
        """
        before = datetime.now(timezone.utc)
        claim = Claim._plain("Haftar's delegation included 11 aides")

        assert attrs.evolve(claim, created_at=_AT, updated_at=_AT) == Claim(
            "Haftar's delegation included 11 aides", created_at=_AT
        )
        assert before <= claim.created_at == claim.updated_at <= datetime.now(timezone.utc)

    def test_new_fills_id_timestamps_and_detects_arabic(self) -> None:
        """
        Claim.new gives a typeable id, aware UTC timestamps and a language from the script.
        """
        claim = Claim.new("الوفد المرافق لحفتر يضم 11 من كبار مساعديه")

        assert claim.id.startswith("c-") and len(claim.id) == 9
        assert "ar" == claim.lang
        assert timezone.utc == claim.created_at.tzinfo
        assert claim.created_at == claim.updated_at
        assert (Status.UNVERIFIED, None, 1) == (claim.status, claim.confidence, claim.version)

    def test_english_detected_from_latin_script(self) -> None:
        """
        Latin-script text is taken for English when no language is given.
        """
        assert "en" == Claim.new("Haftar's delegation included 11 aides").lang

    def test_text_is_kept_except_surrounding_whitespace(self) -> None:
        """
        The statement is never rewritten; only surrounding whitespace goes.
        """
        assert "ا?سلحة  لليبيا" == Claim.new("  ا?سلحة  لليبيا \n").text

    @pytest.mark.parametrize("text", ["", "   ", "\n\t"])
    def test_empty_text_is_refused(self, text: str) -> None:
        """
        Empty or whitespace-only text raises a ValidationError on the text field.
        """
        with pytest.raises(ValidationError) as info:
            Claim.new(text)

        assert "text: is empty" == str(info.value)

    def test_nul_in_text_is_refused(self) -> None:
        """
        A NUL character cannot reach the store.
        """
        with pytest.raises(ValidationError, match="text: contains a NUL character"):
            Claim.new("a\x00b")

    @pytest.mark.parametrize("value", [-0.01, 1.5, float("nan"), True, "0.5"])
    def test_confidence_outside_0_1_is_refused(self, value: object) -> None:
        """
        Confidence is a number in 0..1; anything else names the confidence field.
        """
        with pytest.raises(ValidationError) as info:
            Claim.new("x", confidence=value)

        assert "confidence" == info.value.field

    def test_unknown_status_lists_the_choices(self) -> None:
        """
        An unknown status names the field and the valid values.
        """
        with pytest.raises(ValidationError) as info:
            Claim.new("x", status="fake")

        assert "status" == info.value.field
        assert "mostly_true" in info.value.problem

    def test_status_accepts_dashes_and_case(self) -> None:
        """
        "Mostly-True" is read as mostly_true.
        """
        assert Status.MOSTLY_TRUE == Claim.new("x", status="Mostly-True").status

    def test_naive_timestamp_is_refused(self) -> None:
        """
        The documented rule: naive datetimes are ambiguous and refused.
        """
        with pytest.raises(ValidationError) as info:
            Claim.new("x", created_at=datetime(2020, 1, 1))

        assert "created_at" == info.value.field

    def test_aware_timestamps_are_converted_to_utc(self) -> None:
        """
        A timestamp given in +03:00 is kept as the same instant in UTC.
        """
        claim = Claim.new(
            "x", created_at=datetime(2020, 1, 1, 3, tzinfo=timezone(timedelta(hours=3)))
        )

        assert datetime(2020, 1, 1, tzinfo=timezone.utc) == claim.created_at
        assert timezone.utc == claim.created_at.tzinfo

    def test_updated_before_created_is_refused(self) -> None:
        """
        A claim cannot have been updated before it was created.
        """
        now = datetime(2020, 1, 2, tzinfo=timezone.utc)
        with pytest.raises(ValidationError, match="updated_at"):
            Claim.new("x", created_at=now, updated_at=now - timedelta(days=1))

    @pytest.mark.parametrize("bad", ["has space", "-leading", "x" * 65, "a/b"])
    def test_invalid_ids_are_refused(self, bad: str) -> None:
        """
        Ids are short and safe: letters, digits, '.', '_', ':' and '-'.
        """
        with pytest.raises(ValidationError) as info:
            Claim(text="x", id=bad)

        assert "id" == info.value.field

    def test_evidence_must_be_urls(self) -> None:
        """
        Evidence items are absolute URLs.
        """
        with pytest.raises(ValidationError, match="evidence: not an absolute URL"):
            Claim.new("x", evidence=("see the ministry",))

    def test_attribution_must_be_a_list_not_a_string(self) -> None:
        """
        A bare string is not silently split into characters.
        """
        with pytest.raises(ValidationError, match="attribution"):
            Claim.new("x", attribution="صدى البلد")

    def test_ids_are_derived_from_source_and_text(self) -> None:
        """
        The same claim from the same article gets the same id anywhere; another article
        or another text gets another id.
        """
        wire, daily = Source(publisher="Wire"), Source(publisher="Daily")

        assert Claim.new("a", source=wire).id == Claim.new("a", source=wire).id
        assert Claim.new("a", source=wire).id != Claim.new("a", source=daily).id
        assert 1000 == len({Claim.new(f"claim {i}").id for i in range(1000)})

    def test_longer_derived_ids_extend_the_short_one(self) -> None:
        """
        Lengthening an id keeps its prefix, so a prefix typed earlier still finds it.
        """
        short = claim_id_for("text", None)
        longer = claim_id_for("text", None, length=9)

        assert longer.startswith(short) and 11 == len(longer)


class TestSource:
    def test_needs_url_or_publisher(self) -> None:
        """
        A source that names nothing is refused.
        """
        with pytest.raises(ValidationError, match="source: needs a url or a publisher"):
            Source(title="untitled")

    def test_key_is_url_when_given(self) -> None:
        """
        Articles are identified by URL; without one, by publisher, title and date.
        """
        with_url = Source(url="https://arabi21.com/story/1", publisher="عربي21")
        without = Source(publisher="عربي21", published=date(2016, 11, 30))

        assert "https://arabi21.com/story/1" == with_url.key
        assert "عربي21\x1f\x1f2016-11-30" == without.key

    def test_published_datetime_must_be_aware(self) -> None:
        """
        The time rule applies to publication times too; plain dates are fine.
        """
        with pytest.raises(ValidationError, match=r"source\.published"):
            Source(publisher="p", published=datetime(2016, 11, 30, 10))

        assert date(2016, 11, 30) == Source(publisher="p", published=date(2016, 11, 30)).published

    @pytest.mark.parametrize(
        "url",
        [
            "https://a.example/x?y=1#z",
            "http://a.example",
            "HTTPS://a.example/x",
            "urn:isbn:1",
            "doi:10.1000/1",
            "https://[::1]/x",
            "https://عربي21.com/x",
            "https://a.example/%20",
        ],
    )
    def test_absolute_urls_are_accepted(self, url: str) -> None:
        """
        Any scheme with a host, and urn: or doi: without one, is an absolute URL.
        """
        assert url == Source(url=url).url

    @pytest.mark.parametrize(
        "url", ["a.example/x", "https://", "https:///x", "https://a.example/x y", "/x", "mailto:"]
    )
    def test_other_urls_are_refused(self, url: str) -> None:
        """
        A URL without a scheme, a host or with a space is not an absolute URL.
        """
        with pytest.raises(ValidationError, match=r"source\.url: not an absolute URL"):
            Source(url=url)

    @given(st.from_regex(model._PLAIN_URL, fullmatch=True))
    def test_plain_urls_are_what_urlsplit_accepts(self, url: str) -> None:
        """
        Any URL the quick pattern takes is one urlsplit accepts as well.
        """
        model._split_url("source.url", url)

    @given(st.from_regex(r"https?://[a-z0-9.-]{1,12}([/?#][ -~]{0,20})?", fullmatch=True))
    def test_quick_and_full_url_checks_agree(self, url: str) -> None:
        """
        On http(s) URLs, the quick pattern and urlsplit accept and refuse alike.
        """
        try:
            model._split_url("source.url", url)
            accepted = True
        except ValidationError:
            accepted = False

        assert accepted == (model._PLAIN_URL.fullmatch(url) is not None)


class TestStatus:
    def test_verdicts_map_to_claimreview_scale(self) -> None:
        """
        Verdicts rate 1 (false) .. 5 (true); open statuses and unverifiable have none.
        """
        expected = {
            "false": 1,
            "mostly_false": 2,
            "misleading": 2,
            "mixed": 3,
            "mostly_true": 4,
            "true": 5,
            "unverifiable": None,
            "unverified": None,
            "in_review": None,
        }

        assert expected == {s.value: s.rating for s in Status}

    def test_open_statuses_are_not_verdicts(self) -> None:
        """
        unverified and in_review are the only statuses that are not verdicts.
        """
        assert {"unverified", "in_review"} == {s.value for s in Status if not s.is_verdict}


class TestJudgement:
    def test_pair_is_stored_in_order(self) -> None:
        """
        A judgement on (b, a) is the same pair as on (a, b).
        """
        judgement = Judgement(a="s09", b="s03", verdict="different", reviewer="r")

        assert ("s03", "s09", Verdict.DIFFERENT) == (judgement.a, judgement.b, judgement.verdict)

    def test_claim_cannot_be_judged_against_itself(self) -> None:
        """
        A self-pair is meaningless and refused.
        """
        with pytest.raises(ValidationError, match="pair"):
            Judgement(a="s03", b="s03", verdict="same", reviewer="r")


class TestFactCheck:
    @pytest.mark.parametrize(("value", "best", "worst"), [(6, 5, 1), (-1, -1, -1), ("0", 5, 5)])
    def test_rating_outside_a_usable_scale_is_kept_as_given(
        self, value: int | str, best: int, worst: int
    ) -> None:
        """
        A publisher's scale is kept even when unusable (-1/-1/-1 "not rated", a value
        outside it): the status then comes from the label, not from the number.
        """
        fc = FactCheck(rating_value=value, best_rating=best, worst_rating=worst)

        assert (value, best, worst) == (fc.rating_value, fc.best_rating, fc.worst_rating)

    def test_label_of_any_length_is_kept(self) -> None:
        """
        A textual rating holding a paragraph is kept whole (up to a claim text's limit).
        """
        label = "False. " + "The video shows another event. " * 100

        assert label.strip() == FactCheck(label=label).label

    def test_inverted_scale_is_accepted(self) -> None:
        """
        Some publishers rate 1 as best: the range check works either way round.
        """
        assert 2.0 == FactCheck(rating_value=2, best_rating=1, worst_rating=5).rating_value
