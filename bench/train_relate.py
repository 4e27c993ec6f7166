"""
Rebuild ``factreg/data/relate/`` from the ANS *train* pairs: mined cues and the model.

Run from the repository root::

    .venv/bin/python bench/train_relate.py            # write the three files
    .venv/bin/python bench/train_relate.py --check    # rebuild in memory, compare

Deterministic: the same rows give the same bytes. Only the ``ar-ans-train-…`` rows of
``../shared/eval/pairs.jsonl`` are read (ANS, Khouja 2020, github.com/latynt/ans,
Apache-2.0; the derived rows pair a headline with another row's, label "unrelated").
CheckThat! rows are never read: their licence forbids training a shipped artifact.

1. **Cues.** Each pair's headlines are aligned (``evidence.edits``): the terms found on
   one side only, and the aligned terms swapped one for one. A term's weight is the
   log-odds of "contradicts" against "same" among the pairs where it is one-sided
   (add-half smoothing), kept when it is one-sided in at least ``MIN_PAIRS`` pairs; the
   same for swapped pairs. Written to ``cues.txt`` and ``swaps.txt``.
2. **Model.** Two logistic regressions on the named features of ``evidence.FEATURES``,
   standardised, L2-regularised, fitted by Newton's method: P(conflict) against the
   rest, and P(same) against related among the pairs that are no conflict. The cue
   features of a pair come from tables mined on the other four of five folds
   (cross-fitting), so that the model does not learn to trust cues mined from the very
   pair it is fitted on. Besides the ANS rows, two kinds of pairs made from them teach
   what ANS lacks: a "same" pair with one figure changed is a contradiction
   (:func:`changed_figures`), and a headline with another row's headline of the same
   topic is unrelated (:func:`neighbours`). Written to ``model.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factreg.evidence import FEATURES, edits, evidence
from factreg.facts import facts, read_place
from factreg.normalize import primary_terms
from factreg.wording import logistic

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "factreg" / "data" / "relate"

CLASSES = ("same", "conflict", "related")
_CLASS_OF = {"same": 0, "contradicts": 1, "unrelated": 2}
FOLDS = 5
#: A term (or a swap) gets a weight once it is one-sided in this many train pairs.
MIN_PAIRS = 5
MIN_SWAP_PAIRS = 2
#: Term overlap from which another row's headline is a topic neighbour (see neighbours).
NEIGHBOUR_OVERLAP = 1.1
#: L2 penalty (on standardised features) and the most Newton steps.
L2 = 0.1
NEWTON_STEPS = 25

ATTRIBUTION = (
    "Derived from the ANS corpus (J. Khouja, Stance Prediction and Claim Verification: "
    "An Arabic Perspective, FEVER 2020; github.com/latynt/ans, Apache-2.0), train split "
    "only, by bench/train_relate.py."
)


def train_rows() -> list[dict[str, Any]]:
    """
    The ANS train rows (published and derived), in file order, then the changed-figure
    pairs made from them (:func:`changed_figures`).
    """
    with (EVAL / "pairs.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    train = [r for r in rows if str(r["id"]).startswith("ar-ans-train-")]
    return train + changed_figures(train) + neighbours(train)


def neighbours(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """
    An "unrelated" pair for every headline and the second headline of another row that
    shares most of its terms (at least :data:`NEIGHBOUR_OVERLAP`): two claims of one
    story (oil prices, one election) that are not the same claim.

    ANS's own "unrelated" rows share few words; without these the model would take any
    two headlines of one topic for a restatement.
    """
    paired: dict[str, set[str]] = {}
    for row in rows:
        paired.setdefault(str(row["query"]), set()).add(str(row["candidate"]))
    candidates = list(dict.fromkeys(str(r["candidate"]) for r in rows))
    terms = {text: set(primary_terms(text)) for text in candidates}
    out: list[dict[str, Any]] = []
    for i, (query, own) in enumerate(paired.items()):
        mine = set(primary_terms(query))
        if len(mine) < 3:
            continue
        best, best_overlap = "", 0.0
        for text in candidates:
            if text in own or text == query:
                continue
            theirs = terms[text]
            if not theirs:
                continue
            overlap = len(mine & theirs) / min(len(mine), len(theirs))
            if overlap > best_overlap:
                best, best_overlap = text, overlap
        if best_overlap >= NEIGHBOUR_OVERLAP:
            out.append(
                {
                    "id": f"ar-ans-train-neighbour-{i}",
                    "query": query,
                    "candidate": best,
                    "label": "unrelated",
                }
            )
    return out


def changed_figures(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """
    A "contradicts" pair for every "same" pair whose headlines give one figure about the
    same thing: the second headline with that figure changed (11 -> 13).

    ANS contradictions rarely change a number, so without these the model could not
    learn what a fact-checker checks first; the pair is otherwise a real restatement.
    """
    out: list[dict[str, Any]] = []
    for row in rows:
        if row["label"] != "same":
            continue
        query, candidate = str(row["query"]), str(row["candidate"])
        shared = {(f.value, f.unit) for f in facts(query).numbers} & {
            (f.value, f.unit) for f in facts(candidate).numbers
        }
        for fact in facts(candidate).numbers:
            if (fact.value, fact.unit) in shared and fact.surface.isdigit():
                value = int(fact.surface)
                changed = str(value + (1 if fact.unit == "years" else max(value // 5, 2)))
                text = candidate.replace(fact.surface, changed, 1)
                out.append(
                    {**row, "id": f"{row['id']}-figure", "candidate": text, "label": "contradicts"}
                )
                break
    return out


def _is_fact(term: str) -> bool:
    # Figures, places, ordinals, months and negations are compared as facts; as cue
    # words they would only learn which topics the annotators of ANS swapped.
    found = facts(term)
    return (
        term[:1].isdigit()
        or read_place(term) is not None
        or bool(found.numbers or found.ordinals or found.months or found.negations)
    )


def mine(
    rows: Sequence[dict[str, Any]],
) -> tuple[dict[str, float], dict[str, float]]:
    """
    Cue and swap weights (log-odds of contradicts against same) mined from ``rows``.
    """
    counts: dict[str, Counter[str]] = {"same": Counter(), "contradicts": Counter()}
    swap_counts: dict[str, Counter[str]] = {"same": Counter(), "contradicts": Counter()}
    totals: Counter[str] = Counter()
    for row in rows:
        label = str(row["label"])
        if label not in counts:
            continue
        totals[label] += 1
        one_sided, swaps = edits(str(row["query"]), str(row["candidate"]))
        counts[label].update(one_sided)
        swap_counts[label].update(set(swaps))

    def weigh(table: dict[str, Counter[str]], least: int) -> dict[str, float]:
        out: dict[str, float] = {}
        for key in sorted(table["same"].keys() | table["contradicts"].keys()):
            c, s = table["contradicts"][key], table["same"][key]
            if c + s < least or any(_is_fact(term) for term in key.split()):
                continue
            weight = math.log((c + 0.5) / (totals["contradicts"] + 1)) - math.log(
                (s + 0.5) / (totals["same"] + 1)
            )
            out[key] = round(weight, 3)
        return out

    return weigh(counts, MIN_PAIRS), weigh(swap_counts, MIN_SWAP_PAIRS)


def feature_rows(rows: Sequence[dict[str, Any]]) -> list[list[float]]:
    """
    The cross-fitted feature vector of every row (cues mined without its fold).
    """
    out: list[list[float]] = [[] for _ in rows]
    for fold in range(FOLDS):
        cues, swaps = mine([r for i, r in enumerate(rows) if i % FOLDS != fold])
        for i, row in enumerate(rows):
            if i % FOLDS == fold:
                found = evidence(str(row["query"]), str(row["candidate"]), cues=cues, swaps=swaps)
                out[i] = [found.features.get(name, 0.0) for name in FEATURES]
    return out


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    # Gaussian elimination with partial pivoting (the matrix is small and well posed:
    # a Hessian plus the L2 ridge).
    n = len(vector)
    m = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            factor = m[r][col] / m[col][col]
            if factor:
                for c in range(col, n + 1):
                    m[r][c] -= factor * m[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        out[r] = (m[r][n] - sum(m[r][c] * out[c] for c in range(r + 1, n))) / m[r][r]
    return out


def fit_binary(z: Sequence[Sequence[float]], y: Sequence[bool]) -> list[float]:
    """
    L2-regularised logistic regression by Newton's method: [intercept, weights…].
    """
    d = len(z[0]) + 1
    rows = [[1.0, *row] for row in z]
    w = [0.0] * d
    for _ in range(NEWTON_STEPS):
        grad = [L2 * w[j] if j else 0.0 for j in range(d)]
        hess = [[(L2 if i == j and i else 0.0) for j in range(d)] for i in range(d)]
        for row, label in zip(rows, y, strict=True):
            p = logistic(sum(a * b for a, b in zip(w, row, strict=True)))
            err, curve = p - (1.0 if label else 0.0), max(p * (1 - p), 1e-9)
            for i in range(d):
                ri = row[i]
                if ri:
                    grad[i] += err * ri
                    hi = hess[i]
                    cr = curve * ri
                    for j in range(i, d):
                        hi[j] += cr * row[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(v) for v in step) < 1e-6:
            break
    return w


def fit(x: Sequence[Sequence[float]], y: Sequence[int]) -> dict[str, Any]:
    """
    The two models: conflict against the rest, and same against related among the rest.
    """
    n, d = len(x), len(FEATURES)
    means = [sum(row[j] for row in x) / n for j in range(d)]
    scales = [math.sqrt(sum((row[j] - means[j]) ** 2 for row in x) / n) or 1.0 for j in range(d)]
    z = [[(row[j] - means[j]) / scales[j] for j in range(d)] for row in x]
    conflict = fit_binary(z, [label == 1 for label in y])
    rest = [(row, label) for row, label in zip(z, y, strict=True) if label != 1]
    same = fit_binary([row for row, _ in rest], [label == 0 for _, label in rest])
    return {
        "features": list(FEATURES),
        "means": [round(v, 6) for v in means],
        "scales": [round(v, 6) for v in scales],
        "conflict": {
            "intercept": round(conflict[0], 6),
            "weights": [round(v, 6) for v in conflict[1:]],
        },
        "same": {"intercept": round(same[0], 6), "weights": [round(v, 6) for v in same[1:]]},
    }


def predict(model: dict[str, Any], row: Sequence[float]) -> tuple[float, float]:
    """
    P(conflict) and P(same | not conflict) of one feature vector.
    """
    z = [(v - m) / s for v, m, s in zip(row, model["means"], model["scales"], strict=True)]
    out = []
    for part in ("conflict", "same"):
        w = model[part]["weights"]
        out.append(
            logistic(model[part]["intercept"] + sum(a * b for a, b in zip(w, z, strict=True)))
        )
    return out[0], out[1]


def _table_text(kind: str, table: dict[str, float]) -> str:
    header = [
        f"Mined {kind}: log-odds of 'contradicts' against 'same' (ANS labels) among the",
        "train pairs in which it occurs; positive marks a contradiction, negative a",
        "restatement. " + ATTRIBUTION,
        "Generated: do not edit by hand; rebuild with bench/train_relate.py.",
        "Used by: evidence (features cue_contra, cue_max, cue_same, swap_cue).",
        "Format: one row a line, the folded term(s), a space, the weight.",
    ]
    lines = [f"# {h}" for h in header] + [""] + [f"{k} {v}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def build(rows: Sequence[dict[str, Any]]) -> tuple[dict[str, str], list[list[float]], list[int]]:
    """
    The files' contents, and the cross-fitted features and labels they were fitted on.
    """
    x = feature_rows(rows)
    y = [_CLASS_OF[str(r["label"])] for r in rows]
    model = fit(x, y)
    model = {
        "about": (
            "Relation model: two logistic regressions, P(conflict) and P(same | no "
            "conflict), on the named evidence "
            "features (factreg/evidence.py), standardised with these means and scales. "
            + ATTRIBUTION
            + " Generated: do not edit by hand."
        ),
        "rows": len(rows),
        **model,
    }
    cues, swaps = mine(rows)
    files = {
        "cues.txt": _table_text("cue words (a term on one side of a pair only)", cues),
        "swaps.txt": _table_text("swaps (two aligned terms, one replacing the other)", swaps),
        "model.json": json.dumps(model, ensure_ascii=False, indent=1) + "\n",
    }
    return files, x, y


def main(argv: Sequence[str] | None = None) -> int:
    """
    Rebuild the files (or, with ``--check``, compare them with the shipped ones).
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    if not (EVAL / "pairs.jsonl").exists():
        print(f"no evaluation data at {EVAL}")
        return 1
    rows = train_rows()
    files, x, y = build(rows)
    model = json.loads(files["model.json"])
    confusion: Counter[tuple[str, str]] = Counter()
    for row, label in zip(x, y, strict=True):
        p_conflict, p_same = predict(model, row)
        guess = 1 if p_conflict >= 0.5 else 0 if p_same >= 0.5 else 2
        confusion[(CLASSES[label], CLASSES[guess])] += 1
    print(f"{len(rows)} ANS train rows; cross-fitted confusion at 0.5 (gold, predicted):")
    for gold in CLASSES:
        print("  ", gold, [confusion[(gold, p)] for p in CLASSES])
    changed = [
        name
        for name, text in files.items()
        if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text
    ]
    if args.check:
        print("up to date" if not changed else f"differs: {', '.join(changed)}")
        return 1 if changed else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    print(f"wrote {', '.join(sorted(files))} to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
