"""
How many published textual ratings leave their claim unverified (issue #16).

Runs factreg's label reading (``factreg.claimreview.status_for_label``: the built-in
table, then the first sentence, then the verdict words) over a list of real labels, and
prints, among the labels that contain a verdict word, the share left unverified, how
many are read as the list expects, and the share left unverified among all the labels the
list expects a verdict for (whether factreg finds a verdict word in them or not), then
the per-label report: each label left unverified, each label read otherwise than the
list expects, and the labels with no verdict word at all.

    .venv/bin/python bench/claimreview_labels.py                       # bench/data list
    .venv/bin/python bench/claimreview_labels.py --list bench/data/claimreview-labels-dev2.tsv
    .venv/bin/python bench/claimreview_labels.py --feed feeds/*.json   # reviews of feeds

With ``--feed``, every review of the given ClaimReview feeds (any shape factreg reads,
read with ``skip_invalid``) counts once, so a label counts as often as it is used.
The first line of the output is the command that produced it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from factreg.claimreview import read_feeds
from factreg.claimreview.ratings import LabelReader
from factreg.model import Status
from factreg.normalize import fold

DATA = Path(__file__).resolve().parent / "data" / "claimreview-labels.tsv"


def _listed(path: Path) -> list[tuple[str, str, str]]:
    """
    (label, source, expected) rows of a label list, each folded label once.
    """
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        label, source, expected = line.split("\t")
        if fold(label) not in seen:
            seen.add(fold(label))
            rows.append((label.strip(), source, expected))
    return rows


def _from_feeds(paths: list[str]) -> list[tuple[str, str, str]]:
    feed = read_feeds(paths, skip_invalid=True)
    rows: list[tuple[str, str, str]] = []
    for item in feed.items:
        for fc in item.claim.fact_checks:
            if fc.label is not None:
                rows.append((fc.label, f"{item.file}: {item.path}", ""))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", type=Path, default=DATA, help="a label list (TSV)")
    parser.add_argument("--feed", nargs="+", help="ClaimReview feeds: measure their reviews")
    args = parser.parse_args(argv)
    print("$ " + " ".join(["python", "bench/claimreview_labels.py", *sys.argv[1:]]))
    rows = _from_feeds(args.feed) if args.feed else _listed(args.list)
    reader = LabelReader.of()

    with_word = [r for r in rows if reader.has_verdict_word(r[0])]
    without = [r for r in rows if not reader.has_verdict_word(r[0])]
    unread = [r for r in with_word if reader.status(r[0]) is None]
    wrong = [
        (r, reader.status(r[0]))
        for r in with_word
        if r[2] not in ("", "-") and reader.status(r[0]) not in (None, Status.parse(r[2]))
    ]
    share = len(unread) / len(with_word) if with_word else 0.0
    what = "reviews" if args.feed else "distinct labels"
    print(f"{what}: {len(rows)}; with a verdict word: {len(with_word)}")
    print(f"left unverified among those with a verdict word: {len(unread)} ({share:.1%})")
    if not args.feed:
        expected = [r for r in with_word if r[2] not in ("", "-")]
        right = len(expected) - len(wrong) - sum(1 for r in unread if r[2] not in ("", "-"))
        print(f"read as the list expects: {right} of {len(expected)}")
        # The share above counts only labels factreg itself finds a verdict word in; this
        # one counts every label the list expects a verdict for.
        meant = [r for r in rows if r[2] not in ("", "-")]
        missed = [r for r in meant if reader.status(r[0]) is None]
        print(
            f"labels the list expects a verdict for: {len(meant)}; left unverified: "
            f"{len(missed)} ({len(missed) / len(meant) if meant else 0.0:.1%})"
        )
    print()
    print("Left unverified (label: reviews, first source):")
    _report(unread)
    if wrong:
        print("\nRead otherwise than expected (label: read as, expected):")
        for (label, _, wanted), status in wrong:
            print(f"  {label!r}: {status.value if status else None}, expected {wanted}")
    print("\nNo verdict word (label: reviews, first source):")
    _report(without)
    return 0


def _report(rows: list[tuple[str, str, str]]) -> None:
    counts = Counter(fold(label) for label, _, _ in rows)
    first: dict[str, tuple[str, str]] = {}
    for label, source, _ in rows:
        first.setdefault(fold(label), (label, source))
    if not counts:
        print("  (none)")
    for key, count in counts.most_common():
        label, source = first[key]
        shown = label if len(label) <= 80 else label[:79] + "…"
        print(f"  {shown!r}: {count}, {source}")


if __name__ == "__main__":
    raise SystemExit(main())
