"""
Claim-extraction quality on the gold articles: recall, claimant and chain accuracy.

Run from the repository root:

    .venv/bin/python bench/extract_quality.py          # figures per article
    .venv/bin/python bench/extract_quality.py -v       # and every miss and wrong claimant

The gold lists and the measure (an extracted claim finds a gold one when their overlap
covers half of each span; pairs one to one) live in tests/extract_gold.py, shared with
tests/test_extract.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from extract_gold import ARTICLES, evaluate

from factreg.extract import MIN_CHECKWORTHINESS, extract_claims


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    print(f"threshold {MIN_CHECKWORTHINESS}")
    header = f"{'article':<16} {'gold':>4} {'found':>5} {'extr':>4} "
    print(header + f"{'recall':>7} {'claimant':>9} {'chain':>6} {'precision':>9}")
    for article in ARTICLES:
        text = article.read()
        if text is None:
            print(f"{article.name:<16} (article not found: {article.paths[0]})")
            continue
        extracted = extract_claims(text, publisher=article.publisher)
        s = evaluate(text, article.claims, extracted)
        print(
            f"{article.name:<16} {len(s.pairs):>4} {s.found:>5} {s.extracted:>4} "
            f"{s.recall:>7.2f} {s.claimant_accuracy:>9.2f} {s.chain_accuracy:>6.2f} "
            f"{s.precision:>9.2f}"
        )
        if verbose:
            for p in s.pairs:
                if p.found is None:
                    print(f"    missed: {p.gold.quote[:70]!r}")
                elif not p.chain_ok:
                    print(
                        f"    wrong chain: {p.found.attribution} (gold {p.gold.attribution}) "
                        f"for {p.gold.quote[:50]!r}"
                    )
            matched = {id(p.found) for p in s.pairs if p.found is not None}
            for c in extracted:
                if id(c) not in matched:
                    print(f"    extra ({c.checkworthiness:.2f}): {c.text[:70]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
