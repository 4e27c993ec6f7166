"""
Folding, index terms and fact extraction: the matching form of Arabic and English text.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factreg import lang, normalize
from factreg.facts import Fact, facts, months, negations, numbers, opposites
from factreg.lang import detect_lang
from factreg.normalize import (
    NORMALIZATION_VERSION,
    fold,
    index_text,
    repair,
    terms,
    tokens,
)
from tests.strategies import texts

#: Arbitrary Unicode, with the Arabic block and its presentation forms well represented.
any_text = st.one_of(
    st.text(),
    texts,
    st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)),
    st.text(st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)),
)


def values(found: list[Fact]) -> list[str]:
    return [f.value for f in found]


class TestFoldArabic:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("أحمد", "احمد"),
            ("إسرائيل", "اسراييل"),
            ("آخر", "اخر"),
            ("ٱلله", "الله"),
        ],
    )
    def test_alef_forms_become_bare_alef(self, text: str, expected: str) -> None:
        """
        Hamza, madda and wasla on alef (أ إ آ ٱ) fold to a bare alef.
        """
        assert expected == fold(text)

    def test_hamza_on_waw_and_ya(self) -> None:
        """
        ؤ folds to و and ئ to ي, so مسؤول/مسوول and هيئة/هييه meet.
        """
        assert "مسوول هييه" == fold("مسؤول هيئة")
        assert fold("مسؤول") == fold("مسوول")

    def test_ta_marbuta_and_alef_maqsura(self) -> None:
        """
        ة folds to ه and ى to ي: الصحيفة/الصحيفه and على/علي are one spelling.
        """
        assert "الصحيفه علي" == fold("الصحيفة على")

    def test_farsi_letters(self) -> None:
        """
        Farsi yeh and keheh, common from Persian keyboards, fold to ي and ك.
        """
        assert "كبير" == fold("کبیر")

    def test_tashkeel_is_stripped(self) -> None:
        """
        Vowel marks, tanween, shadda and the dagger alef are not part of the word.
        """
        assert "محمد هذا" == fold("مُحَمَّدٌ هٰذا")

    def test_tatweel_is_stripped(self) -> None:
        """
        Tatweel only stretches a word: كـــبير and بـالجيش read as written unstretched.
        """
        assert "كبير بالجيش" == fold("كـــبير بـالجيش")

    def test_presentation_forms_and_lam_alef_ligatures(self) -> None:
        """
        NFKC expands presentation forms and the lam-alef ligatures ﻻ ﻷ ﻹ ﻵ.
        """
        assert "السلام عليكم لا لا" == fold("ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ ﻻ ﻷ")

    def test_arabic_indic_and_persian_digits(self) -> None:
        """
        Arabic-Indic (٠-٩) and Persian (۰-۹) digits become ASCII digits.
        """
        assert "11 من 15 و 2016" == fold("١١ من ۱۵ و٢٠١٦")

    def test_arabic_punctuation_separates_words(self) -> None:
        """
        ، ؛ ؟ « » … split words like ASCII punctuation does.
        """
        assert "نعم لا قال ثم" == fold("نعم،لا؟ «قال»…ثم؛")

    def test_zero_width_and_bidi_controls_are_ignored(self) -> None:
        """
        ZWNJ, ZWJ, LRM/RLM and bidi embeddings change display only, not words.
        """
        assert "مرحبا كلمه" == fold("مر\u200cحبا \u200f\u202bكلمة\u202c")

    def test_zero_width_space_is_ignored(self) -> None:
        """
        A zero width space changes nothing: "حف\u200bتر", split to dodge a filter, is حفتر.
        """
        assert "حفتر" == fold("حف\u200bتر")


class TestFoldLatin:
    def test_casefold_and_accents(self) -> None:
        """
        Latin text is casefolded and loses its accents; ß becomes ss.
        """
        assert "cafe naive strasse" == fold("Café NAÏVE Straße")

    def test_punctuation_separates_words(self) -> None:
        """
        ASCII punctuation and underscores split words (SQLite's ascii tokenizer would).
        """
        assert "u s led snake case" == fold("U.S.-led snake_case!")

    @pytest.mark.parametrize("text", ["didn't", "didn’t", "didnʼt"])
    def test_apostrophes_join(self, text: str) -> None:
        """
        An apostrophe, straight or curly, joins its word: didn't is one word.
        """
        assert "didnt" == fold(text)

    def test_urls_are_dropped(self) -> None:
        """
        Links (with a scheme, www., or a bare domain and path) say where, not what.
        """
        assert "see and" == fold("see https://t.co/abc and pic.twitter.com/XyZ www.x.org")

    def test_hashtags_and_handles_split_on_camel_case(self) -> None:
        """
        #SanctuaryCities and @JakeTapper become the words they run together.
        """
        assert "sanctuary cities jake tapper cnn leaks" == fold(
            "#SanctuaryCities @JakeTapper #CNNLeaks"
        )


class TestFoldNumbers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [("1,000,000", "1000000"), ("١٬٥٠٠", "1500"), ("٣٫٥", "3.5"), ("3.5", "3.5")],
    )
    def test_separators(self, text: str, expected: str) -> None:
        """
        Thousands separators go (ASCII and Arabic ٬); a decimal point (. or ٫) stays.
        """
        assert expected == fold(text)

    def test_ambiguous_separators_split(self) -> None:
        """
        "2,5" is not a thousands group: its digit groups stay as separate words.
        """
        assert "2 5" == fold("2,5")

    def test_arabic_letters_and_digits_split(self) -> None:
        """
        A proclitic glued to a number ("و27") is a word of its own.
        """
        assert "و 27" == fold("و27")


class TestRepair:
    @pytest.mark.parametrize(
        ("damaged", "repaired"),
        [
            ("ا?سلحة", "الأسلحة"),
            ("ا?وضاع", "الأوضاع"),
            ("ا?ولى", "الأولى"),
            ("وا?سلحة", "والأسلحة"),
            ("با?مس", "بالأمس"),
            ("ل?سف", "للأسف"),
        ],
    )
    def test_lost_lam_alef_is_restored(self, damaged: str, repaired: str) -> None:
        """
        "لأ" lost to "?" at the start of an Arabic word is put back.
        """
        assert repaired == repair(damaged)

    @pytest.mark.parametrize(
        "text",
        [
            "التقى قائد الانقلاب أم لا؟",
            "هل التقى السيسي أم لا?",
            "أم لا? ثم غادر",
            "ماذا?قال",
            "What? Really",
        ],
    )
    def test_real_question_marks_are_kept(self, text: str) -> None:
        """
        A question mark after "لا", after any word, or before a space stays as it is.
        """
        assert text == repair(text)

    def test_fold_repairs_the_seed_sentence(self) -> None:
        """
        The seed's ا?سلحة folds exactly like a correctly encoded الأسلحة.
        """
        assert fold("لرفع حظر تصدير الأسلحة لليبيا") == fold("لرفع حظر تصدير ا?سلحة لليبيا")


class TestFoldProperties:
    @given(any_text)
    @settings(max_examples=300)
    def test_fold_is_idempotent(self, text: str) -> None:
        """
        Folding a folded text changes nothing.
        """
        once = fold(text)

        assert once == fold(once)

    @given(any_text)
    @settings(max_examples=300)
    def test_never_raises_and_stays_bounded(self, text: str) -> None:
        """
        Any text folds, indexes and yields facts; the folded form is at most 18 times as
        long (NFKC's largest expansion, ﷺ) and its words are single-space separated.
        """
        folded = fold(text)
        facts(text)

        assert len(folded) <= 18 * len(text)
        assert folded == " ".join(folded.split())
        assert tokens(text) == folded.split()
        assert index_text(text) == " ".join(terms(text))

    @given(any_text)
    @settings(max_examples=200)
    def test_index_terms_survive_the_ascii_tokenizer(self, text: str) -> None:
        """
        SQLite's ascii tokenizer sees exactly the terms index_text wrote, none split.
        """
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(terms, tokenize='ascii', detail=none)")
        db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
        db.execute("INSERT INTO t (terms) VALUES (?)", (index_text(text),))

        stored = {row[0] for row in db.execute("SELECT term FROM v")}

        assert set(terms(text)) == stored


class TestTerms:
    @pytest.mark.parametrize("word", ["وفد", "الوفد", "والوفد", "بالوفد", "للوفد", "فالوفد"])
    def test_arabic_article_and_proclitics_are_stripped(self, word: str) -> None:
        """
        و ف ب ل ك with the article (وال بال لل فال …) come off, leaving one stem.
        """
        assert ["وفد"] == terms(word)

    @pytest.mark.parametrize("word", ["ولد", "بنك", "كتب", "فهم"])
    def test_short_words_keep_their_first_letter(self, word: str) -> None:
        """
        A three-letter word that starts like a proclitic is left whole.
        """
        assert [word] == terms(word)

    def test_ambiguous_proclitic_is_indexed_both_ways(self) -> None:
        """
        بروسيا may be ب + روسيا: both readings are indexed, so روسيا finds it.
        """
        assert ["بروسيا", "روسيا"] == terms("بروسيا")
        assert set(terms("روسيا")) < set(terms("بروسيا"))

    def test_stopwords_are_dropped(self) -> None:
        """
        Function words in both languages are not indexed; negations are.
        """
        assert ["لم", "يلتق", "not", "meet"] == terms("في لم يلتق the not meeting")

    @pytest.mark.parametrize("word", ["rise", "rises", "rising"])
    def test_english_inflections_meet(self, word: str) -> None:
        """
        Plural -s and -ing endings are stripped to one stem.
        """
        assert ["rise"] == terms(word)

    def test_decimals_become_two_terms(self) -> None:
        """
        3.5 is indexed as 3 and 5, which is what the ascii tokenizer would make of it.
        """
        assert "3 5 million" == index_text("3.5 million")

    @given(any_text)
    @settings(max_examples=300)
    def test_terms_are_each_words_terms(self, text: str) -> None:
        """
        The kept terms of a word (see WORD_TERMS_KEPT) are its word_terms, in text order.
        """
        expected = [term for word in tokens(text) for term in normalize.word_terms(word)]

        assert expected == terms(text)
        assert " ".join(expected) == index_text(text)

    def test_kept_word_terms_are_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """
        The words kept for their terms never outgrow WORD_TERMS_KEPT; terms stay right.
        """
        monkeypatch.setattr(normalize, "WORD_TERMS_KEPT", 3)

        got = index_text("the rising deltas of والوفد بروسيا rises 3.5 one two three four")

        assert len(normalize._WORD_TERMS) <= 3
        assert "rise delta وفد بروسيا روسيا rise 3 5 one two thre four" == got

    @given(st.text(st.characters(max_codepoint=0x7F)))
    def test_ascii_words_as_the_general_pattern_finds_them(self, text: str) -> None:
        """
        The ASCII word pattern splits ASCII text as the general one does.
        """
        assert normalize._WORD.findall(text) == normalize._ASCII_WORD.findall(text)

    @given(st.text(st.sampled_from("12.,a b")))
    def test_only_numbers_with_separators_are_rewritten(self, text: str) -> None:
        """
        Words are canonicalised as numbers exactly when they hold a separator.
        """
        expected = []
        for word in normalize._WORD.findall(text):
            if word[0].isdigit() and ("," in word or "." in word):
                expected.extend(normalize._canonical_number(word))
            else:
                expected.append(word)

        assert expected == tokens(text)

    def test_version_is_bumped(self) -> None:
        """
        The matching form changed from the first cut (version 1).
        """
        assert NORMALIZATION_VERSION >= 2


class TestDetectLang:
    def test_script_decides(self) -> None:
        """
        The script most letters are written in gives the language.
        """
        assert ("ar", "en", None) == (detect_lang("حفتر في القاهرة"), detect_lang("Haftar"), None)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("ab جد", "en"),  # a tie goes to the script met first
            ("جد ab", "ar"),
            ("جَدّ ab", "ar"),  # tashkeel are not letters
            ("١٢٣ ab", "en"),  # nor are Arabic-Indic digits
            ("١٢٣ ، ؟", None),
            ("123 !?", None),
            ("Über جد", "en"),  # Latin beyond ASCII counts for English
            ("Путин сказал ok", "ru"),
        ],
    )
    def test_counts_letters_only(self, text: str, expected: str | None) -> None:
        """
        Only letters count, marks, digits and punctuation of any script do not.
        """
        assert expected == detect_lang(text)

    @given(st.one_of(any_text, st.text(st.sampled_from("ab1 .جدَ١،éЖ"))))
    def test_fast_path_agrees_with_the_general_count(self, text: str) -> None:
        """
        The quick count of ASCII and Arabic text gives what counting every letter gives.
        """
        assert lang._detect_lang(text) == detect_lang(text)


class TestNumbers:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("يضم 11 من كبار مساعديه", "11"),
            ("يضم ١١ من كبار مساعديه", "11"),
            ("يضم ۱۱ من كبار مساعديه", "11"),
            ("1,500 votes", "1500"),
            ("١٬٥٠٠ صوت", "1500"),
            ("نمو ٣٫٥ بالمئة", "3.5"),
            ("يضم أحد عشر من كبار مساعديه", "11"),
            ("إحدى عشرة سنة", "11"),
            ("اثنا عشر وزيرا", "12"),
            ("اثني عشر وزيرا", "12"),
            ("ثلاثة أيام", "3"),
            ("ثلاث سنوات", "3"),
            ("وثلاثة أيام", "3"),
            ("خمسة وعشرون شخصا", "25"),
            ("عشرة أشهر", "10"),
            ("5 ملايين دولار", "5000000"),
            ("مليون دولار", "1000000"),
            ("eleven aides", "11"),
            ("twelve aides", "12"),
            ("twenty five aides", "25"),
            ("2.5 million people", "2500000"),
        ],
    )
    def test_digits_words_and_scales(self, text: str, expected: str) -> None:
        """
        Digits of any script, number words in both languages and scale words give the
        same canonical value.
        """
        assert [expected] == values(numbers(text))

    @pytest.mark.parametrize(
        "text",
        ["one of the aides", "واحد من المساعدين", "يوم الاثنين", "الست والدة العريس"],
    )
    def test_words_that_only_look_like_numbers(self, text: str) -> None:
        """
        "one of", "واحد من", Monday (الاثنين) and "the lady" (الست) are not numbers.
        """
        assert [] == numbers(text)

    def test_surface_is_kept_for_reasons(self) -> None:
        """
        Each number keeps the words it was read from.
        """
        assert ["أحد عشر"] == [f.surface for f in numbers("يضم أحد عشر من كبار مساعديه")]


class TestOrdinals:
    @pytest.mark.parametrize(
        ("word", "value"),
        [
            ("الأول", 1), ("الأولى", 1), ("الثاني", 2), ("الثانية", 2), ("الثالث", 3),
            ("الثالثة", 3), ("الرابع", 4), ("الرابعة", 4), ("الخامس", 5), ("الخامسة", 5),
            ("السادس", 6), ("السادسة", 6), ("السابع", 7), ("السابعة", 7), ("الثامن", 8),
            ("الثامنة", 8), ("التاسع", 9), ("التاسعة", 9), ("العاشر", 10), ("العاشرة", 10),
            ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5),
            ("sixth", 6), ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10),
        ],
    )  # fmt: skip
    def test_first_to_tenth(self, word: str, value: int) -> None:
        """
        Ordinals first..tenth, masculine and feminine, with the article, in both languages.
        """
        assert [str(value)] == values(list(facts(f"الزيارة {word} visit").ordinals))

    def test_digit_ordinals(self) -> None:
        """
        21st and 3rd are ordinals, not numbers.
        """
        found = facts("the 21st and 3rd time")

        assert (["21", "3"], []) == (values(list(found.ordinals)), list(found.numbers))


class TestMonths:
    @pytest.mark.parametrize(
        ("word", "value"),
        [
            ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5),
            ("يونيو", 6), ("يوليو", 7), ("أغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10),
            ("نوفمبر", 11), ("ديسمبر", 12), ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3),
            ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8), ("أيلول", 9),
            ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
            ("January", 1), ("Feb", 2), ("March", 3), ("Sept", 9), ("December", 12),
        ],
    )  # fmt: skip
    def test_month_names_with_a_year(self, word: str, value: int) -> None:
        """
        Gregorian, Levantine/Iraqi and English month names, next to a year.
        """
        assert [str(value)] == values(months(f"في {word} 2016"))

    def test_seed_double_names(self) -> None:
        """
        "حزيران/ يونيو" and "تموز/ يوليو" name June and July twice each.
        """
        found = months("في حزيران/ يونيو الماضي، قبل زيارتين في شهر تموز/ يوليو الماضي")

        assert ["6", "6", "7", "7"] == values(found)

    def test_levantine_october_is_not_an_ordinal(self) -> None:
        """
        تشرين الأول is October; its الأول is not "first".
        """
        found = facts("في تشرين الأول/ أكتوبر الماضي")

        assert (["10", "10"], []) == (values(list(found.months)), list(found.ordinals))

    @pytest.mark.parametrize("text", ["زار الأب ابنه", "مارس ضغوطا كبيرة", "It may rain"])
    def test_ambiguous_names_need_context(self, text: str) -> None:
        """
        أب (father), مارس (he practised) and "may" are months only next to a number,
        the word month or another month name.
        """
        assert [] == months(text)

    @pytest.mark.parametrize("text", ["في آب 2016", "in May 2020", "elections held in May"])
    def test_ambiguous_names_in_context(self, text: str) -> None:
        """
        Next to a year, or capitalised inside an English sentence, they are months.
        """
        assert 1 == len(months(text))


class TestNegations:
    @pytest.mark.parametrize(
        ("text", "cue"),
        [
            ("لم يلتق حفتر السيسي", "لم"),
            ("لن يزور القاهرة", "لن"),
            ("ولم يحدد الموعد", "لم"),
            ("الخبر ليس صحيحا", "ليس"),
            ("الأرقام ليست دقيقة", "ليست"),
            ("مصدر غير رسمي", "غير"),
            ("الحكومة تنفي الخبر", "تنفي"),
            ("نفت الوزارة الخبر", "نفت"),
            ("عدم وجود قوات", "عدم"),
            ("He did not resign", "not"),
            ("He didn't resign", "didnt"),
            ("It was never built", "never"),
            ("The ministry denied the report", "denied"),
        ],
    )
    def test_cues(self, text: str, cue: str) -> None:
        """
        Negation particles and denial verbs are found in both languages.
        """
        assert [cue] == values(negations(text))

    @pytest.mark.parametrize("text", ["لا يزال الوفد في القاهرة", "not only Cairo", "بلا عوائق"])
    def test_fixed_expressions_do_not_negate(self, text: str) -> None:
        """
        لا يزال (still), "not only" and بلا (without) do not negate the claim.
        """
        assert [] == negations(text)


class TestOpposites:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("ارتفاع أسعار النفط", "rise/fall:0"),
            ("انخفاض أسعار النفط", "rise/fall:1"),
            ("الأسعار ترتفع", "rise/fall:0"),
            ("زيادة الأسعار", "rise/fall:0"),
            ("نقص الأسعار", "rise/fall:1"),
            ("فوز الحزب", "win/lose:0"),
            ("خسارة الحزب", "win/lose:1"),
            ("قبول العرض", "accept/reject:0"),
            ("رفض العرض", "accept/reject:1"),
            ("prices rise", "rise/fall:0"),
            ("prices fell", "rise/fall:1"),
            ("the party won", "win/lose:0"),
            ("the party lost", "win/lose:1"),
            ("they accepted", "accept/reject:0"),
            ("they rejected", "accept/reject:1"),
        ],
    )
    def test_sides(self, text: str, value: str) -> None:
        """
        Each word of the opposites lexicon is found on its side, in both languages.
        """
        assert [value] == values(opposites(text))


class TestPlaces:
    def test_country_city_and_adjective_agree(self) -> None:
        """
        بكين, الصين and الصينية all name China; Cairo names Egypt.
        """
        found = facts("بكين والصين والحكومة الصينية Cairo")

        assert ["China", "China", "China", "Egypt"] == values(list(found.places))
