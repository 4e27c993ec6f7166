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
    ["السياق الصحيح", "بالصحيح", "the true total is higher", "the real figure"],
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


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Fausses informations", Status.FALSE),
        ("Vraie", Status.TRUE),
        ("Vidéo manipulée", Status.MISLEADING),
        ("Photos truquées", Status.MISLEADING),
        ("IMAGE RETOUCHÉE", Status.MISLEADING),
        ("Photo détournée", Status.MISLEADING),
        ("Citations trompeuses", Status.MISLEADING),
        ("Chiffres erronés", Status.FALSE),
        ("Affirmation inexacte", Status.MOSTLY_FALSE),
        ("Rumeur infondée", Status.UNVERIFIABLE),
        ("Image générée par l'IA", Status.FALSE),
        ("Photomontage", Status.FALSE),
        ("Intox", Status.FALSE),
        ("Canular", Status.FALSE),
        ("Site satirique", Status.FALSE),
    ],
)
def test_french_verdict_words_in_every_gender_and_number(label: str, expected: Status) -> None:
    """
    French verdicts are read in the masculine, feminine, singular and plural forms
    publishers print, with or without accents, in any case.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Hors contexte", Status.MISLEADING),
        ("Vidéo sortie de son contexte", Status.MISLEADING),
        ("Photos sorties de leur contexte", Status.MISLEADING),
        ("Contexte manquant", Status.MISLEADING),
        ("Exagéré", Status.MISLEADING),
        ("Sous-estimé", Status.MISLEADING),
        ("À nuancer", Status.MIXED),
        ("Non prouvé", Status.UNVERIFIABLE),
        ("Aucune preuve", Status.UNVERIFIABLE),
    ],
)
def test_french_context_nuance_and_proof_labels(label: str, expected: Status) -> None:
    """
    Context, exaggeration, nuance and proof verdicts in French.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Plutôt faux", Status.MOSTLY_FALSE),
        ("Globalement vrai", Status.MOSTLY_TRUE),
        ("Globalement correct", Status.MOSTLY_TRUE),
        ("En partie faux", Status.MIXED),
        ("Partiellement vrai", Status.MIXED),
        ("Ce n'est pas tout à fait vrai", Status.MOSTLY_FALSE),
    ],
)
def test_french_qualifiers(label: str, expected: Status) -> None:
    """
    "plutôt", "globalement", "en partie" qualify a French verdict; "pas tout à fait vrai"
    is mostly false, not true.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Vrai, mais la photo date de 2015", Status.MISLEADING),
        ("C'est vrai, toutefois le chiffre concerne 2019", Status.MISLEADING),
        ("La vidéo n'est pas truquée, mais la légende est fausse", Status.FALSE),
    ],
)
def test_french_contrast_after_a_true_verdict(label: str, expected: Status) -> None:
    """
    "mais", "toutefois" after a French true verdict make it misleading; a verdict after
    the contrast decides.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize("label", ["Les vrais chiffres du chômage", "La vraie photo"])
def test_true_word_after_a_french_article_describes_a_noun(label: str) -> None:
    """
    «les vrais chiffres» are the real figures: no verdict.
    """
    assert None is status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("This isn't quite right.", Status.MOSTLY_FALSE),
        ("That is not entirely accurate: the figure is from 2019", Status.MOSTLY_FALSE),
        ("Not quite correct", Status.MOSTLY_FALSE),
        ("This is not correct.", Status.FALSE),
    ],
)
def test_hedged_negation_is_mostly_false(label: str, expected: Status) -> None:
    """
    "not quite right", "not entirely accurate" say mostly false; unhedged, false.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("The photo does not show the 2024 floods.", Status.FALSE),
        ("These posts don't depict the minister.", Status.FALSE),
        ("That's not right.", Status.FALSE),
    ],
)
def test_negated_show_or_right_is_false(label: str, expected: Status) -> None:
    """
    "does not show", "isn't right" are verdicts; "shows" and "right" alone are not.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize("label", ["The video shows the 2024 floods", "This is right"])
def test_show_or_right_alone_says_nothing(label: str) -> None:
    """
    A photo that shows something, or a "right", gives no verdict unless negated.
    """
    assert None is status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("False and misleading", Status.FALSE),
        ("Satire/Manipulated image", Status.FALSE),
        ("AI-generated and miscaptioned images", Status.FALSE),
        ("Misleading or unproven", Status.MISLEADING),
        ("Faux et trompeur", Status.FALSE),
        ("مضلل وكاذب", Status.FALSE),
        ("Truth! & Fiction!", Status.MIXED),
        ("Truth! & Unproven!", Status.MIXED),
        ("True & misleading", Status.MISLEADING),
        ("صحيح ومضلل", Status.MISLEADING),
    ],
)
def test_joined_verdicts_give_one_verdict(label: str, expected: Status) -> None:
    """
    Verdict words joined by "and", "/", "&", «و», "et" are one verdict: the strongest
    one short of true, misleading for a true one joined to a misleading one, else mixed.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    "label",
    [
        "The headline is correct and the date in the caption is false",
        "العنوان صحيح أما التاريخ في الوصف فهو خاطئ",
    ],
)
def test_verdicts_apart_in_a_paragraph_are_not_joined(label: str) -> None:
    """
    Verdict words that disagree with other words between them give no status: the
    joined reading is for labels, not for paragraphs.
    """
    assert None is status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("There's no evidence the council made this decision.", Status.UNVERIFIABLE),
        ("We could not find any evidence of such a policy.", Status.UNVERIFIABLE),
        ("There is limited evidence for this.", Status.UNVERIFIABLE),
        ("Unclear", Status.UNVERIFIABLE),
        ("This claim is missing important context.", Status.MISLEADING),
        ("The clip has been edited.", Status.MISLEADING),
        ("The post distorts the facts", Status.MISLEADING),
        ("This is not the whole story", Status.MISLEADING),
        ("Not false, but not the whole story either", Status.MISLEADING),
        ("Broadly correct", Status.MOSTLY_TRUE),
        ("Incorrectly attributed to Churchill", Status.FALSE),
        ("Wrongly attributed", Status.FALSE),
        ("Authorship confirmed!", Status.TRUE),
        ("Disputed", Status.MIXED),
        ("Mostly truth!", Status.MOSTLY_TRUE),
        ("Reported as fiction", Status.FALSE),
        ("A myth", Status.FALSE),
    ],
)
def test_english_conclusion_and_inventory_families(label: str, expected: Status) -> None:
    """
    Full Fact style conclusions (no evidence, missing context, edited) and the verdict
    families of large rating inventories (attribution, truth/fiction, disputed).
    """
    assert expected == status_for_label(label)


def test_the_truth_is_no_verdict() -> None:
    """
    "The truth" names what follows; it is no verdict.
    """
    assert None is status_for_label("The truth is more complicated")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("A lot of baloney", Status.MOSTLY_FALSE),
        ("Full of baloney", Status.FALSE),
        ("In the red", Status.FALSE),
        ("Legit", Status.TRUE),
        ("Selective", Status.MISLEADING),
        ("Modifiée", Status.MISLEADING),
    ],
)
def test_rating_systems_whose_words_are_no_verdict_words(label: str, expected: Status) -> None:
    """
    Whole rating systems of the table (Baloney Meter, ABC's lights, Misbar's English
    system) are read as labels, though their words say nothing inside a paragraph.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("ليس صحيحاً تماماً", Status.MOSTLY_FALSE),
        ("الادعاء ليس دقيقاً بالكامل", Status.MOSTLY_FALSE),
        ("غير صحيح تماماً", Status.FALSE),
    ],
)
def test_arabic_hedge_after_a_negated_true_word(label: str, expected: Status) -> None:
    """
    «ليس صحيحاً تماماً» (not entirely correct) is mostly false; «غير صحيح تماماً»
    (entirely untrue) stays false.
    """
    assert expected == status_for_label(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("This is not quite right; the figure is correct for 2019, not 2020.", Status.MOSTLY_FALSE),
        ("هذا مضلل؛ الصورة صحيحة لكنها من عام 2019", Status.MISLEADING),
    ],
)
def test_first_sentence_ending_with_a_semicolon_decides(label: str, expected: Status) -> None:
    """
    A verdict clause closed by a semicolon decides over the explanation after it.
    """
    assert expected == status_for_label(label)
