"""
Matching quality on public third-party data: retrieval MAP/MRR and relation macro-F1.

Run from the repository root::

    .venv/bin/python bench/quality.py                 # dev splits: the figures to report
    .venv/bin/python bench/quality.py --split train   # what the thresholds were tuned on
    .venv/bin/python bench/quality.py --only speed    # normalize µs per claim
    .venv/bin/python bench/quality.py --semantic      # with the semantic extra

With ``--semantic`` (the extra installed) the retrieval runs on a registry with claim
vectors, lexical matches re-ranked by fusion; ``--only fusion`` shows the fusion grid
(choose on ``--split train``), ``--only parallel`` cross-lingual recall on
``bench/gold/parallel`` (its own dev/heldout split, with 1,000 CheckThat! claims per
language as distractors when the eval data is there), ``--only cost`` the time and
database bytes the vectors add per claim.

The data is read from ``../shared/eval/`` relative to the repository root; it is never
copied into the project (see that folder's README for licences and provenance). When
it is absent the data parts print a message and the script exits 0.

Retrieval (CheckThat! 2020 English, 2021 Arabic): every fact-checked claim of a prefix
is imported into a fresh SQLite registry (``add_many(match=False)``), then each tweet
of the split is matched with ``Registry.match`` (see :func:`_retrieve`). MAP@k follows
the CheckThat! convention: the sum of precision at each relevant hit in the top k,
divided by the number of relevant claims. MRR is over the whole ranked list ``match``
returns (up to ``CANDIDATE_LIMIT`` claims above the reporting cutoff).

Relation (ANS, Khouja 2020): the second headline of every pair is imported as a claim;
each first headline is matched and the pair's claim looked up among the results. Gold
labels map to relations as: same -> SAME, contradicts -> CONFLICT, unrelated -> RELATED
or no match at all (not among the candidates, or fused score below
``match.RELATED_SCORE``).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
import timeit
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import factreg
from factreg import facts, normalize
from factreg.matching import (
    CANDIDATE_LIMIT,
    QUEUE_OVERLAP,
    Candidate,
    query_terms,
    rank,
    weighted_overlap,
)
from factreg.model import Claim, Match, Relation, Source

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT / "claims" / "seed-article.txt"

#: The ANS labels, and which of them each relation counts as.
LABELS = ("same", "contradicts", "unrelated")
_LABEL_OF = {Relation.SAME: "same", Relation.CONFLICT: "contradicts", Relation.RELATED: "unrelated"}
_PUBLISHED = re.compile(r"ar-ans-(?:train|dev)-\d+")
_CORPUS_PREFIX = {"en-ct20": "en-ct20-v", "ar-ct21": "ar-ct21-vclaim-"}

Retriever = Callable[[Sequence[tuple[str, str]], Sequence[str], int], list[list[Match]]]


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


#: Whether retrieval opens registries with the semantic extra (``--semantic``).
SEMANTIC = False


def _retrieve(
    corpus: Sequence[tuple[str, str]], queries: Sequence[str], k: int
) -> list[list[Match]]:
    """
    Match every query against ``corpus`` ((id, text) pairs) through a real Registry.

    A fresh SQLite registry in a temporary directory: ``add_many(claims, match=False)``
    then ``match(text, limit=k)`` per query, i.e. the store's FTS5 candidates (the OR
    of ``query_terms``, very common terms dropped, best ``CANDIDATE_LIMIT`` by bm25)
    rescored by ``matching.rank`` with its default cutoff.
    """
    # Every corpus row is its own article: a Source per claim keeps rows with the same
    # text apart (the registry skips a text it already holds from the same source).
    claims = [
        Claim(text=text, id=claim_id, source=Source(url=f"urn:bench:{claim_id}"))
        for claim_id, text in corpus
    ]
    with (
        tempfile.TemporaryDirectory(prefix="factreg-bench-") as tmp,
        factreg.open(Path(tmp) / "bench.db", actor="bench", semantic=SEMANTIC) as registry,
    ):
        registry.add_many(claims, match=False)
        return [registry.match(text, limit=k) for text in queries]


def _retrieve_mirror(
    corpus: Sequence[tuple[str, str]], queries: Sequence[str], k: int
) -> list[list[Match]]:
    """
    The store's candidate query over a bare in-memory FTS5 table (``--mirror``).

    Same table, same query, same ``rank``; only the store's dropping of very common
    terms is missing, which shows what that filter costs.
    """
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE claims (rowid INTEGER PRIMARY KEY, terms TEXT NOT NULL)")
    db.execute(
        "CREATE VIRTUAL TABLE claim_fts USING fts5(terms, content='claims', "
        "content_rowid='rowid', tokenize='ascii', detail=none)"
    )
    claims = [Claim(text=text, id=claim_id) for claim_id, text in corpus]
    terms = [normalize.index_text(c.text) for c in claims]
    db.executemany("INSERT INTO claims (rowid, terms) VALUES (?, ?)", enumerate(terms))
    db.execute("INSERT INTO claim_fts (claim_fts) VALUES ('rebuild')")
    results: list[list[Match]] = []
    for text in queries:
        words = query_terms(text)
        rows = (
            db.execute(
                "SELECT rowid, -bm25(claim_fts) FROM claim_fts WHERE claim_fts MATCH ? "
                "ORDER BY rank LIMIT ?",
                (" OR ".join(f'"{w}"' for w in words), CANDIDATE_LIMIT),
            ).fetchall()
            if words
            else []
        )
        candidates = [Candidate(claims[i], terms[i], score) for i, score in rows]
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


def retrieval(prefix: str, split: str, retrieve: Retriever = _retrieve) -> dict[str, float]:
    """
    MAP@1, MAP@5 and MRR of the tweets ``<prefix>-<split>-…`` against their corpus.
    """
    corpus = [
        (str(r["id"]), str(r["text"]))
        for r in _read_jsonl(EVAL / "retrieval_corpus.jsonl")
        if str(r["id"]).startswith(_CORPUS_PREFIX[prefix])
    ]
    rows = [
        r
        for r in _read_jsonl(EVAL / "retrieval.jsonl")
        if str(r["id"]).startswith(f"{prefix}-{split}-")
    ]
    started = time.perf_counter()
    results = retrieve(corpus, [str(r["query"]) for r in rows], CANDIDATE_LIMIT)
    elapsed = time.perf_counter() - started
    map1 = map5 = mrr = 0.0
    for row, matches in zip(rows, results, strict=True):
        relevant = {str(x) for x in row["relevant_ids"]}
        ranked = [m.claim_id for m in matches]
        map1 += _average_precision(ranked, relevant, 1)
        map5 += _average_precision(ranked, relevant, 5)
        mrr += _reciprocal_rank(ranked, relevant)
    n = len(rows) or 1
    return {
        "queries": len(rows),
        "corpus": len(corpus),
        "MAP@1": map1 / n,
        "MAP@5": map5 / n,
        "MRR": mrr / n,
        "seconds": elapsed,
    }


def relations(
    split: str, retrieve: Retriever = _retrieve, *, published: bool = True
) -> tuple[Counter[tuple[str, str]], int]:
    """
    The confusion counts (gold label, predicted label) on the ANS ``split`` pairs.

    With ``published`` (the default) only the pairs as ANS published them
    (``ar-ans-<split>-N``) are counted, not the derived "unrelated" ones; every pair's
    second headline is in the corpus all the same, as a distractor.
    """
    every = [
        r for r in _read_jsonl(EVAL / "pairs.jsonl") if str(r["id"]).startswith(f"ar-ans-{split}-")
    ]
    rows = [r for r in every if not published or _PUBLISHED.fullmatch(str(r["id"]))]
    texts = list(dict.fromkeys(str(r["candidate"]) for r in every))
    ids = {text: f"ans{i}" for i, text in enumerate(texts)}
    queries = list(dict.fromkeys(str(r["query"]) for r in rows))
    found = retrieve([(ids[t], t) for t in texts], queries, CANDIDATE_LIMIT)
    results = dict(zip(queries, found, strict=True))
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        wanted = ids[str(row["candidate"])]
        match = next((m for m in results[str(row["query"])] if m.claim_id == wanted), None)
        predicted = _LABEL_OF[match.relation] if match else "unrelated"
        confusion[(str(row["label"]), predicted)] += 1
    return confusion, len(rows)


def queue_load(split: str) -> dict[str, float]:
    """
    How the review queue fills, and what its gate lets through.

    The Arabic fact-checked claims (``ar-ct21-vclaim-*``, distinct claims, so nearly
    every suggested pair is a false alarm) are added one by one with matching, each
    from an article of its own: pairs queued per claim. Then the share of ANS ``split``
    headline pairs ("same", "contradicts": one story each) whose weighted overlap, with
    term statistics from that registry, reaches ``matching.QUEUE_OVERLAP``.
    """
    rows = [
        r
        for r in _read_jsonl(EVAL / "retrieval_corpus.jsonl")
        if str(r["id"]).startswith("ar-ct21-vclaim-")
    ]
    with tempfile.TemporaryDirectory() as tmp, factreg.open(Path(tmp) / "q.db") as reg:
        started = time.perf_counter()
        report = reg.add_many(
            [
                Claim.new(str(r["text"]), source=Source(url=f"urn:bench:{i}"))
                for i, r in enumerate(rows)
            ],
            match=True,
        )
        seconds = time.perf_counter() - started
        figures = {
            "claims": len(rows),
            "linked": report.linked,
            "suggested": report.suggested,
            "seconds": seconds,
        }
        pairs = [
            r
            for r in _read_jsonl(EVAL / "pairs.jsonl")
            if str(r["id"]).startswith(f"ar-ans-{split}-") and r["label"] in ("same", "contradicts")
        ]
        terms = {t: normalize.index_text(t) for r in pairs for t in (r["query"], r["candidate"])}
        total, df = reg.store.document_frequencies(
            {w for text in terms.values() for w in text.split()}
        )
        for label in ("same", "contradicts"):
            chosen = [r for r in pairs if r["label"] == label]
            passed = sum(
                weighted_overlap(terms[r["query"]], terms[r["candidate"]], df, total)
                >= QUEUE_OVERLAP
                for r in chosen
            )
            figures[label] = passed / len(chosen)
    return figures


# -- the semantic extra -----------------------------------------------------------------

PARALLEL = ROOT / "bench" / "gold" / "parallel" / "pairs.jsonl"
#: Reciprocal-rank fusion grid: FUSION_K, then EMBEDDING_WEIGHT.
FUSION_KS = (5.0, 10.0, 20.0, 30.0, 60.0)
FUSION_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
#: CheckThat! claims per language added to the parallel set's pool as distractors.
DISTRACTORS = 1_000


def _fused(lexical: Sequence[str], sims: Sequence[float | None], k: float, w: float) -> list[str]:
    """
    ``lexical`` re-ordered as ``SemanticLayer.rerank`` does, for fusion parameters k, w.
    """
    by_embedding = sorted(
        (i for i, x in enumerate(sims) if x is not None), key=lambda i: -(sims[i] or 0.0)
    )
    erank = {i: r for r, i in enumerate(by_embedding, start=1)}
    score = [
        1.0 / (k + i + 1) + (w / (k + erank[i]) if i in erank else 0.0) for i in range(len(lexical))
    ]
    return [lexical[i] for i in sorted(range(len(lexical)), key=lambda i: -score[i])]


def fusion_grid(prefix: str, split: str) -> dict[str, Any]:
    """
    MAP@5 of every (FUSION_K, EMBEDDING_WEIGHT) of the grid on the ``split`` tweets, and
    of the embedding alone over the whole corpus (brute force).

    The lexical ranking is ``Registry.match`` with the extra off (up to
    ``CANDIDATE_LIMIT`` matches); the similarities come from the same registry's vectors.
    """
    import numpy as np

    from factreg import semantic

    corpus = [
        (str(r["id"]), str(r["text"]))
        for r in _read_jsonl(EVAL / "retrieval_corpus.jsonl")
        if str(r["id"]).startswith(_CORPUS_PREFIX[prefix])
    ]
    rows = [
        r
        for r in _read_jsonl(EVAL / "retrieval.jsonl")
        if str(r["id"]).startswith(f"{prefix}-{split}-")
    ]
    claims = [
        Claim(text=text, id=claim_id, source=Source(url=f"urn:bench:{claim_id}"))
        for claim_id, text in corpus
    ]
    with (
        tempfile.TemporaryDirectory(prefix="factreg-bench-") as tmp,
        factreg.open(Path(tmp) / "bench.db", actor="bench", semantic=True) as registry,
    ):
        registry.add_many(claims, match=False)
        layer = semantic.attach(registry.store, True)
        assert layer is not None
        queries = [str(r["query"]) for r in rows]
        vectors = layer.encoder.encode(queries)
        lexical = [
            [m.claim_id for m in registry.match(q, limit=CANDIDATE_LIMIT, semantic=False)]
            for q in queries
        ]
        sims = [layer.similarities(v, ids) for v, ids in zip(vectors, lexical, strict=True)]
        ids = [i for i, _ in corpus]
        matrix = np.stack([layer.vector_of("", i) for i in ids])
        alone = [[ids[j] for j in np.argsort(-(matrix @ v))[:5].tolist()] for v in vectors]
    relevant = [{str(x) for x in r["relevant_ids"]} for r in rows]
    n = len(rows) or 1

    def map5(rankings: Sequence[Sequence[str]]) -> float:
        return sum(_average_precision(r, g, 5) for r, g in zip(rankings, relevant, strict=True)) / n

    grid = {
        (k, w): map5([_fused(lex, sim, k, w) for lex, sim in zip(lexical, sims, strict=True)])
        for k in FUSION_KS
        for w in FUSION_WEIGHTS
    }
    return {"grid": grid, "lexical": map5(lexical), "embedding": map5(alone), "queries": n}


def parallel(*, distractors: int = DISTRACTORS) -> dict[str, Any]:
    """
    Cross-lingual retrieval on bench/gold/parallel: each side's claim searched among every
    claim in the other language (all 53 of the set, plus ``distractors`` CheckThat!
    claims of that language when the eval data is there), by embedding alone, as the
    cross-language pass ranks them. Recall@1 and @5 per direction and split, and the
    similarities of true pairs and of the best wrong candidate (dev only, for the
    threshold).
    """
    from factreg import semantic

    pairs = _read_jsonl(PARALLEL)
    extra: dict[str, list[str]] = {"ar": [], "en": []}
    if (EVAL / "retrieval_corpus.jsonl").exists() and distractors:
        corpus = _read_jsonl(EVAL / "retrieval_corpus.jsonl")
        for lang, prefix in (("en", "en-ct20-v"), ("ar", "ar-ct21-vclaim-")):
            extra[lang] = [str(r["text"]) for r in corpus if str(r["id"]).startswith(prefix)][
                :distractors
            ]
    claims = [
        Claim(
            text=str(p[lang]),
            id=f"{p['id']}-{lang}",
            lang=lang,
            source=Source(url=str(p[f"{lang}_url"])),
        )
        for p in pairs
        for lang in ("ar", "en")
    ]
    claims += [
        Claim(text=t, id=f"x-{lang}-{i}", lang=lang, source=Source(url=f"urn:bench:x-{lang}-{i}"))
        for lang, texts in extra.items()
        for i, t in enumerate(texts)
    ]
    found: dict[tuple[str, str], list[tuple[str, float]]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="factreg-bench-") as tmp,
        factreg.open(Path(tmp) / "par.db", actor="bench", semantic=True) as registry,
    ):
        registry.add_many(claims, match=False)
        layer = semantic.attach(registry.store, True)
        assert layer is not None
        for p in pairs:
            for lang in ("ar", "en"):
                hits = layer.across(
                    str(p[lang]), lang, claim_id=f"{p['id']}-{lang}", limit=5, min_similarity=-1.0
                )
                found[(str(p["id"]), lang)] = [(m.claim_id, m.score / 100) for m in hits]
    figures: dict[str, Any] = {"pool": {k: len(v) + len(pairs) for k, v in extra.items()}}
    for split in ("dev", "heldout"):
        chosen = [p for p in pairs if p["split"] == split]
        for lang, other in (("ar", "en"), ("en", "ar")):
            ranks = []
            for p in chosen:
                ids = [i for i, _ in found[(str(p["id"]), lang)]]
                want = f"{p['id']}-{other}"
                ranks.append(ids.index(want) + 1 if want in ids else 99)
            figures[f"{split} {lang}->{other}"] = (
                sum(r == 1 for r in ranks) / len(ranks),
                sum(r <= 5 for r in ranks) / len(ranks),
                len(ranks),
            )
    true_sims: list[float] = []
    wrong_sims: list[float] = []
    for p in pairs:
        if p["split"] != "dev":
            continue
        for lang, other in (("ar", "en"), ("en", "ar")):
            want = f"{p['id']}-{other}"
            ranked = found[(str(p["id"]), lang)]
            true_sims += [sim for cid, sim in ranked if cid == want]
            wrong_sims += [sim for cid, sim in ranked if cid != want][:1]
    figures["dev true similarities"] = sorted(true_sims)
    figures["dev best wrong similarities"] = sorted(wrong_sims)
    return figures


def semantic_cost(n: int = 2_000) -> dict[str, float]:
    """
    Per claim: seconds to add with and without vectors (``add_many``, no matching; one
    claim at a time with matching), and database bytes the vectors add.
    """
    texts = [str(r["text"]) for r in _read_jsonl(EVAL / "retrieval_corpus.jsonl")][:n]
    figures: dict[str, float] = {"claims": len(texts)}
    for name, on in (("lexical", False), ("semantic", True)):
        with tempfile.TemporaryDirectory(prefix="factreg-bench-") as tmp:
            path = Path(tmp) / "c.db"
            with factreg.open(path, actor="bench", semantic=on) as reg:
                claims = [
                    Claim(text=t, id=f"c{i}", source=Source(url=f"urn:bench:{i}"))
                    for i, t in enumerate(texts)
                ]
                if on:
                    reg.match("warm the encoder up")
                started = time.perf_counter()
                reg.add_many(claims, match=False)
                figures[f"{name} bulk s/claim"] = (time.perf_counter() - started) / len(texts)
                started = time.perf_counter()
                for i, t in enumerate(texts[:200]):
                    reg.add(t + " (again)", source=Source(url=f"urn:bench:m{i}"))
                figures[f"{name} add+match s/claim"] = (time.perf_counter() - started) / 200
                started = time.perf_counter()
                for t in texts[:200]:
                    reg.match(t)
                figures[f"{name} match s/query"] = (time.perf_counter() - started) / 200
            with sqlite3.connect(path) as db:
                db.execute("VACUUM")
            figures[f"{name} bytes/claim"] = path.stat().st_size / (len(texts) + 200)
    return figures


def macro_f1(confusion: Counter[tuple[str, str]]) -> float:
    """
    The unweighted mean over :data:`LABELS` of each label's F1.
    """
    scores = []
    for label in LABELS:
        tp = confusion[(label, label)]
        fp = sum(v for (g, p), v in confusion.items() if p == label and g != label)
        fn = sum(v for (g, p), v in confusion.items() if g == label and p != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def relation_rates(confusion: Counter[tuple[str, str]]) -> dict[str, float]:
    """
    What a reviewer lives with: the share of gold contradictions called "same" (false
    merges), and the recall of contradictions and of restatements.
    """

    def share(gold: str, predicted: str) -> float:
        total = sum(v for (g, _), v in confusion.items() if g == gold)
        return confusion[(gold, predicted)] / total if total else 0.0

    return {
        "false_merge": share("contradicts", "same"),
        "contradiction_recall": share("contradicts", "contradicts"),
        "same_recall": share("same", "same"),
    }


def _print_confusion(confusion: Counter[tuple[str, str]]) -> None:
    width = max(len(x) for x in LABELS) + 2
    corner = "gold \\ predicted"
    print(f"    {corner:<{width + 6}}" + "".join(f"{p:>{width}}" for p in LABELS))
    for gold in LABELS:
        cells = "".join(f"{confusion[(gold, p)]:>{width}}" for p in LABELS)
        print(f"    {gold:<{width + 6}}{cells}")


def speed() -> dict[str, float]:
    """
    Microseconds per call of fold, index_text, query_terms and facts on ~150-character
    claims cut from the seed article (best of 5 runs; facts with its own cache cleared;
    index_text also with the stem caches cleared).
    """
    words = SEED.read_text(encoding="utf-8").split()
    claims: list[str] = []
    current: list[str] = []
    for word in words:
        if len(" ".join([*current, word])) > 150:
            claims.append(" ".join(current))
            current = []
        current.append(word)

    def best_us(run: Callable[[], object], number: int) -> float:
        return min(timeit.repeat(run, number=number, repeat=5)) / number / len(claims) * 1e6

    def each(fn: Callable[[str], object]) -> Callable[[], object]:
        return lambda: [fn(claim) for claim in claims]

    def facts_uncached() -> None:
        facts.facts.cache_clear()
        for claim in claims:
            facts.facts(claim)

    def index_cold() -> None:
        # every word seen for the first time: the stem and word-terms caches start empty
        for cache in (normalize._arabic_stem, normalize._arabic_terms, normalize._english_stem):
            cache.cache_clear()
        normalize._WORD_TERMS.clear()
        for claim in claims:
            normalize.index_text(claim)

    timings: dict[str, float] = {"claims": len(claims)}
    timings["fold"] = best_us(each(normalize.fold), 50)
    timings["index_text"] = best_us(each(normalize.index_text), 50)
    timings["query_terms"] = best_us(each(query_terms), 50)
    timings["facts"] = best_us(facts_uncached, 20)
    timings["index_text_cold"] = best_us(index_cold, 20)
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    """
    Print the figures for the chosen split and parts; 0 also when the data is absent.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument(
        "--only",
        choices=("en", "ar", "ans", "queue", "speed", "fusion", "parallel", "cost"),
        action="append",
        help="run only this part (repeatable); default: all",
    )
    parser.add_argument(
        "--mirror",
        action="store_true",
        help="retrieve from a bare FTS5 table instead of a Registry",
    )
    parser.add_argument(
        "--semantic",
        action="store_true",
        help="registries with the semantic extra (claim vectors, fusion re-ranking)",
    )
    args = parser.parse_args(argv)
    shown = list(argv) if argv is not None else sys.argv[1:]
    print(" ".join(["# .venv/bin/python bench/quality.py", *shown]))
    global SEMANTIC
    SEMANTIC = args.semantic
    parts = args.only or ["en", "ar", "ans", "queue", "speed"]
    if args.semantic and not args.only:
        parts += ["parallel"]
    if "fusion" in parts:
        for prefix in ("en-ct20", "ar-ct21"):
            f = fusion_grid(prefix, args.split)
            best = max(f["grid"].items(), key=lambda kv: kv[1])
            print(
                f"{prefix} {args.split} MAP@5 ({f['queries']} queries): lexical "
                f"{f['lexical']:.3f}, embedding alone {f['embedding']:.3f}, best fusion "
                f"{best[1]:.3f} at FUSION_K={best[0][0]:g} EMBEDDING_WEIGHT={best[0][1]:g}"
            )
            for k in FUSION_KS:
                cells = "  ".join(f"w{w:g}:{f['grid'][(k, w)]:.3f}" for w in FUSION_WEIGHTS)
                print(f"    K={k:<4g} {cells}")
    if "parallel" in parts:
        p = parallel()
        print(
            f"parallel (bench/gold/parallel, pool: {p['pool']['ar']} Arabic and "
            f"{p['pool']['en']} English claims), recall@1 / @5 by embedding:"
        )
        for key, value in p.items():
            if " " in key and "->" in key:
                print(f"    {key}: {value[0]:.3f} / {value[1]:.3f} ({value[2]} queries)")
        true, wrong = p["dev true similarities"], p["dev best wrong similarities"]
        t10, tmid = true[len(true) // 10], true[len(true) // 2]
        wmid, w90 = wrong[len(wrong) // 2], wrong[len(wrong) * 9 // 10]
        print(
            f"    dev similarity of true pairs: min {true[0]:.2f}, 10th pct {t10:.2f}, "
            f"median {tmid:.2f}; of the best wrong candidate: median {wmid:.2f}, "
            f"90th pct {w90:.2f}, max {wrong[-1]:.2f}"
        )
    if "cost" in parts:
        c = semantic_cost()
        print(f"cost ({c['claims']:.0f} CheckThat! claims):")
        for key, value in c.items():
            if key != "claims":
                shown_value = f"{value * 1000:.2f} ms" if " s/" in key else f"{value:.0f}"
                print(f"    {key}: {shown_value}")
    retrieve: Retriever = _retrieve_mirror if args.mirror else _retrieve
    if any(p in ("en", "ar", "ans", "queue") for p in parts):
        if not (EVAL / "pairs.jsonl").exists():
            print(f"skipped the quality figures: no evaluation data at {EVAL}")
        else:
            print(
                f"# split={args.split}, retrieval={'mirror' if args.mirror else 'Registry'}"
                f", CANDIDATE_LIMIT={CANDIDATE_LIMIT}"
            )
            for prefix in ("en-ct20", "ar-ct21"):
                if prefix[:2] in parts:
                    m = retrieval(prefix, args.split, retrieve)
                    print(
                        f"{prefix} {args.split}: MAP@1 {m['MAP@1']:.3f}  "
                        f"MAP@5 {m['MAP@5']:.3f}  MRR {m['MRR']:.3f}  ({m['queries']:.0f} "
                        f"queries, {m['corpus']:.0f} claims, {m['seconds']:.1f} s)"
                    )
            if "ans" in parts:
                confusion, n = relations(args.split, retrieve)
                r = relation_rates(confusion)
                print(
                    f"ar-ans {args.split} (as published, {n} pairs): false-merge "
                    f"{r['false_merge']:.3f}  contradiction recall "
                    f"{r['contradiction_recall']:.3f}  same recall {r['same_recall']:.3f}  "
                    f"macro-F1 {macro_f1(confusion):.3f}"
                )
                _print_confusion(confusion)
            if "queue" in parts:
                q = queue_load(args.split)
                print(
                    f"queue: {q['claims']:.0f} ar-ct21 claims added with matching in "
                    f"{q['seconds']:.0f} s: {q['suggested']:.0f} pairs queued "
                    f"({q['suggested'] / q['claims']:.2f} a claim), {q['linked']:.0f} joined; "
                    f"QUEUE_OVERLAP {QUEUE_OVERLAP} passes {q['same']:.0%} of ANS "
                    f"{args.split} 'same' and {q['contradicts']:.0%} of 'contradicts' pairs"
                )
    if "speed" in parts:
        t = speed()
        print(
            f"normalize, µs per ~150-character claim ({t['claims']:.0f} seed claims, best "
            f"of 5): fold {t['fold']:.1f}, index_text {t['index_text']:.1f} (cold stem "
            f"caches {t['index_text_cold']:.1f}), query_terms {t['query_terms']:.1f}, "
            f"facts {t['facts']:.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
