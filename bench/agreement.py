"""
Agreement between two annotators of the extraction gold: the human ceiling of the measure.

Run from the repository root:

    .venv/bin/python bench/agreement.py        # per article, per language
    .venv/bin/python bench/agreement.py -v     # and every disagreement

Annotator A wrote bench/gold/extract/NAME.json; annotator B wrote bench/gold/agreement/NAME.json
for a sample of the same dev articles, from NAME.txt alone and by the same rules
(bench/gold/README.md). B's claims are scored against A's with the measure of
bench/extract_quality.py (tests/extract_gold.py), as if B were the extractor: a claim of B
finds one of A when their overlap covers half of each span, one to one; recall is the share
of A's claims B also marked, precision the share of B's claims A also marked, claimant and
chain accuracy are over the claims found, exact (word by word) and loose ("~": folded, one
name holding the other). factreg's own scores against A on the same articles are printed
below for comparison. Held-out articles are refused: the sample is dev only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as a script, only bench/ is on the path: the shared gold lives in tests/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factreg.extract import ExtractedClaim, extract_claims
from tests.extract_gold import GoldArticle, Scores, evaluate, gold_span, load_gold_dir

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "bench" / "gold" / "extract"
SECOND = ROOT / "bench" / "gold" / "agreement"


def as_extracted(text: str, article: GoldArticle) -> list[ExtractedClaim]:
    """
    An annotator's gold claims in the shape the measure expects of extracted ones: the
    quote's span in the article, its claimant, chain and hedge mark.
    """
    out: list[ExtractedClaim] = []
    for claim in article.claims:
        start, end = gold_span(text, claim)
        out.append(
            ExtractedClaim(
                text=claim.quote,
                start=start,
                end=end,
                claimant=claim.claimant,
                attribution=claim.attribution,
                checkworthiness=1.0,
                lang=article.lang,
                hedged=claim.hedged,
            )
        )
    return out


def pairs_of_articles(first: Path, second: Path) -> list[tuple[GoldArticle, GoldArticle]]:
    """
    Each article of ``second`` with the same article of ``first``, by name.

    Raises:
        ValueError: an article of ``second`` is missing from ``first``, or is not dev.
    """
    by_name = {a.name: a for a in load_gold_dir(first)}
    out: list[tuple[GoldArticle, GoldArticle]] = []
    for b in load_gold_dir(second):
        a = by_name.get(b.name)
        if a is None:
            raise ValueError(f"{b.name}: no first annotation in {first}")
        if a.split != "dev" or b.split != "dev":
            raise ValueError(f"{b.name}: not a dev article; the agreement sample is dev only")
        out.append((a, b))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip())
    parser.add_argument("-v", "--verbose", action="store_true", help="list disagreements")
    parser.add_argument("--first", type=Path, default=FIRST, help="annotator A's gold folder")
    parser.add_argument("--second", type=Path, default=SECOND, help="annotator B's gold folder")
    args = parser.parse_args(argv)
    for folder in (args.first, args.second):
        if not folder.is_dir():
            print(f"error: {folder} is not a folder", file=sys.stderr)
            return 2
    try:
        articles = pairs_of_articles(args.first, args.second)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    human: dict[str, list[Scores]] = {}
    machine: dict[str, list[Scores]] = {}
    print("== annotator B against annotator A")
    print(_HEADER)
    for a, b in articles:
        text = a.read()
        if text is None:
            print(f"{a.name:<40} (article not found: {a.paths[0]})")
            continue
        marked = as_extracted(text, b)
        s = evaluate(text, a.claims, marked)
        _row(a.name, s)
        if args.verbose:
            _details(s, marked)
        human.setdefault(a.lang or "?", []).append(s)
    print("\n== factreg against annotator A (same articles)")
    print(_HEADER)
    for a, _ in articles:
        text = a.read()
        if text is None:
            continue
        s = evaluate(text, a.claims, extract_claims(text, publisher=a.publisher))
        _row(a.name, s)
        machine.setdefault(a.lang or "?", []).append(s)
    print("\n== per language (summed over articles)")
    print(_SUMMARY_HEADER)
    for label, totals in (("B vs A", human), ("factreg vs A", machine)):
        for lang, rows in sorted(totals.items()):
            _summary(f"{label} {lang} ({len(rows)})", rows)
        _summary(f"{label} all", [s for rows in totals.values() for s in rows])
    return 0


_HEADER = (
    f"{'article':<40} {'A':>3} {'found':>5} {'B':>3} "
    f"{'recall':>7} {'precision':>9} {'claimant':>9} {'chain':>6} {'claimant~':>10} {'chain~':>7}"
)
_SUMMARY_HEADER = (
    f"{'':<24} {'A':>4} {'found':>5} {'B':>4} {'recall':>7} {'precision':>9} "
    f"{'claimant':>9} {'chain':>6} {'claimant~':>10} {'chain~':>7}"
)


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def _row(name: str, s: Scores) -> None:
    print(
        f"{name:<40} {len(s.pairs):>3} {s.found:>5} {s.extracted:>3} "
        f"{s.recall:>7.2f} {s.precision:>9.2f} {s.claimant_accuracy:>9.2f} "
        f"{s.chain_accuracy:>6.2f} {_share(s.claimant_loose, s.found):>10.2f} "
        f"{_share(s.chain_loose, s.found):>7.2f}"
    )


def _summary(label: str, rows: list[Scores]) -> None:
    """One line of figures summed over articles (micro-averaged)."""
    gold = sum(len(s.pairs) for s in rows)
    found = sum(s.found for s in rows)
    extracted = sum(s.extracted for s in rows)
    claimant = sum(sum(p.claimant_ok for p in s.pairs) for s in rows)
    chain = sum(sum(p.chain_ok for p in s.pairs) for s in rows)
    print(
        f"{label:<24} {gold:>4} {found:>5} {extracted:>4} {_share(found, gold):>7.2f} "
        f"{_share(found, extracted):>9.2f} {_share(claimant, found):>9.2f} "
        f"{_share(chain, found):>6.2f} {_share(sum(s.claimant_loose for s in rows), found):>10.2f} "
        f"{_share(sum(s.chain_loose for s in rows), found):>7.2f}"
    )


def _details(s: Scores, marked: list[ExtractedClaim]) -> None:
    for p in s.pairs:
        if p.found is None:
            print(f"    only A: {p.gold.quote[:70]!r}")
        else:
            if p.found.text != p.gold.quote:
                print(f"    span: A {p.gold.quote[:60]!r}\n          B {p.found.text[:60]!r}")
            if not p.chain_ok:
                print(
                    f"    chain: B {p.found.attribution} / A {p.gold.attribution} "
                    f"for {p.gold.quote[:40]!r}"
                )
    matched = {id(p.found) for p in s.pairs if p.found is not None}
    for c in marked:
        if id(c) not in matched:
            print(f"    only B: {c.text[:70]!r}")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
