"""
Two claims -> Relation and the reasons a reviewer can read.

relate() is pure. It weighs the named evidence of :func:`factreg.evidence.evidence` (what
the claims share, which key fact differs, which words one adds, drops or swaps) in a
calibrated model shipped as package data (``data/relate/model.json``, rebuilt from the
ANS train pairs by ``bench/train_relate.py``; ANS: Khouja 2020, github.com/latynt/ans,
Apache-2.0): the probability that the pair is a *conflict*, and that it is the *same*
claim if not. The pair is a **conflict** when

- a key fact differs between claims on one subject (a count of the same named thing, a
  month, an ordinal, a place or nationality, a denial, a negation of the predicate, an
  opposite): ANS seldom shows the model these, so they decide by definition;
- or P(conflict) reaches :data:`CONFLICT_PROBABILITY` and some fact differs (a swapped
  name, a contrast word, a swapped word);
- or P(conflict) reaches :data:`CUE_PROBABILITY` for two claims of like length lined up
  word for word but for a mined cue word of some weight ("… تتجاهل …"), in the claim
  itself rather than a side clause.

A conflict must rest on a fact a reviewer can check (:data:`CHECKABLE`): a conflict
resting on a word only (a contrast or cue word, a swapped word) holds for one sentence
edited (:data:`EDIT_ALIGNED`), and otherwise, like one resting on the model's doubt
alone, is put to a reviewer as **related** with the possible conflict in its reasons.
:func:`decide` says which kind of evidence a decision rests on (:data:`BASES`).

Otherwise it is the **same** when P(same) reaches :data:`SAME_PROBABILITY` with enough
terms shared, P(conflict) low and no key fact differing; when both give the same
figures for the same named thing and nothing differs; or when one claim's words are all
in the other's, but for the words saying who told it (an elaboration,
:data:`ELABORATION_OVERLAP`); anything else is **related**.

Reasons name the old claim's side first: ``count of deaths differs: 11 ≠ 16`` reads
"the earlier claim says 11, the new one 16". A conflict names every fact that differs,
strongest first; a "same" says what lines up (the figures, the share of terms).

Thresholds are named constants with how they were chosen: "ANS train" means the
cross-fitted predictions on the train pairs of ANS (``bench/train_relate.py``), and
"cross dev" the dev stories of ``bench/gold/cross`` (``bench/cross_article.py --split
dev``); the ANS dev pairs are only reported.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, NamedTuple

from factreg.evidence import DIFFERENCES, FEATURES, Evidence, contained, evidence
from factreg.figures import COUNT_PREFIX, FIGURE_NOUN
from factreg.model import Relation
from factreg.normalize import fold
from factreg.wording import logistic

#: P(conflict) from which a pair with a nameable differing fact is a conflict. Chosen
#: on ANS train and cross dev (see the module docstring).
CONFLICT_PROBABILITY = 0.6
#: P(same | no conflict) from which a pair is the same claim.
SAME_PROBABILITY = 0.5
#: ... once the claims share this much of the shorter one's terms (or a figure, see
#: FIGURE_OVERLAP): below it two claims of one story tell different facts. On ANS train
#: 7 % of "same" pairs share less than 0.4, 4 % less than 0.3.
SAME_OVERLAP = 0.3
#: ... and while P(conflict) stays below this: a pair the model finds likely to
#: conflict, with no differing fact to name, is left to a reviewer as related rather
#: than merged. Chosen on ANS train (false merges against "same" recall).
SAME_MAX_CONFLICT = 0.6
#: At most this many reasons are given for a conflict.
MAX_REASONS = 3
#: A conflict that no key fact explains, only a mined cue word one claim adds ("…
#: تتجاهل …"), needs this share of the shorter claim's terms lined up in order with the
#: other's: an edit of one sentence, not two outlets' different sentences. Chosen on
#: ANS train and cross dev.
CUE_ALIGNED = 0.5
#: ... and P(conflict) from this.
CUE_PROBABILITY = 0.7
#: ... and the shorter claim at least this share of the longer one's terms: a cue word
#: in a clause one outlet adds ("…, ويشهد على ذلك تدخلاتها في الشؤون الداخلية للبلدان
#: العربية") elaborates, it reverses nothing. Chosen on cross dev; it costs ANS train
#: 0.7 % of its contradictions (11 of 1,686 now related).
CUE_LENGTH = 0.5
#: ... and the strongest mined cue word at least this log-odds of "contradicts": a word
#: barely more common in ANS contradictions ("رئاسة" 0.3) names no reversal, and the
#: model's doubt alone is how two outlets' own sentences look. Chosen on ANS train
#: (contradiction recall 0.630 -> 0.620; 1.0 would cost 0.035) and cross dev.
CUE_STRENGTH = 0.5
#: Share of the shorter claim's terms the other must have for a key fact that differs
#: (:data:`_DEFINITE`) to make a conflict whatever the model says: "about the same
#: thing". Chosen on ANS train and cross dev.
FACT_OVERLAP = 0.3
#: A count of the same named thing (deaths, injured, houses, magnitude …) that differs
#: is a conflict whatever the model says (ANS headlines rarely change a figure, so the
#: model cannot learn how decisive that is), once the claims share this much of their
#: terms or another figure: the same event. Chosen on cross dev.
COUNT_OVERLAP = 0.3
#: ... or this much when the count is a toll (deaths, injured, missing, arrested,
#: displaced): the toll of an event is told in sentences sharing little else ("77 dead so
#: far" / "the quake's toll rose to 233"); the registry's queue gate weighs how rare the
#: shared words are. Chosen on cross dev.
TOLL_OVERLAP = 0.05
#: Claims that give the same figure for the same named thing, with no key fact
#: differing, are the same claim once they share this much of their terms: two outlets'
#: sentences on one toll share little else. Chosen on cross dev.
FIGURE_OVERLAP = 0.1

#: Share of the shorter claim's terms the longer one must hold for a pair with nothing
#: differing, whose shorter claim's words are all in the longer one but for the words
#: saying who told it ("وأكد أن إيران ما تحل …" inside the whole quote), to be the same
#: claim told at more length, whatever P(conflict) says: the ANS-trained model reads a
#: short claim inside a longer one as a contradiction. The containment test decides;
#: 0.35 to 0.7 give the same result on ANS and cross dev.
ELABORATION_OVERLAP = 0.5
#: A number that counts nothing named ("15 of his aides") differs as a checkable figure
#: only in one sentence with the number changed: this share of the shorter claim's
#: terms lined up in order with the other's ("four" / "1.03 million" in two outlets'
#: sentences is no figure of one thing). Chosen on cross dev.
FIGURE_ALIGNED = 0.8
#: A conflict resting on the wording only (a contrast or mined cue word, a word
#: swapped) stands for one sentence edited: this share of the shorter claim's terms
#: lined up in order with the other's, and the shorter at least EDIT_LENGTH of the
#: longer; two outlets' own sentences with a cue word in one are put to a reviewer as
#: related. The values of CUE_ALIGNED and CUE_LENGTH; keeping such edits a conflict at
#: all was decided on the measured ANS trade-off (bench/README.md).
EDIT_ALIGNED = 0.5
#: ... see EDIT_ALIGNED.
EDIT_LENGTH = 0.5

#: The reason key of a count one claim gives as a part of the other's.
PART_OF = "part_of"
#: How the reason starts that says a "same" rests on the same figures for the same named
#: thing (the registry's queue gate reads it).
FIGURES_PREFIX = "figures line up:"

# The facts a reviewer checks, named before the word cues when several differ.
_FACT_REASONS = (
    "count_differs",
    "number_differs",
    "month_differs",
    "ordinal_differs",
    "place_differs",
    "nationality_differs",
    "denial",
    "negation",
    "opposite",
    "contrast",
    "name_differs",
    "word_swapped",
)


# The key facts that differ by definition (a conflict once the claims share a subject);
# a swapped word or name, a contrast word or a mined cue needs the model's say.
_DEFINITE = tuple(
    name for name in _FACT_REASONS if name not in ("word_swapped", "name_differs", "contrast")
)


@lru_cache(maxsize=1)
def _model() -> dict[str, Any]:
    text = (files("factreg") / "data" / "relate" / "model.json").read_text(encoding="utf-8")
    model: dict[str, Any] = json.loads(text)
    if model["features"] != list(FEATURES):
        raise ValueError("data/relate/model.json was built for other features: rebuild it")
    return model


def probabilities(features: dict[str, float]) -> tuple[float, float]:
    """
    P(conflict) and P(same | not a conflict) of a pair's evidence features.
    """
    model = _model()
    z = [
        (features.get(name, 0.0) - mean) / scale
        for name, mean, scale in zip(FEATURES, model["means"], model["scales"], strict=True)
    ]
    out = []
    for part in ("conflict", "same"):
        weights = model[part]["weights"]
        out.append(
            logistic(model[part]["intercept"] + sum(w * v for w, v in zip(weights, z, strict=True)))
        )
    return out[0], out[1]


class Decision(NamedTuple):
    """
    What :func:`decide` makes of a pair: the relation, the reasons a reviewer reads, and
    the kind of evidence it rests on (:data:`BASES`).
    """

    relation: Relation
    reasons: tuple[str, ...]
    basis: str


#: The kinds of evidence a decision rests on. A conflict on a named, checkable fact:
#: "count" (a count of the same named thing), "figure" (another figure of a named
#: unit: percent, people), "month", "ordinal", "place", "nationality", "denial",
#: "negation", "opposite", "name" (a name in another name's place); or on the wording
#: only: "word" (one word swapped where the rest lines up), "cue" (a contrast or mined
#: cue word), "model" (the model's doubt). A "same": "words" (the same words),
#: "figures" (the same figures for the same named thing), "model", "elaboration" (one
#: claim's content inside the other's, nothing differing). "related" otherwise.
BASES = (
    *("count", "figure", "month", "ordinal", "place", "nationality", "denial"),
    *("negation", "opposite", "name", "word", "cue", "model"),
    *("words", "figures", "elaboration", "related"),
)
#: The conflicts a reviewer can check against the two texts; a conflict on any other
#: basis (a cue word, the model's doubt) is put to a reviewer as related.
CHECKABLE = frozenset(BASES[:10])
#: How the reason starts of a pair related() would have called a conflict on its
#: wording only.
POSSIBLE_CONFLICT = "possible conflict, not a checked fact:"

# The bases of a conflict on the wording that one sentence edited makes checkable.
_WORDING = frozenset(("word", "cue"))

# The evidence key -> basis of a conflict.
_BASIS = {
    "count_differs": "count",
    "number_differs": "figure",
    "month_differs": "month",
    "ordinal_differs": "ordinal",
    "place_differs": "place",
    "nationality_differs": "nationality",
    "denial": "denial",
    "negation": "negation",
    "opposite": "opposite",
    "contrast": "cue",
    "name_differs": "name",
    "word_swapped": "word",
}


def relate(new: str, old: str, *, score: float) -> tuple[Relation, tuple[str, ...]]:
    """
    Decide whether ``new`` restates ``old``, conflicts with it, or is merely related.

    ``score`` is the fused similarity of the two (0..100) from match.rank, quoted in the
    reasons. Returns the relation and reasons such as ``count of deaths differs: 11 ≠
    16``, ``denial only in new claim: تنفي`` or ``restates it (score 92): same
    figures: 11 (deaths); 80% of terms shared``.
    """
    found = decide(new, old, score=score)
    return found.relation, found.reasons


def decide(new: str, old: str, *, score: float) -> Decision:
    """
    :func:`relate` with the kind of evidence the decision rests on (:data:`BASES`).
    """
    if fold(new) == fold(old):  # the same words: nothing can differ
        return Decision(
            Relation.SAME, (f"restates it (score {score:.0f}): the same words",), "words"
        )
    found = evidence(new, old)
    features = found.features
    p_conflict, p_same = probabilities(features)
    overlap = features.get("overlap", 0.0)
    basis = _conflict_basis(found, p_conflict)
    related = f"similar wording (score {score:.0f}, {overlap:.0%} of terms shared)"
    if basis:
        reasons = conflict_reasons(found)
        edited = basis in _WORDING and _one_sentence_edited(features)
        if reasons and (basis in CHECKABLE or edited):
            return Decision(Relation.CONFLICT, reasons, basis)
        if reasons:
            # a cue word or the model's doubt alone: a reviewer decides
            return Decision(Relation.RELATED, (related, f"{POSSIBLE_CONFLICT} {reasons[0]}"), basis)
    # a count one claim gives as a part of the other's ("in Minxian alone, 53 dead"
    # against "89 dead") is another fact, never the same claim
    partial = PART_OF in found.reasons
    agree = not any(name in found.reasons for name in _FACT_REASONS) and not partial
    figures = features.get("count_shared", 0.0) and overlap >= FIGURE_OVERLAP and agree
    # a key fact that differs (a figure, a negation …) keeps two claims from being the
    # same even where it is not decisive enough for a conflict: a reviewer decides
    model = (
        p_same >= SAME_PROBABILITY
        and overlap >= SAME_OVERLAP
        and p_conflict < SAME_MAX_CONFLICT
        and agree
    )
    elaboration = agree and _elaborates(new, old, found)
    if model or figures or elaboration:
        lines_up = [f"{overlap:.0%} of terms shared"]
        if "figures_shared" in found.reasons:
            lines_up.insert(0, found.reasons["figures_shared"])
        if elaboration and not (model or figures):
            lines_up.append("one says more, nothing differs")
        text = f"restates it (score {score:.0f}): {'; '.join(lines_up)}"
        if figures:
            shared = found.reasons["figures_shared"].removeprefix("same figures: ")
            return Decision(Relation.SAME, (text, f"{FIGURES_PREFIX} {shared}"), "figures")
        return Decision(Relation.SAME, (text,), "model" if model else "elaboration")
    if partial:
        return Decision(Relation.RELATED, (related, found.reasons[PART_OF]), "related")
    return Decision(Relation.RELATED, (related,), "related")


def _conflict_basis(found: Evidence, p_conflict: float) -> str:
    # The kind of evidence a conflict would rest on, or "" when there is none.
    features = found.features
    overlap = features.get("overlap", 0.0)
    if features.get("count_differs", 0.0) and (
        overlap >= COUNT_OVERLAP
        or features.get("count_shared", 0.0)
        or (features.get("toll_differs", 0.0) and overlap >= TOLL_OVERLAP)
    ):
        return "count"
    # a key fact a fact-checker checks differs between claims on one subject: a conflict
    # by definition, though ANS rarely shows the model one (an English name, a month);
    # a figure only when it counts a named thing (percent, people): "four" and "1.03
    # million" count nothing said
    definite = [
        name
        for name in _DEFINITE
        if name in found.reasons and (name != "number_differs" or _named_figure(found))
    ]
    if overlap >= FACT_OVERLAP and definite:
        return _BASIS[definite[0]]
    named = [name for name in _FACT_REASONS if name in found.reasons]
    if p_conflict >= CONFLICT_PROBABILITY and named:
        kind = _BASIS[named[0]]
        if kind == "word" and found.reasons["word_swapped"].startswith("name differs"):
            return "name"
        if (
            kind == "figure"
            and not _named_figure(found)
            and features.get("aligned", 0.0) < FIGURE_ALIGNED
        ):
            # a bare number ("four" / "1.03 million") in two different sentences: only
            # the model's doubt; in one sentence with its number changed, a figure
            return "model"
        return kind
    # a word alone marks a reversal only where the rest lines up and no figure agrees
    if (
        p_conflict >= CUE_PROBABILITY
        and features.get("aligned", 0.0) >= CUE_ALIGNED
        and features.get("length_ratio", 0.0) >= CUE_LENGTH
        and _cue_strength(features) >= CUE_STRENGTH
        and not features.get("count_shared", 0.0)
    ):
        return "cue"
    return ""


def _named_figure(found: Evidence) -> bool:
    # The differing figure counts a named thing ("count of deaths", "15 of his senior
    # aides"); a bare number ("four", "1.03 million") names nothing it counts.
    return found.reasons["number_differs"].startswith(COUNT_PREFIX) or FIGURE_NOUN in found.reasons


def _one_sentence_edited(features: dict[str, float]) -> bool:
    # The claims line up word for word but for the edit: how a reversal by one word
    # looks, not how two outlets tell one event.
    return (
        features.get("aligned", 0.0) >= EDIT_ALIGNED
        and features.get("length_ratio", 0.0) >= EDIT_LENGTH
    )


def _elaborates(new: str, old: str, found: Evidence) -> bool:
    # One claim's content inside the other's: the shorter claim's terms found, in some
    # form, in the longer one, which only adds to them (no word of one replaced by
    # another: "يعلن فوزه" / "يخسر" is a reversal, not more detail).
    features = found.features
    return (
        features.get("overlap", 0.0) >= ELABORATION_OVERLAP
        and not features.get("negation_any", 0.0)
        and contained(new, old)
    )


def _cue_strength(features: dict[str, float]) -> float:
    # the mined log-odds of the strongest cue word one claim adds or swaps in (the
    # features are scaled to 0..1 over 4 and by the overlap)
    overlap = features.get("overlap", 0.0)
    if not overlap:
        return 0.0
    return 4 * max(features.get("cue_max", 0.0), features.get("swap_cue", 0.0)) / overlap


def conflict_reasons(found: Evidence) -> tuple[str, ...]:
    """
    The reasons of the differing facts of a pair's evidence: key facts first (a number,
    a month, a place, a denial, a negation, an opposite …), then the words that mark a
    reversal, each reason once.
    """
    model = _model()
    weight = dict(zip(FEATURES, model["conflict"]["weights"], strict=True))
    named = [name for name in _FACT_REASONS if name in found.reasons]
    cues = sorted(
        (name for name in DIFFERENCES if name in found.reasons and name not in _FACT_REASONS),
        key=lambda name: -weight[name] * found.features.get(name, 0.0),
    )
    reasons = [found.reasons[name] for name in named]
    reasons += [found.reasons[name] for name in cues if weight[name] > 0]
    return tuple(dict.fromkeys(reasons))[:MAX_REASONS]


def term_overlap(a: list[str], b: list[str]) -> float:
    """
    The share of the shorter list's distinct terms that the other list also has (0..1).
    """
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))
