"""
Candidate index at scale: load a synthetic registry, then time and compare candidates.

    python bench/pg_index.py --db postgresql://…/bench --claims 1000000
    python bench/pg_index.py --db /tmp/bench.db --claims 100000 --compare postgresql://…

Claims are drawn from a Zipf-distributed vocabulary of Arabic- and Latin-script words
(deterministic for a seed); each query restates a registered claim (words dropped,
reordered, one replaced, sometimes one misspelt). Reported: load rate, candidate query
latency (p50/p95/p99), how often the restated claim is the first / in the top 50
candidates, and with ``--compare`` how far two stores' top-50 lists agree.
"""

from __future__ import annotations

import argparse
import bisect
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta, timezone
from itertools import accumulate

import factreg
from factreg.matching import CANDIDATE_LIMIT, query_terms
from factreg.model import Claim, Source
from factreg.store import Store, open_store

ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
LATIN = "abcdefghijklmnopqrstuvwxyz"
START = datetime(2020, 1, 1, tzinfo=timezone.utc)


class Corpus:
    """
    A deterministic synthetic corpus: a Zipf vocabulary and claims drawn from it.
    """

    def __init__(self, seed: int, vocabulary: int = 200_000) -> None:
        self.seed = seed
        rng = random.Random(seed)
        words: set[str] = set()
        while len(words) < vocabulary:
            alphabet = ARABIC if rng.random() < 0.6 else LATIN
            words.add("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 9))))
        self.words = sorted(words)
        rng.shuffle(self.words)
        self.cumulative = list(accumulate(1 / (rank + 2.7) ** 1.07 for rank in range(vocabulary)))

    def word(self, rng: random.Random) -> str:
        pick = rng.random() * self.cumulative[-1]
        return self.words[bisect.bisect_left(self.cumulative, pick)]

    def text(self, i: int) -> str:
        rng = random.Random(self.seed * 1_000_003 + i)
        return " ".join(self.word(rng) for _ in range(rng.randint(8, 24)))

    def claim(self, i: int) -> Claim:
        source = Source(url=f"https://news{i // 5000}.example/a/{i // 5}", publisher="Bench")
        at = START + timedelta(seconds=i)
        return Claim(id=f"b-{i:07d}", text=self.text(i), source=source, created_at=at)

    def restatement(self, i: int, rng: random.Random) -> str:
        words = self.text(i).split()
        kept = [w for w in words if rng.random() > 0.25] or words[:3]
        rng.shuffle(kept)
        kept[rng.randrange(len(kept))] = self.word(rng)
        if rng.random() < 0.3:
            j = rng.randrange(len(kept))
            if len(kept[j]) > 4:
                kept[j] = kept[j][:2] + kept[j][3:]  # one letter lost
        return " ".join(kept)


def load(target: str, corpus: Corpus, total: int, batch: int) -> None:
    with factreg.open(target, actor="bench") as reg:
        have = reg.stats()["claims"]
        if have >= total:
            print(f"{target}: {have:,} claims already")
            return
        started = time.perf_counter()
        for lo in range(have, total, batch):
            hi = min(total, lo + batch)
            reg.add_many((corpus.claim(i) for i in range(lo, hi)), match=False)
            rate = (hi - have) / (time.perf_counter() - started)
            print(f"\r{hi:,} claims, {rate:,.0f}/s", end="", flush=True)
        print(f"\nloaded {total - have:,} claims in {time.perf_counter() - started:,.1f} s")


def queries(corpus: Corpus, total: int, count: int) -> Iterator[tuple[str, str]]:
    rng = random.Random(corpus.seed + 7)
    for _ in range(count):
        i = rng.randrange(total)
        yield f"b-{i:07d}", corpus.restatement(i, rng)


def measure(store: Store, asked: Sequence[tuple[str, str]]) -> dict[str, list[str]]:
    times: list[float] = []
    first = top = 0
    found: dict[str, list[str]] = {}
    for wanted, text in asked:
        terms = query_terms(text)
        started = time.perf_counter()
        got = store.candidates(terms, CANDIDATE_LIMIT)
        times.append((time.perf_counter() - started) * 1000)
        ids = [c.claim.id for c in got]
        found[text] = ids
        first += bool(ids) and ids[0] == wanted
        top += wanted in ids
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(
        f"{store.url}: {len(times)} queries, candidates p50 {q[49]:.1f} ms, "
        f"p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, max {times[-1]:.1f} ms; restated claim "
        f"first {first / len(times):.1%}, in top {CANDIDATE_LIMIT} {top / len(times):.1%}"
    )
    return found


def compare(one: dict[str, list[str]], two: dict[str, list[str]]) -> None:
    overlap = [len(set(one[q]) & set(two[q])) / max(1, len(set(one[q]) | set(two[q]))) for q in one]
    top10 = [len(set(one[q][:10]) & set(two[q])) / max(1, len(one[q][:10])) for q in one]
    same_first = sum(bool(one[q]) and bool(two[q]) and one[q][0] == two[q][0] for q in one)
    print(
        f"agreement: top-{CANDIDATE_LIMIT} Jaccard mean {statistics.mean(overlap):.2f}; "
        f"first store's top 10 found in the second's top {CANDIDATE_LIMIT}: "
        f"{statistics.mean(top10):.1%}; same first candidate {same_first / len(one):.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--db", required=True, help="registry to load and query")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--batch", type=int, default=20_000, help="claims per transaction")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--compare", help="a second registry to load and compare with")
    parser.add_argument("--no-load", action="store_true", help="query what is there")
    args = parser.parse_args()
    corpus = Corpus(args.seed)
    targets = [args.db] + ([args.compare] if args.compare else [])
    if not args.no_load:
        for target in targets:
            load(target, corpus, args.claims, args.batch)
    asked = list(queries(corpus, args.claims, args.queries))
    results = []
    for target in targets:
        store = open_store(target, create=False)
        measure(store, asked[: min(20, len(asked))])  # warm the caches
        results.append(measure(store, asked))
        store.close()
    if len(results) == 2:
        compare(results[0], results[1])


if __name__ == "__main__":
    main()
