"""
Claim-extraction quality on the gold articles: recall, claimant and chain accuracy.

Run from the repository root:

    .venv/bin/python bench/extract_quality.py          # figures per article
    .venv/bin/python bench/extract_quality.py -v       # and every miss and wrong claimant

The gold lists and the measure (an extracted claim finds a gold one when their overlap
covers half of each span; pairs one to one) live in tests/extract_gold.py, shared with
tests/test_extract.py.

A last line cross-checks the seed against claims/arabi21-haftar-cairo.jsonl, the claims
the lead registered from it independently: their texts are reworded, so a claim counts as
found when an extracted one holds 60 % of its words and is 40 % made of them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Run as a script, only bench/ is on the path: the shared gold lives in tests/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factreg.extract import MIN_CHECKWORTHINESS, ExtractedClaim, extract_claims
from factreg.normalize import tokens
from tests.extract_gold import ARTICLES, SEED, evaluate

ROOT = Path(__file__).resolve().parent.parent
LEAD_CLAIMS = ROOT / "claims" / "arabi21-haftar-cairo.jsonl"


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
    _cross_check(verbose)
    return 0


def _cross_check(verbose: bool) -> None:
    text = SEED.read()
    if text is None or not LEAD_CLAIMS.is_file():
        return
    rows = [json.loads(line) for line in LEAD_CLAIMS.read_text(encoding="utf-8").splitlines()]
    extracted = extract_claims(text, publisher=SEED.publisher)
    options: list[tuple[float, int, int]] = []
    for i, row in enumerate(rows):
        theirs = set(tokens(row["text"]))
        for j, claim in enumerate(extracted):
            ours = set(tokens(claim.text))
            common = len(theirs & ours)
            if common >= 0.6 * len(theirs) and common >= 0.4 * len(ours):
                options.append((min(common / len(theirs), common / len(ours)), i, j))
    pairs: dict[int, ExtractedClaim] = {}
    used: set[int] = set()
    for _, i, j in sorted(options, reverse=True):
        if i not in pairs and j not in used:
            pairs[i] = extracted[j]
            used.add(j)
    claimant = sum(pairs[i].claimant == row["claimant"] for i, row in enumerate(rows) if i in pairs)
    chain = sum(
        pairs[i].attribution == tuple(row["attribution"])
        for i, row in enumerate(rows)
        if i in pairs
    )
    found = len(pairs)
    print(
        f"{'seed vs lead':<16} {len(rows):>4} {found:>5} {len(extracted):>4} "
        f"{found / len(rows):>7.2f} {claimant / max(1, found):>9.2f} "
        f"{chain / max(1, found):>6.2f} {found / max(1, len(extracted)):>9.2f}"
    )
    if verbose:
        for i, row in enumerate(rows):
            if i not in pairs:
                print(f"    missed: {row['id']} {row['text'][:70]!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
