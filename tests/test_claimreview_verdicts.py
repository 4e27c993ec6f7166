"""
Tests for reading the verdict inside a textual rating (factreg.claimreview.verdicts and
LabelReader, issue #16): word forms, prefixes, negation, qualifiers, contrast, first
sentences, and common French and Spanish labels. The labels are written for the tests in
the forms publishers use.
"""

# STYLE.md has asserts read `expected == actual`; ruff's SIM300 calls that a Yoda condition.

from __future__ import annotations

import pytest

from factreg.claimreview import LabelReader, status_for_label
from factreg.claimreview.verdicts import LEXICON, form_key
from factreg.model import Status


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("مضللة", Status.MISLEADING),
        ("مضللاً", Status.MISLEADING),
        ("ادعاءات مضللين", Status.MISLEADING),
        ("مُضَلِّل", Status.MISLEADING),
        ("مضـــلل", Status.MISLEADING),
        ("معدّلة", Status.MISLEADING),
        ("الصورة معدلة", Status.MISLEADING),
        ("كاذبة", Status.FALSE),
        ("كاذبون", Status.FALSE),
        ("زائفة", Status.FALSE),
        ("مزيفة", Status.FALSE),
        ("إشاعة", Status.FALSE),
        ("صحيحة", Status.TRUE),
    ],
)
def test_arabic_word_forms_found_by_one_entry(label: str, expected: Status) -> None:
    """
    Feminine, accusative and plural forms, tashkeel and tatweel are read like the word
    the table lists once.
    """
    assert expected == status_for_label(label)


def test_form_key_drops_one_arabic_ending_keeping_three_letters() -> None:
    """
    One ending is dropped if three letters remain; «خطأ» keeps its alef; English words
    are left alone.
    """
    assert ["مضلل", "كاذب", "خطا", "false", "الحقيق"] == [
        form_key(w, LEXICON.endings) for w in ["مضلله", "كاذبا", "خطا", "false", "الحقيقه"]
    ]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("تضليل", Status.MISLEADING),
        ("محتوى تضليلي", Status.MISLEADING),
        ("تزييف", Status.FALSE),
        ("أكذوبة", Status.FALSE),
        ("تلفيق", Status.FALSE),
        ("فبركة", Status.FALSE),
        ("خبر باطل", Status.FALSE),
        ("اجتزاء", Status.MISLEADING),
        ("فيديو منقوص", Status.MISLEADING),
        ("محتوى ناقص", Status.MISLEADING),
        ("The quote was made up", Status.FALSE),
        ("The audio has been faked", Status.FALSE),
        ("The post misrepresents the report", Status.MISLEADING),
        ("The claim is a stretch", Status.MISLEADING),
        ("Baseless", Status.UNVERIFIABLE),
    ],
)
def test_derived_forms_of_verdict_words(label: str, expected: Status) -> None:
    """
    The masdar and participles of a verdict (تضليل/مضلل، تزييف/زائف، كذب/أكذوبة) and
    English verb forms ("faked", "made up") give its verdict.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("وزائف", Status.FALSE),
        ("فزائف", Status.FALSE),
        ("الفيديو المفبرك", Status.FALSE),
        ("نشر للتضليل", Status.MISLEADING),
        ("والادعاء كاذب", Status.FALSE),
    ],
)
def test_arabic_prefixes_joined_to_a_verdict_word(label: str, expected: Status) -> None:
    """
    و، ف، ال، لل joined to a verdict word do not hide it.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    "label",
    ["السياق الصحيح", "بالصحيح", "the true total remains unclear", "the real figure"],
)
def test_true_word_after_an_article_describes_a_noun(label: str) -> None:
    """
    «السياق الصحيح» is the right context and "the true total" a total: no verdict.
    """
    assert None is status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("غير صحيحة", Status.FALSE),
        ("مش حقيقية", Status.FALSE),
        ("مو صحيح", Status.FALSE),
        ("ليست حقيقية", Status.FALSE),
        ("لا صحة لهذا الخبر", Status.FALSE),
        ("Not true", Status.FALSE),
        ("The video isn't real.", Status.FALSE),
        ("These photos aren't genuine", Status.FALSE),
        ("No es cierto", Status.FALSE),
        ("Ce n'est pas vrai", Status.FALSE),
    ],
)
def test_negated_true_word_is_false(label: str, expected: Status) -> None:
    """
    A negation turns a true word within two words after it into false, in Arabic
    (dialects too), English, Spanish and French.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize("label", ["The photo is real", "وزارة الصحة", "Not false"])
def test_negatable_word_or_negated_false_word_alone_says_nothing(label: str) -> None:
    """
    "real", «صحة» give a verdict only negated; "not false" gives none.
    """
    assert None is status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Partially untrue", Status.MIXED),
        ("Partly accurate", Status.MIXED),
        ("خطأ جزئياً", Status.MIXED),
        ("كاذب جزئيا", Status.MIXED),
        ("مضلل جزئياً", Status.MISLEADING),
        ("Largely accurate", Status.MOSTLY_TRUE),
        ("Somewhat true", Status.MOSTLY_TRUE),
        ("Mostly untrue", Status.MOSTLY_FALSE),
        ("خاطئ في معظمه", Status.MOSTLY_FALSE),
        ("Plutôt vrai", Status.MOSTLY_TRUE),
    ],
)
def test_qualifier_next_to_a_verdict_word(label: str, expected: Status) -> None:
    """
    A partial qualifier makes a true or false verdict mixed; a "mostly" one makes it
    mostly true or mostly false; a misleading verdict stays misleading.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Correct, but the figure is from 2019", Status.MISLEADING),
        ("صحيح، لكن الصورة من عام 2019", Status.MISLEADING),
        ("The figure is accurate, however it leaves out last year", Status.MISLEADING),
        ("The photo is real but the caption is false", Status.FALSE),
        ("Correct", Status.TRUE),
    ],
)
def test_contrast_after_a_true_verdict(label: str, expected: Status) -> None:
    """
    A true verdict followed by "but"/«لكن» and no other verdict is a true claim that
    misleads; a verdict after the contrast decides.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("This is not correct. The minister said no such thing.", Status.FALSE),
        ("This claim is misleading. The video is real but from 2019.", Status.MISLEADING),
        ("هذا الادعاء مضلل. الفيديو حقيقي لكنه من عام 2019", Status.MISLEADING),
        ("تبين أن الفيديو حقيقي لكنه قديم، لذلك صنفنا الادعاء على أنه مضلل", Status.MISLEADING),
    ],
)
def test_first_sentence_that_is_a_verdict_decides(label: str, expected: Status) -> None:
    """
    A first sentence holding one verdict decides over its explanation; one that
    announces the verdict («تبين أن …») leaves it to the whole label.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Faux", Status.FALSE),
        ("Fausse information", Status.FALSE),
        ("Trompeur", Status.MISLEADING),
        ("Manque de contexte", Status.MISLEADING),
        ("Falso", Status.FALSE),
        ("Engañoso", Status.MISLEADING),
        ("Enganoso", Status.MISLEADING),
        ("Verdad a medias", Status.MIXED),
        ("Verdadero", Status.TRUE),
    ],
)
def test_common_french_spanish_and_portuguese_labels(label: str, expected: Status) -> None:
    """
    The commonest French, Spanish and Portuguese verdicts are read.
    """
    assert expected == status_for_label(label)


def test_own_labels_are_found_in_long_labels_with_their_forms() -> None:
    """
    A call's own labels are verdict words too, found in a longer rating.
    """
    reader = LabelReader.of({"Four Pinocchios": "false", "مبالغ": "misleading"})

    assert (Status.FALSE, Status.MISLEADING) == (
        reader.status("Four Pinocchios. The senator's figure is from 1990."),
        reader.status("الرقم مبالغ فيه كثيراً"),
    )
