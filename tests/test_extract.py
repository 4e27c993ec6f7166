"""
Tests for factreg.extract: decoding, sentences, attribution, claims, and gold quality.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factreg.errors import InputError
from factreg.extract import (
    MIN_CHECKWORTHINESS,
    ExtractedClaim,
    _lexicon,
    claimant_kind,
    decode_article,
    extract_claims,
    split_sentences,
)
from factreg.model import Claim, Source, Status
from tests.extract_gold import (
    ENGLISH,
    SEED,
    GoldArticle,
    GoldClaim,
    Pair,
    evaluate,
    gold_span,
    overlap_shares,
)


def _article(gold: GoldArticle) -> str:
    text = gold.read()
    if text is None:
        pytest.skip(f"{gold.name} article not found (looked in {', '.join(map(str, gold.paths))})")
    return text


@pytest.fixture
def seed() -> str:
    return _article(SEED)


@pytest.fixture
def english() -> str:
    return _article(ENGLISH)


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def _claims(text: str, publisher: str | None = "P") -> list[tuple[str, tuple[str, ...]]]:
    return [(c.text, c.attribution) for c in extract_claims(text, publisher=publisher)]


class TestDecodeArticle:
    def test_encodings_give_identical_claims(self, seed: str) -> None:
        """
        The seed as UTF-8, UTF-8 with BOM and Windows-1256 (detected, not named) decodes to
        the same text and so yields the same claims, offsets included.
        """
        expected = extract_claims(seed, publisher=SEED.publisher)

        for encoding in ("utf-8", "utf-8-sig", "cp1256"):
            text = decode_article(seed.encode(encoding))

            assert seed == text, encoding
            assert expected == extract_claims(text, publisher=SEED.publisher), encoding

    def test_iso_8859_6_when_asked(self, seed: str) -> None:
        """
        ISO-8859-6 decodes when named; detected too, since read as cp1256 its bytes would
        give Arabic sprinkled with accented Latin letters.
        """
        data = seed.encode("iso-8859-6")

        assert seed == decode_article(data, "iso-8859-6")
        assert seed == decode_article(data)

    def test_cp1256_when_named(self) -> None:
        """
        A named legacy encoding is used even for bytes that are also valid UTF-8.
        """
        assert "أم لا؟" == decode_article("أم لا؟".encode("cp1256"), encoding="windows-1256")

    def test_invalid_utf8_names_the_byte_offset(self) -> None:
        """
        Bytes that are not UTF-8 (and not plainly Arabic in a legacy code page) raise an
        InputError giving the byte, its offset and line: nothing is silently replaced.
        """
        with pytest.raises(InputError) as info:
            decode_article(b"first line\nsecond \xff line")

        assert (
            "cannot decode the article as UTF-8: byte 0xff at byte offset 18 (line 2) is "
            "invalid; for a legacy Arabic file pass encoding='cp1256' or 'iso-8859-6'"
        ) == str(info.value)

    def test_damaged_utf8_arabic_is_not_read_as_cp1256(self, seed: str) -> None:
        """
        UTF-8 Arabic with one bad byte is an error, not mojibake: its high bytes read
        cleanly as cp1256 Arabic letters, so the guess must refuse damaged UTF-8.
        """
        data = seed.encode("utf-8")
        with pytest.raises(InputError) as info:
            decode_article(data[:100] + b"\xff" + data[100:])

        assert "byte 0xff at byte offset 100 (line 3)" in str(info.value)

    def test_invalid_in_named_encoding(self) -> None:
        """
        A byte undefined in the named encoding raises InputError with its offset.
        """
        with pytest.raises(InputError) as info:
            decode_article(b"\xc7\xa1\xc7", encoding="iso-8859-6")

        assert (
            "cannot decode the article as iso8859-6: byte 0xa1 at byte offset 1 (line 1) is invalid"
        ) == str(info.value)

    def test_unknown_encoding(self) -> None:
        """
        An encoding name Python does not know is an InputError, not a LookupError.
        """
        with pytest.raises(InputError) as info:
            decode_article(b"x", encoding="klingon")

        assert "unknown encoding 'klingon'" == str(info.value)

    def test_line_ends_normalised(self) -> None:
        """
        CRLF and lone CR become LF, so offsets agree however the file was saved.
        """
        assert "a\nb\nc\n" == decode_article(b"a\r\nb\rc\r\n")

    def test_utf16_with_bom(self) -> None:
        """
        A UTF-16 byte order mark is honoured.
        """
        assert "قال" == decode_article("قال".encode("utf-16"))

    def test_nul_refused(self) -> None:
        """
        NUL characters (binary data, UTF-16 without BOM) are refused.
        """
        with pytest.raises(InputError):
            decode_article("said".encode("utf-16-le"))


class TestSplitSentences:
    def test_line_broken_mid_sentence_is_joined(self) -> None:
        """
        A line break not after sentence-final punctuation does not end the sentence; the
        span keeps the original line breaks.
        """
        text = "اختتم اللواء خليفة\nحفتر،\nزيارة إلى القاهرة.\nوسارعت الصحيفة إلى حذف الاسم."

        assert [
            "اختتم اللواء خليفة\nحفتر،\nزيارة إلى القاهرة.",
            "وسارعت الصحيفة إلى حذف الاسم.",
        ] == _sentences(text)

    def test_seed_sentences(self, seed: str) -> None:
        """
        The seed's 17 lines hold 15 sentences: the first spans four lines, line 16 splits
        at ؛, and the lost-ligature "?" (ا?وضاع) ends nothing.
        """
        sentences = _sentences(seed)

        assert 15 == len(sentences)
        assert sentences[0].startswith("اختتم") and sentences[0].endswith("السلطات\nالمصرية.")
        assert "وكان حفتر يعتمد دوليا، إلى وقت قريب، فقط، على مصر ودولة الإمارات؛" == sentences[12]

    def test_blank_line_ends_a_sentence(self) -> None:
        """
        A blank line is a paragraph break, so a headline without a full stop stands alone.
        """
        text = "Floods hit Derna\n\nThe dam broke."

        assert ["Floods hit Derna", "The dam broke."] == _sentences(text)

    def test_quotations_kept_whole(self) -> None:
        """
        Sentence marks inside «…», “…” or "…" do not split; a mark closing the quotation
        does, unless a lower-case word continues the sentence.
        """
        text = (
            'He said: "We left. They stayed." Then he went home. '
            "“Is it over?” she asked. "
            "وقال: «انتهى الأمر. لن نعود». وغادر."
        )

        assert [
            'He said: "We left. They stayed."',
            "Then he went home.",
            "“Is it over?” she asked.",
            "وقال: «انتهى الأمر. لن نعود».",
            "وغادر.",
        ] == _sentences(text)

    def test_abbreviations_and_decimals(self) -> None:
        """
        U.N., Dr., Mrs., Jan., e.g. and decimals do not end a sentence; an acronym does
        when a sentence opener follows it.
        """
        text = (
            "The U.N. said Dr. Smith and Mrs. Jones arrived on Jan. 5 with 3.5 tonnes, e.g. "
            "rice. He flew to the U.S. The talks failed."
        )

        assert [
            "The U.N. said Dr. Smith and Mrs. Jones arrived on Jan. 5 with 3.5 tonnes, e.g. rice.",
            "He flew to the U.S.",
            "The talks failed.",
        ] == _sentences(text)

    def test_arabic_question_mark_and_semicolon(self) -> None:
        """
        ؟ and ؛ end sentences, with or without a following space.
        """
        assert ["هل وصل الوفد؟", "نعم وصل؛", "وغادر أمس."] == _sentences(
            "هل وصل الوفد؟نعم وصل؛ وغادر أمس."
        )

    def test_lost_ligature_is_not_a_question_mark(self) -> None:
        """
        "?" between Arabic letters is the lost "لأ" ligature, not punctuation; a real
        question mark after a word still ends the sentence.
        """
        text = "بحث حظر تصدير ا?سلحة لليبيا. هل التقى السيسي أم لا? لا نعرف."

        assert ["بحث حظر تصدير ا?سلحة لليبيا.", "هل التقى السيسي أم لا?", "لا نعرف."] == _sentences(
            text
        )

    def test_offsets_index_the_original(self, seed: str) -> None:
        """
        Spans are offsets into the text as given, trimmed of surrounding whitespace.
        """
        spans = split_sentences(seed)

        assert [] == [(a, b) for a, b in spans if seed[a:b] != seed[a:b].strip()]
        assert (0, 240) == spans[0]


class TestAttribution:
    def test_relayed_sources_chain_outermost_first(self) -> None:
        """
        "نقلت الصحيفة عن مصادر مطلعة قولها إن …" cites the outlet named earlier, which
        cites the sources: the chain is (outlet, sources).
        """
        text = (
            'ذكرت صحيفة "الأهرام" أن الوزير زار طرابلس أمس. '
            "ونقلت الصحيفة عن مصادر مطلعة قولها إن الوفد يضم 11 عضوا."
        )

        assert [
            ("الوزير زار طرابلس أمس", ("الأهرام",)),
            ("الوفد يضم 11 عضوا", ("الأهرام", "مصادر مطلعة")),
        ] == _claims(text)

    def test_quoted_as_saying(self) -> None:
        """
        "the newspaper quoted informed sources as saying …" gives (newspaper, sources),
        the newspaper resolved to the outlet named before.
        """
        text = (
            "The Times reported on Monday that the envoy had left Cairo. "
            "The newspaper quoted informed sources as saying that 11 aides flew with him."
        )

        assert [
            ("the envoy had left Cairo", ("The Times",)),
            ("11 aides flew with him", ("The Times", "informed sources")),
        ] == _claims(text)

    def test_reported_citing(self) -> None:
        """
        "Reuters reported, citing two officials, that …" gives (Reuters, two officials).
        """
        text = "Reuters reported, citing two officials, that the WFP will cut rations by 20 %."

        assert [("the WFP will cut rations by 20 %", ("Reuters", "two officials"))] == _claims(text)

    def test_trailing_and_leading_attribution(self) -> None:
        """
        "C, X said.", "C, according to X." and "بحسب X، C" leave C as the claim.
        """
        text = (
            "The dam had not been inspected since 2002, local engineers said. "
            "The storm struck on Sept. 10, according to the weather service. "
            "بحسب وكالة رويترز، قتل 300 شخص في درنة."
        )

        assert [
            ("The dam had not been inspected since 2002", ("local engineers",)),
            ("The storm struck on Sept. 10", ("weather service",)),
            ("قتل 300 شخص في درنة", ("رويترز",)),
        ] == _claims(text)

    def test_pronoun_speaker_is_the_last_named(self) -> None:
        """
        "وقال إن …" and "She added that …" are the last named speaker's.
        """
        text = (
            "أعلن السفير الروسي إيفان مولوتكوف أن حفتر التقى شويغو في موسكو. "
            "وقال إن المجتمعين ناقشوا توريد الأسلحة إلى ليبيا. "
            "Mrs. Leila Ben Ali said that the clinic treated 40 people. "
            "She added that two of the four hospitals had closed."
        )

        assert [
            ("إيفان مولوتكوف",) * 2,
            ("Leila Ben Ali",) * 2,
        ] == [
            tuple(c.claimant for c in extract_claims(text, publisher="P")[i : i + 2])
            for i in (0, 2)
        ]

    def test_announced_noun_phrase_and_apposition(self) -> None:
        """
        "أعلنت الوزارة، الثلاثاء، ارتفاع …" reports a noun phrase; "المتحدث باسم الوزارة،
        محمد عثمان، في مؤتمر صحفي" names the spokesman by his name in the apposition, not the
        place (the title goes: the gold spec names a person by name).
        """
        text = (
            "أعلنت وزارة الصحة السودانية، الثلاثاء، ارتفاع عدد الضحايا إلى 87 قتيلا. "
            "وقال المتحدث باسم الوزارة، محمد عثمان، في مؤتمر صحفي، إن 12 جثة انتشلت."
        )

        assert [
            ("ارتفاع عدد الضحايا إلى 87 قتيلا", ("وزارة الصحة السودانية",)),
            ("12 جثة انتشلت", ("محمد عثمان",)),
        ] == _claims(text)

    def test_issuer_of_a_report(self) -> None:
        """
        "وفقا لتقديرات X", "تقرير للبنك الدولي صدر …", "figures from X": the source is X.
        """
        text = (
            "ووفقا لتقديرات منظمة الصحة العالمية، تحتاج المستشفيات إلى 40 طنا من الأدوية. "
            "وأفاد تقرير للبنك الدولي صدر الشهر الماضي بأن الاقتصاد سينمو بنسبة 2.6 في المئة. "
            "According to figures from the health ministry, 300 people died."
        )

        assert [
            ("منظمة الصحة العالمية",),
            ("البنك الدولي",),
            ("health ministry",),
        ] == [a for _, a in _claims(text)]

    def test_definite_back_reference(self) -> None:
        """
        "وتابع المسؤول" and "the official added" refer to the official cited before.
        """
        text = (
            "ونقل عن مسؤول في وزارة العمل أن الوزارة أوقفت 300 تصريح عمل منذ أيار/ مايو. "
            "وتابع المسؤول أن القرار سيراجع مطلع العام المقبل. "
            "An official at the port said that 12 ships were waiting. "
            "The official added that the port would reopen on Monday."
        )

        assert [
            ("مسؤول في وزارة العمل",),
            ("مسؤول في وزارة العمل",),
            ("official at the port",),
            ("official at the port",),
        ] == [a for _, a in _claims(text)]

    def test_english_attribution_positions(self) -> None:
        """
        "C, X said, after …", "X, citing Y, reported that C" and "C, according to X, who
        told Z that D" each attribute the right content.
        """
        text = (
            "Firefighters battled three blazes near Corinth on Sunday, the fire service said, "
            "after strong winds. "
            "Greek media, citing local officials, reported that 40 homes had been destroyed. "
            "About 2,000 residents were evacuated, according to Minister Vassilis Kikilias, "
            "who told ERT that no deaths had been reported."
        )

        assert [
            ("Firefighters battled three blazes near Corinth on Sunday", ("fire service",)),
            ("40 homes had been destroyed", ("Greek media", "local officials")),
            ("About 2,000 residents were evacuated", ("Vassilis Kikilias",)),
            ("no deaths had been reported", ("Vassilis Kikilias",)),
        ] == _claims(text)

    def test_two_speakers_in_one_sentence(self) -> None:
        """
        "…, and Councillor X said …" and "…، وقال Y إن …" start a second attribution.
        """
        text = (
            "Opponents argued the plan ignores flood risks in Derna, and Councillor Tom Hale"
            " said that 300 homes were at risk. "
            "قال الوزير إن 40 منزلا انهارت، وقال المحافظ إن 12 شخصا قتلوا في درنة."
        )

        assert [
            ("the plan ignores flood risks in Derna", ("Opponents",)),
            ("300 homes were at risk", ("Councillor Tom Hale",)),
            ("40 منزلا انهارت", ("الوزير",)),
            ("12 شخصا قتلوا في درنة", ("المحافظ",)),
        ] == _claims(text)

    def test_qualified_sources_listeners_and_documents(self) -> None:
        """
        "مصادر دبلوماسية" keeps its qualifier; "صرح X للصحافيين بأن" leaves the listener
        out of the name; "the council's records show" attributes to the records.
        """
        text = (
            "وأشارت مصادر دبلوماسية إلى أن الاتحاد الأوروبي يدرس تجميد 100 مليون يورو. "
            "وصرح تاياني للصحافيين بأن روما ستقدم 100 مليون يورو لتونس. "
            "The plan replaces a 2019 scheme, the council's records show."
        )

        assert [("مصادر دبلوماسية",), ("تاياني",), ("council's records",)] == [
            a for _, a in _claims(text)
        ]

    def test_unattributed_is_the_publishers(self) -> None:
        """
        A statement with no source is the publisher's (claimant, empty chain); with no
        publisher, nobody's.
        """
        text = "ويوجد عسكريون مصريون في ليبيا منذ شهر أيار/ مايو."

        assert [("عربي21", ())] == [
            (c.claimant, c.attribution) for c in extract_claims(text, publisher="عربي21")
        ]
        assert [(None, ())] == [(c.claimant, c.attribution) for c in extract_claims(text)]

    def test_subject_outlet_is_not_an_attribution(self, seed: str) -> None:
        """
        "وسارعت الصحيفة إلى حذف اسم …" is about the newspaper, reported by the publisher.
        """
        claims = extract_claims(seed, publisher=SEED.publisher)

        assert [("عربي21", ())] == [
            (c.claimant, c.attribution) for c in claims if "حذف اسم" in c.text
        ]


class TestExtractClaims:
    def test_text_is_the_original_slice(self, seed: str) -> None:
        """
        Every claim's text is exactly text[start:end] of the decoded original, including
        the "?" of a lost ligature and the line breaks inside a sentence.
        """
        claims = extract_claims(seed, publisher=SEED.publisher)

        assert [] == [c for c in claims if seed[c.start : c.end] != c.text]
        assert any("ا?وضاع" in c.text for c in claims)
        assert any("\n" in c.text for c in claims)

    def test_clauses_split_at_boundaries(self) -> None:
        """
        A long Arabic sentence splits after "، حيث", "، مؤكدا", "، وحصلوا"; coordinated nouns
        and time adverbials ("، في حزيران") stay in their clause.
        """
        text = (
            "وجاءت زيارة حفتر لروسيا بعد زيارة سابقة، في حزيران/ يونيو الماضي، حيث طلب دعما"
            " عسكريا من موسكو."
        )

        assert [
            "وجاءت زيارة حفتر لروسيا بعد زيارة سابقة، في حزيران/ يونيو الماضي",
            "حيث طلب دعما عسكريا من موسكو",
        ] == [c.text for c in extract_claims(text)]

    def test_opinion_and_question_left_out(self, english: str) -> None:
        """
        The opinion, the open question and the hedged prediction score under the
        threshold and are left out; with threshold 0 they are returned, scored low.
        """
        kept = {c.text for c in extract_claims(english)}
        everything = {
            c.text: c.checkworthiness for c in extract_claims(english, min_checkworthiness=0)
        }
        dropped = {t: s for t, s in everything.items() if t not in kept}

        assert {
            "The response so far has been shameful, and the officials in charge should resign",
            "Will the money arrive in time?",
            "aid deliveries might slow further in the coming weeks",
        } == set(dropped)
        assert all(s < MIN_CHECKWORTHINESS for s in dropped.values())

    def test_checkworthiness_orders_specifics_over_vague(self) -> None:
        """
        Numbers, dates and names raise the score; a vague clause sits below a specific one.
        """
        vague, specific = extract_claims(
            "The situation is difficult. 1,240 people died in Derna on Sept. 10.",
            min_checkworthiness=0,
        )

        assert (0.35, 0.95) == (vague.checkworthiness, specific.checkworthiness)

    def test_lang_detected_or_given(self) -> None:
        """
        Each claim's language is detected from its script unless given.
        """
        text = "The U.N. said 300 people died in Derna. قال الوزير إن 300 شخص قتلوا في درنة."

        assert ["en", "ar"] == [c.lang for c in extract_claims(text)]
        assert ["fr", "fr"] == [c.lang for c in extract_claims(text, lang="fr")]

    def test_to_claim(self) -> None:
        """
        An extracted claim becomes an unverified model Claim with its claimant, chain,
        language and the given source; confidence is left unassessed.
        """
        extracted = ExtractedClaim(
            text="الوفد يضم 11 من كبار مساعديه",
            start=10,
            end=38,
            claimant="مصادر مطلعة",
            attribution=("صدى البلد", "مصادر مطلعة"),
            checkworthiness=0.8,
            lang="ar",
        )
        source = Source(publisher="عربي21", published=date(2016, 11, 30), language="ar")

        claim = extracted.to_claim(source)

        assert isinstance(claim, Claim)
        assert (
            "الوفد يضم 11 من كبار مساعديه",
            "ar",
            source,
            "مصادر مطلعة",
            ("صدى البلد", "مصادر مطلعة"),
            Status.UNVERIFIED,
            None,
        ) == (
            claim.text,
            claim.lang,
            claim.source,
            claim.claimant,
            claim.attribution,
            claim.status,
            claim.confidence,
        )


class TestGoldQuality:
    def test_seed_recall_and_claimants(self, seed: str) -> None:
        """
        On the seed, at least 90 % of the gold claims are found and at least 80 % of those
        found have the right claimant and the right chain.
        """
        scores = evaluate(seed, SEED.claims, extract_claims(seed, publisher=SEED.publisher))

        assert 12 <= len(SEED.claims)
        assert scores.recall >= 0.9
        assert scores.claimant_accuracy >= 0.8
        assert scores.chain_accuracy >= 0.8

    def test_english_recall_and_claimants(self, english: str) -> None:
        """
        The same floors on the English article.
        """
        scores = evaluate(
            english, ENGLISH.claims, extract_claims(english, publisher=ENGLISH.publisher)
        )

        assert scores.recall >= 0.9
        assert scores.claimant_accuracy >= 0.8
        assert scores.chain_accuracy >= 0.8

    def test_gold_quotes_occur_once(self, seed: str, english: str) -> None:
        """
        Every gold quote is an exact, unique substring of its article.
        """
        for text, gold in ((seed, SEED), (english, ENGLISH)):
            spans = [gold_span(text, c) for c in gold.claims]

            assert len(gold.claims) == len(set(spans))

    def test_whole_sentence_does_not_find_a_clause(self) -> None:
        """
        The measure needs the overlap to cover half of each span, so one long extraction
        cannot count for several short gold clauses.
        """
        assert (1.0, 0.25) == overlap_shares((10, 20), (0, 40))
        assert (0.5, 1.0) == overlap_shares((0, 20), (10, 20))


_PIECES = st.sampled_from(
    [
        "قال",
        "وقال",
        "إن",
        "أن",
        "الصحيفة",
        "مصادر مطلعة",
        "بحسب",
        "ونقلت",
        "عن",
        "قولها",
        "حفتر",
        "القاهرة",
        "11",
        "ا?وضاع",
        "بـ",
        "\u064b",
        "،",
        "؛",
        "؟",
        "?",
        ".",
        "…",
        ":",
        '"',
        "«",
        "»",
        "“",
        "”",
        "\n",
        "\n\n",
        " ",
        "said",
        "that",
        "according to",
        "U.N.",
        "Dr.",
        "3.5",
        "the newspaper",
        "citing",
        "who",
        "Reuters",
        ",",
        "!",
        "\r\n",
        "لا",
    ]
)
_ARTICLES = st.lists(_PIECES | st.text(max_size=5), max_size=60).map(" ".join)


class TestProperties:
    @given(_ARTICLES)
    @settings(max_examples=300, deadline=None)
    def test_sentence_spans_are_ordered_slices(self, text: str) -> None:
        """
        For any text, sentence spans are in order, disjoint, non-empty and trimmed.
        """
        spans = split_sentences(text)

        assert sorted(spans) == spans
        assert all(0 <= a < b <= len(text) for a, b in spans)
        assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
        assert all(text[a:b] == text[a:b].strip() for a, b in spans)

    @given(_ARTICLES)
    @settings(max_examples=300, deadline=None)
    def test_claims_are_slices_of_the_text(self, text: str) -> None:
        """
        For any text, every claim is the exact slice at its offsets, scored within 0..1.
        """
        claims = extract_claims(text, publisher="P", min_checkworthiness=0)

        assert [] == [c for c in claims if text[c.start : c.end] != c.text or not c.text]
        assert all(0.0 <= c.checkworthiness <= 1.0 for c in claims)


class TestCueLists:
    def test_every_list_is_documented_and_loads(self) -> None:
        """
        Every cue list in factreg/data/extract is named in its README, opens with a
        comment saying what it is, and has entries; the README names no missing file.
        """
        folder = resources.files("factreg") / "data" / "extract"
        readme = (folder / "README.md").read_text(encoding="utf-8")
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".txt"))
        listed = sorted(set(re.findall(r"[\w-]+\.txt", readme)))

        assert listed == names
        for name in names:
            assert (folder / name).read_text(encoding="utf-8").startswith("# "), name
            assert _lexicon.entries(name.removesuffix(".txt")), name

    def test_space_in_an_entry_matches_any_whitespace(self) -> None:
        """
        A multi-word cue matches across a line break: "according\\nto X" is a citation.
        """
        text = "According\nto the ministry, 40 people were killed in Gaza on Monday."

        assert [("ministry",)] == [c.attribution for c in extract_claims(text, publisher="P")]


def _chains(text: str, publisher: str = "P") -> list[tuple[str, tuple[str, ...]]]:
    return [(c.text, c.attribution) for c in extract_claims(text, publisher=publisher)]


class TestNewsAttribution:
    """Issue 14: attribution as news is written (small made-up sentences)."""

    def test_attribution_after_the_claim_keeps_its_subject(self) -> None:
        """
        "C, a U.S. defense official told Reuters on Tuesday": the official, through
        Reuters; «C، قال مسؤول طبي لرويترز» likewise. The claim is C alone.
        """
        en = (
            "The U.S. carried out a strike near Qaim, a U.S. defense official told Reuters "
            "on Tuesday."
        )
        ar = "قتل 12 شخصا في غزة يوم الاثنين، قال مسؤول طبي لرويترز."

        assert [
            ("The U.S. carried out a strike near Qaim", ("Reuters", "U.S. defense official"))
        ] == _chains(en)
        assert [("قتل 12 شخصا في غزة يوم الاثنين", ("رويترز", "مسؤول طبي"))] == _chains(ar)

    def test_time_after_the_verb_is_not_the_source(self) -> None:
        """
        "X said on Saturday that C" and «وقال الوزير يوم السبت إن C» credit X, whose name
        leaves out the day; "C, said security sources on Dec. 31" too.
        """
        assert [("40 people had died in the floods", ("governor",))] == _chains(
            "The governor said on Saturday that 40 people had died in the floods."
        )
        assert [("40 شخصا قتلوا في الفيضانات", ("الوزير",))] == _chains(
            "وقال الوزير يوم السبت إن 40 شخصا قتلوا في الفيضانات."
        )
        assert [("Twelve people were killed in Gaza on Monday", ("security sources",))] == _chains(
            "Twelve people were killed in Gaza on Monday, said security sources on Dec. 31."
        )

    def test_agency_dateline_makes_a_wire(self) -> None:
        """
        "GAZA (Reuters) -" in another outlet's article starts every chain with the
        agency and gives it the unattributed statements; «القاهرة - (أ ف ب) -» too. The
        dateline is no part of a claim, and no claimant.
        """
        en = (
            "GAZA (Reuters) - Israeli strikes killed 12 people in Gaza on Monday, health "
            "officials said."
        )
        ar = "القاهرة - (أ ف ب) - قتل 12 شخصا في انفجار بالقاهرة يوم الاثنين."

        assert [
            ("Israeli strikes killed 12 people in Gaza on Monday", ("Reuters", "health officials"))
        ] == _chains(en, publisher="Al Jazeera")
        assert [("قتل 12 شخصا في انفجار بالقاهرة يوم الاثنين", ("فرانس برس",))] == _chains(
            ar, publisher="الجزيرة"
        )

    def test_own_dateline_and_bylines(self) -> None:
        """
        "(CNN) --" in CNN's own article is no wire; "(Reporting by …; Editing by …)" and
        «(تغطية صحفية … – إعداد … للنشر)» are no claims. The Arabic credit line is Reuters'
        own: in another outlet's article it makes the story Reuters' wire.
        """
        en = (
            "(CNN) -- Twelve people were killed in Gaza on Monday, officials said.\n\n"
            "(Reporting by Jane Doe; Editing by John Roe)"
        )
        ar = (
            "قتل 12 شخصا في انفجار بالقاهرة يوم الاثنين.\n\n"
            "(تغطية صحفية أحمد علي – إعداد محمد حسن للنشر)"
        )

        assert [("Twelve people were killed in Gaza on Monday", ("officials",))] == _chains(
            en, publisher="CNN"
        )
        assert [("قتل 12 شخصا في انفجار بالقاهرة يوم الاثنين", ("رويترز",))] == _chains(ar)

    def test_no_junk_claimant(self) -> None:
        """
        A fragment of the clause is never a claimant: not «فيها» ("قال فيها إن"), not the
        participle «مشيرة», not the first word of «سي ان ان», not an auxiliary.
        """
        claims = [
            *extract_claims("نشر ترامب تغريدة قال فيها إن 40 جنديا قتلوا في سوريا.", publisher="P"),
            *extract_claims(
                "وأعلنت الشرطة مقتل 3 أشخاص في القاهرة، مشيرة إلى أن 5 آخرين أصيبوا في الانفجار.",
                publisher="P",
            ),
            *extract_claims(
                "وذكرت شبكة ”سي ان ان“ أن الجيش الأمريكي يجري 3 تحاليل.", publisher="P"
            ),
            *extract_claims(
                "The toll has been revised to 40 in Gaza, the ministry has said.", publisher="P"
            ),
        ]

        assert ["P", "الشرطة", "الشرطة", "سي ان ان", "ministry"] == [c.claimant for c in claims]

    def test_arabic_citation_forms(self) -> None:
        """
        «نسبت الصحيفة إلى مصدر … أن», «أعلنت وزارة الصحة ارتفاع …» (a noun object), the
        headline form «الداخلية المصرية: …», «حسب قوله», «وقال المصدر بحسب الوكالة إن».
        """
        text = (
            'ذكرت صحيفة "الخبر" أن 3 مواقع قصفت. '
            "ونسبت الصحيفة إلى مصدر أمني مقرب من الحكومة أن 40 شخصا قتلوا في غزة. "
            "وأعلنت وزارة الصحة ارتفاع عدد القتلى إلى 87 قتيلا. "
            "وقال الوزير إن 300 شخص قتلوا في درنة. "
            "وقد وصل عدد القتلى إلى 400 شخص، حسب قوله. "
            "وقال المصدر بحسب الصحيفة إن 12 جنديا قتلوا في الهجوم.\n\n"
            "الداخلية المصرية: مقتل 5 مسلحين في تبادل لإطلاق النار بالعريش"
        )

        assert [
            ("الخبر",),
            ("الخبر", "مصدر أمني مقرب من الحكومة"),
            ("وزارة الصحة",),
            ("الوزير",),
            ("الوزير",),
            ("الخبر", "مصدر أمني مقرب من الحكومة"),
            ("الداخلية المصرية",),
        ] == [chain for _, chain in _chains(text)]

    def test_reversed_quotation_marks_do_not_merge_sentences(self) -> None:
        """
        ”…“ is a quotation too: the sentences after it stay apart, each with its source.
        """
        text = (
            "وقال أحد المسؤولين ”أبلغ مسؤولون سوريون إيران بمقتل البغدادي“. "
            "وذكرت شبكة ”سي ان ان“ أن الجيش الأمريكي يجري 3 تحاليل في إدلب."
        )

        assert [
            ("أبلغ مسؤولون سوريون إيران بمقتل البغدادي", ("أحد المسؤولين",)),
            ("الجيش الأمريكي يجري 3 تحاليل في إدلب", ("سي ان ان",)),
        ] == _chains(text)

    def test_hedged_claims_are_kept_and_marked(self) -> None:
        """
        «قد يكون قتل نفسه» and "was most probably killed" are claims, marked hedged; the
        registered claim is tagged "hedged".
        """
        ar = "وقالت مصادر طبية إن الرجل قد يكون قتل نفسه في غزة يوم الاثنين."
        en = "Officials said the man was most probably killed by a stray bullet in Gaza."

        [ar_claim] = extract_claims(ar, publisher="P")
        [en_claim] = extract_claims(en, publisher="P")

        assert (True, ("مصادر طبية",)) == (ar_claim.hedged, ar_claim.attribution)
        assert (True, ("Officials",)) == (en_claim.hedged, en_claim.attribution)
        assert ("hedged",) == en_claim.to_claim().tags

    def test_reference_does_not_reach_into_another_sentence(self) -> None:
        """
        «وقال الموقع» is the outlet named before («موقع "الخبر"»), or «الموقع» as written
        when none was: never a word taken from an earlier sentence.
        """
        named = 'ذكر موقع "الخبر" أن الجيش قصف 3 مواقع في درنة. وقال الموقع إن 12 مدنيا قتلوا.'
        unnamed = "أكد سكان أن المياه غمرت 40 منزلا في درنة. وقال الموقع إن 12 مدنيا قتلوا."

        assert [("الخبر",), ("الخبر",)] == [chain for _, chain in _chains(named)]
        assert [("سكان",), ("الموقع",)] == [chain for _, chain in _chains(unnamed)]

    def test_nested_reporting_outermost_first(self) -> None:
        """
        "News outlets say the CDC report C" and "X told the Post C" after "the Washington
        Post reported": the chain runs outermost first and ends with the claimant.
        """
        text = (
            "News outlets say the Centers for Disease Control and Prevention report "
            "Tennessee has 21 cases. The Washington Post reported that 40 people died. "
            "Two officials told the Post that 12 soldiers were wounded in Gaza."
        )

        assert [
            ("News outlets", "Centers for Disease Control and Prevention"),
            ("Washington Post",),
            ("Washington Post", "Two officials"),
        ] == [chain for _, chain in _chains(text)]

    def test_anonymous_sources_kept_whole(self) -> None:
        """
        "a senior official", «مصدر أمني مقرب من الحكومة», «مسؤولين أميركيين»: as written
        (English article dropped), never reduced to a lexicon form.
        """
        text = (
            "A senior official said 12 people were killed in Gaza on Monday. "
            "ونقلت الصحيفة عن مسؤولين أميركيين أن 40 جنديا وصلوا إلى بغداد. "
            "وقال مصدر أمني مقرب من الحكومة إن 3 مسلحين قتلوا في سيناء."
        )

        assert ["senior official", "مسؤولين أميركيين", "مصدر أمني مقرب من الحكومة"] == [
            c.claimant for c in extract_claims(text, publisher="P")
        ]

    def test_claimant_kind(self) -> None:
        """
        Named people are persons, outlets and bodies organisations, unnamed sources
        anonymous, in both languages.
        """
        names = [
            "Barbara Fox", "محمد عثمان", "Reuters", "وزارة الصحة", "U.S. Army",
            "senior administration official", "مصادر مطلعة", "residents",
        ]  # fmt: skip

        assert [
            "person", "person", "organization", "organization", "organization",
            "anonymous", "anonymous", "anonymous",
        ] == [claimant_kind(n) for n in names]  # fmt: skip

    def test_headline_restating_the_lead_is_no_claim(self) -> None:
        """
        A one-line headline without final punctuation that the body repeats is left out.
        """
        text = (
            "Floods kill 40 in Derna\n\n"
            "Floods killed 40 people in Derna on Monday, the health ministry said."
        )

        assert [("Floods killed 40 people in Derna on Monday", ("health ministry",))] == _chains(
            text
        )


class TestLooseMeasure:
    def test_loose_claimant_folds_and_contains(self) -> None:
        """
        The bench's loose measure folds case, letter forms, articles and clitics, and
        counts a claimant right when one holds the other as whole words; exact does not.
        """

        def pair(found: str, gold: str) -> Pair:
            claim = ExtractedClaim("t", 0, 1, found, (found,), 1.0, None)
            return Pair(GoldClaim("t", gold, (gold,)), claim)

        cases = [
            pair("the Washington Post", "Washington Post"),
            pair("المصادر المطلعة", "مصادر مطلعة"),
            pair("Salem Farouk", "Health Minister Dr. Salem Farouk"),
            pair("Farouk Salem", "Salem Farouk"),
        ]

        assert [True, True, True, False] == [p.claimant_loose for p in cases]
        assert [False, False, False, False] == [p.claimant_ok for p in cases]
        assert [True, True, True, False] == [p.chain_loose for p in cases]


class TestPersonNames:
    def test_title_dropped_and_found_again(self) -> None:
        """
        A person is claimant by name, without the title; "the minister" / «الوزير» later
        is that person.
        """
        en = (
            "Health Minister Dr. Salem Farouk said 40 people died in Derna. "
            "The minister said 12 hospitals had closed."
        )
        ar = "قال وزير الخارجية التونسي نبيل عمار إن 40 مهاجرا وصلوا. وأكد الوزير أن 12 قاربا غرقت."

        assert ["Salem Farouk"] * 2 == [c.claimant for c in extract_claims(en, publisher="P")]
        assert ["نبيل عمار"] * 2 == [c.claimant for c in extract_claims(ar, publisher="P")]


class TestListeners:
    def test_outlet_told_leads_the_chain(self) -> None:
        """
        An outlet that was told («لـ"عربي21"», «للجزيرة نت», "told the Post") leads the
        chain, but not in its own article; «مراسل الجزيرة» is a correspondent, not a
        listener.
        """
        told = 'وأفادت مصادر محلية لـ"عربي21" بأن 12 شخصا قتلوا في القصف.'
        reporter = "وقال مراسل الجزيرة إن 12 شخصا قتلوا في القصف على غزة."

        assert [("عربي21", "مصادر محلية")] == [c for _, c in _chains(told)]
        assert [("مصادر محلية",)] == [c for _, c in _chains(told, publisher="عربي21")]
        assert [("مراسل الجزيرة",)] == [c for _, c in _chains(reporter, publisher="الجزيرة")]


class TestQuotations:
    def test_quotation_goes_on_with_its_speaker(self) -> None:
        """
        '"Q1," Kensinger said. "Q2."': the second quotation, in the same paragraph, is
        Kensinger's too; in a new paragraph it is not.
        """
        same = '"The army lost 12 soldiers in 2004," Kensinger said. "Tillman was killed in 2004."'
        apart = (
            '"The army lost 12 soldiers in 2004," Kensinger said.\n\n"Tillman was killed in 2004."'
        )

        assert [("Kensinger",), ("Kensinger",)] == [c for _, c in _chains(same)]
        assert [("Kensinger",), ()] == [c for _, c in _chains(apart)]

    def test_by_a_date_is_no_byline(self) -> None:
        """
        "By Monday, 40 people had died" is a claim; "By The Associated Press April 5,
        2019 7:16 pm" is a byline, and makes the article AP's wire.
        """
        text = (
            "By The Associated Press April 5, 2019 7:16 pm\n\n"
            "By Monday, 40 people had died in Derna, officials said."
        )

        assert [("By Monday, 40 people had died in Derna", ("Associated Press", "officials"))] == (
            _chains(text)
        )
