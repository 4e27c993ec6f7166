"""
Claim-extraction quality on the gold articles: recall, claimant and chain accuracy.

Run from the repository root:

    .venv/bin/python bench/extract_quality.py                # every figure
    .venv/bin/python bench/extract_quality.py --split dev    # real articles: dev only
    .venv/bin/python bench/extract_quality.py -v             # and every miss and error
    .venv/bin/python bench/extract_quality.py --gold DIR     # another gold folder

Two gold sets. The regression rows: the seed and the test articles, whose gold lists live
in tests/extract_gold.py. The real articles: NAME.txt + NAME.json pairs in bench/gold/extract/
(or --gold DIR; format: notes/gold-extract-spec.md), each marked "split": "dev" or
"heldout"; they are summed per language and split (--split dev|heldout|all, default all,
each split printed apart). The held-out split is the figure that counts: never tune on it.

The measure (tests/extract_gold.py, shared with tests/test_extract.py): an extracted claim
finds a gold one when their overlap covers half of each span; pairs one to one. Recall is
over gold claims, precision over extracted claims, claimant and chain accuracy over the
gold claims found. "exact" compares names word by word (case and punctuation aside);
"loose" folds them (case, Arabic letter forms, leading articles and clitics) and counts a
claimant right when one holds the other as whole words; a chain must have the gold length
with every source loosely right. "hedged" is the share of found gold claims whose hedge
mark agrees with the gold's.

A last line cross-checks the seed against claims/arabi21-haftar-cairo.jsonl, the claims
the lead registered from it independently: their texts are reworded, so a claim counts as
found when an extracted one holds 60 % of its words and is 40 % made of them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Run as a script, only bench/ is on the path: the shared gold lives in tests/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factreg.extract import MIN_CHECKWORTHINESS, ExtractedClaim, extract_claims
from factreg.normalize import tokens
from tests.extract_gold import ARTICLES, SEED, GoldArticle, Scores, evaluate, load_gold_dir

ROOT = Path(__file__).resolve().parent.parent
LEAD_CLAIMS = ROOT / "claims" / "arabi21-haftar-cairo.jsonl"
GOLD = ROOT / "bench" / "gold" / "extract"
SPLITS = ("dev", "heldout")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip())
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of real gold articles")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    args = parser.parse_args(argv)
    print(f"threshold {MIN_CHECKWORTHINESS}")
    print(_HEADER)
    for article in ARTICLES:
        _article_row(article, args.verbose)
    _cross_check(args.verbose)
    if not args.gold.is_dir():
        print(f"(no real gold articles: {args.gold} is not a folder)")
        return 0
    gold = load_gold_dir(args.gold)
    for split in SPLITS if args.split == "all" else (args.split,):
        print(f"\n== {split} ({args.gold})")
        print(_HEADER)
        totals: dict[str, list[Scores]] = {}
        for article in (a for a in gold if a.split == split):
            scores = _article_row(article, args.verbose)
            if scores is not None:
                totals.setdefault(article.lang or "?", []).append(scores)
        print(_SUMMARY_HEADER)
        for lang, rows in sorted(totals.items()):
            _summary(f"{split} {lang} ({len(rows)})", rows)
    return 0


_HEADER = (
    f"{'article':<40} {'gold':>4} {'found':>5} {'extr':>4} "
    f"{'recall':>7} {'claimant':>9} {'chain':>6} {'precision':>9}"
)
_SUMMARY_HEADER = (
    f"{'':<20} {'gold':>4} {'found':>5} {'extr':>4} {'recall':>7} {'precision':>9} "
    f"{'claimant':>9} {'chain':>6} {'claimant~':>10} {'chain~':>7} {'hedged':>7}"
)


def _article_row(article: GoldArticle, verbose: bool) -> Scores | None:
    text = article.read()
    if text is None:
        print(f"{article.name:<40} (article not found: {article.paths[0]})")
        return None
    extracted = extract_claims(text, publisher=article.publisher)
    s = evaluate(text, article.claims, extracted)
    print(
        f"{article.name:<40} {len(s.pairs):>4} {s.found:>5} {s.extracted:>4} "
        f"{s.recall:>7.2f} {s.claimant_accuracy:>9.2f} {s.chain_accuracy:>6.2f} "
        f"{s.precision:>9.2f}"
    )
    if verbose:
        _details(s, extracted)
    return s


def _details(s: Scores, extracted: list[ExtractedClaim]) -> None:
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


def _summary(label: str, rows: list[Scores]) -> None:
    """One line of figures summed over articles (micro-averaged)."""
    gold = sum(len(s.pairs) for s in rows)
    found = sum(s.found for s in rows)
    extracted = sum(s.extracted for s in rows)
    claimant = sum(sum(p.claimant_ok for p in s.pairs) for s in rows)
    chain = sum(sum(p.chain_ok for p in s.pairs) for s in rows)
    claimant_loose = sum(s.claimant_loose for s in rows)
    chain_loose = sum(s.chain_loose for s in rows)
    hedged = sum(
        sum(p.found is not None and p.found.hedged == p.gold.hedged for p in s.pairs) for s in rows
    )

    def share(n: int, d: int) -> float:
        return n / d if d else 0.0

    print(
        f"{label:<20} {gold:>4} {found:>5} {extracted:>4} {share(found, gold):>7.2f} "
        f"{share(found, extracted):>9.2f} {share(claimant, found):>9.2f} "
        f"{share(chain, found):>6.2f} {share(claimant_loose, found):>10.2f} "
        f"{share(chain_loose, found):>7.2f} {share(hedged, found):>7.2f}"
    )


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
        f"{'seed vs lead':<40} {len(rows):>4} {found:>5} {len(extracted):>4} "
        f"{found / len(rows):>7.2f} {claimant / max(1, found):>9.2f} "
        f"{chain / max(1, found):>6.2f} {found / max(1, len(extracted)):>9.2f}"
    )
    if verbose:
        for i, row in enumerate(rows):
            if i not in pairs:
                print(f"    missed: {row['id']} {row['text'][:70]!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
