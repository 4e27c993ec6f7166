"""
Matching quality on public third-party data: retrieval MAP/MRR and relation macro-F1.

Reads ``../shared/eval/`` relative to the repository root (never shipped, never copied:
see that folder's README for licences and provenance) and exits 0 with a message when
it is absent. Run from the repository root::

    .venv/bin/python bench/quality.py            # dev splits (the figures to report)
    .venv/bin/python bench/quality.py --split train   # what thresholds were tuned on

Retrieval (CheckThat! 2020 English, 2021 Arabic): each tweet of the split is matched
against the fact-checked claims of its own corpus prefix. Candidates come from an
in-memory SQLite FTS5 index built exactly as the store builds it (see :func:`_retrieve`),
then ``match.rank`` orders them. MAP@k follows the CheckThat! convention (sum of
precision at each relevant hit in the top k, divided by the number of relevant claims);
MRR is over the whole ranked list ``rank`` returns (up to ``CANDIDATE_LIMIT``).

Relation (ANS, Khouja 2020): every pair's second headline is a claim in one index; each
first headline is matched against it and the pair's claim is looked up in the result.
Labels map as: same -> SAME, contradicts -> CONFLICT, unrelated -> RELATED or no match
(not retrieved, or fused score below ``match.RELATED_SCORE``).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from factreg.match import CANDIDATE_LIMIT, Candidate, query_terms, rank
from factreg.model import Claim, Match, Relation
from factreg.normalize import index_text

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

#: ANS label -> the relation counted as correct for it.
LABELS = ("same", "contradicts", "unrelated")
_RELATION_LABEL = {Relation.SAME: "same", Relation.CONFLICT: "contradicts",
                   Relation.RELATED: "unrelated"}


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _retrieve(
    corpus: Sequence[tuple[str, str]], queries: Sequence[str], k: int = 5,
) -> list[list[Match]]:
    """
    Match every query against ``corpus`` ((id, text) pairs) the way the store does.

    Mirrors the store: one FTS5 table over the claims' ``index_text``, queried with the
    OR of ``query_terms`` ordered by bm25, the top ``CANDIDATE_LIMIT`` rescored by
    ``match.rank``. Swap this function's body for a real Registry (``factreg.open``,
    ``add_many(claims, match=False)``, ``match(text, limit=k)``) once it exists.
    """
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE claims (rowid INTEGER PRIMARY KEY, terms TEXT NOT NULL)")
    db.execute(
        "CREATE VIRTUAL TABLE claim_fts USING fts5(terms, content='claims', "
        "content_rowid='rowid', tokenize='ascii', detail=none)"
    )
    claims = [Claim(text=text, id=claim_id) for claim_id, text in corpus]
    terms = [index_text(c.text) for c in claims]
    db.executemany("INSERT INTO claims (rowid, terms) VALUES (?, ?)",
                   ((i, t) for i, t in enumerate(terms)))
    db.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")
    results: list[list[Match]] = []
    for text in queries:
        words = query_terms(text)
        if not words:
            results.append([])
            continue
        expr = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute(
            "SELECT rowid, -bm25(claim_fts) FROM claim_fts WHERE claim_fts MATCH ? "
            "ORDER BY rank LIMIT ?", (expr, CANDIDATE_LIMIT),
        ).fetchall()
        candidates = [Candidate(claim=claims[i], terms=terms[i], index_score=s)
                      for i, s in rows]
        results.append(rank(text, candidates, limit=k))
    db.close()
    return results


def _average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    hits = 0
    total = 0.0
    for position, claim_id in enumerate(ranked[:k], start=1):
        if claim_id in relevant:
            hits += 1
            total += hits / position
    return total / len(relevant) if relevant else 0.0


def _reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for position, claim_id in enumerate(ranked, start=1):
        if claim_id in relevant:
            return 1.0 / position
    return 0.0


def retrieval(prefix: str, split: str) -> dict[str, float]:
    """
    MAP@1, MAP@5 and MRR of the tweets ``<prefix>-<split>-…`` against their corpus.
    """
    corpus_prefix = {"en-ct20": "en-ct20-v", "ar-ct21": "ar-ct21-vclaim-"}[prefix]
    corpus = [(str(r["id"]), str(r["text"]))
              for r in _read_jsonl(EVAL / "retrieval_corpus.jsonl")
              if str(r["id"]).startswith(corpus_prefix)]
    rows = [r for r in _read_jsonl(EVAL / "retrieval.jsonl")
            if str(r["id"]).startswith(f"{prefix}-{split}-")]
    started = time.perf_counter()
    results = _retrieve(corpus, [str(r["query"]) for r in rows], k=CANDIDATE_LIMIT)
    elapsed = time.perf_counter() - started
    map1 = map5 = mrr = 0.0
    for row, matches in zip(rows, results):
        relevant = {str(x) for x in row["relevant_ids"]}  # type: ignore[attr-defined]
        ranked = [m.claim_id for m in matches]
        map1 += _average_precision(ranked, relevant, 1)
        map5 += _average_precision(ranked, relevant, 5)
        mrr += _reciprocal_rank(ranked, relevant)
    n = len(rows) or 1
    return {"queries": len(rows), "corpus": len(corpus), "MAP@1": map1 / n,
            "MAP@5": map5 / n, "MRR": mrr / n, "seconds": elapsed}


def relations(split: str) -> tuple[dict[tuple[str, str], int], float, int]:
    """
    The confusion matrix (gold, predicted) -> count and macro-F1 on ANS ``split`` pairs.
    """
    rows = [r for r in _read_jsonl(EVAL / "pairs.jsonl")
            if str(r["id"]).startswith(f"ar-ans-{split}-")]
    texts = list(dict.fromkeys(str(r["candidate"]) for r in rows))
    ids = {text: f"ans{i}" for i, text in enumerate(texts)}
    queries = list(dict.fromkeys(str(r["query"]) for r in rows))
    results = dict(zip(queries, _retrieve([(ids[t], t) for t in texts], queries,
                                          k=CANDIDATE_LIMIT)))
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        wanted = ids[str(row["candidate"])]
        found = next((m for m in results[str(row["query"])] if m.claim_id == wanted), None)
        predicted = _RELATION_LABEL[found.relation] if found else "unrelated"
        confusion[(str(row["label"]), predicted)] += 1
    return dict(confusion), macro_f1(confusion), len(rows)


def macro_f1(confusion: Counter[tuple[str, str]] | dict[tuple[str, str], int]) -> float:
    """
    The unweighted mean over LABELS of each label's F1.
    """
    scores = []
    for label in LABELS:
        tp = confusion.get((label, label), 0)
        fp = sum(v for (g, p), v in confusion.items() if p == label and g != label)
        fn = sum(v for (g, p), v in confusion.items() if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _print_confusion(confusion: dict[tuple[str, str], int]) -> None:
    width = max(len(x) for x in LABELS) + 2
    corner = "gold \\ predicted"
    print(f"    {corner:<{width + 6}}" + "".join(f"{p:>{width}}" for p in LABELS))
    for gold in LABELS:
        cells = "".join(f"{confusion.get((gold, p), 0):>{width}}" for p in LABELS)
        print(f"    {gold:<{width + 6}}{cells}")


def main(argv: Iterable[str] | None = None) -> int:
    """
    Print retrieval and relation figures for one split; 0 also when the data is absent.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--only", choices=("en", "ar", "ans"), action="append",
                        help="run only these parts (repeatable)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    command = " ".join(["python", "bench/quality.py", *(sys.argv[1:] if argv is None
                                                          else list(argv))])
    print(f"# {command}")
    if not (EVAL / "pairs.jsonl").exists():
        print(f"skipped: evaluation data not found at {EVAL} (see bench/README.md)")
        return 0
    parts = args.only or ["en", "ar", "ans"]
    print(f"# split={args.split}, CANDIDATE_LIMIT={CANDIDATE_LIMIT}")
    for lang, prefix in (("en", "en-ct20"), ("ar", "ar-ct21")):
        if lang in parts:
            m = retrieval(prefix, args.split)
            print(f"{prefix} {args.split}: MAP@1 {m['MAP@1']:.3f}  MAP@5 {m['MAP@5']:.3f}  "
                  f"MRR {m['MRR']:.3f}  ({m['queries']:.0f} queries, {m['corpus']:.0f} "
                  f"claims, {m['seconds']:.1f} s)")
    if "ans" in parts:
        confusion, f1, n = relations(args.split)
        print(f"ar-ans {args.split}: macro-F1 {f1:.3f} ({n} pairs)")
        _print_confusion(confusion)
    return 0


if __name__ == "__main__":
    sys.exit(main())
