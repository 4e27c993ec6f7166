"""
Cross-article relations on real articles: what factreg links, suggests and flags,
against a gold labelling of every same-language claim pair of each story.

Run from the repository root::

    .venv/bin/python bench/cross_article.py --split dev
    .venv/bin/python bench/cross_article.py --split heldout       # the final figure
    .venv/bin/python bench/cross_article.py --split dev --verbose  # every miss and false alarm
    .venv/bin/python bench/cross_article.py --split dev --background  # among real claims

The gold is ``bench/gold/cross/STORY.json``, labelled by hand before any factreg run:
each story lists its articles (url, publisher, language), the claims copied from them,
and every "same" and "conflict" pair; an unlisted same-language pair is "neither".
Thresholds may be tuned on the ``dev`` stories only; ``heldout`` stories are run once,
at the end.

For each story of the split, a fresh SQLite registry; articles in file order, each
article's claims in order, registered with ``Registry.add(text, source=Source(url,
publisher), claimant=…)`` with matching on, as a newsroom would. Then, per pair:

- *linked*: both claims in one cluster at the end (joined automatically);
- *suggested same* / *flagged conflict*: a suggestion made when one of the two was
  added, with the match's relation SAME / CONFLICT (a suggestion goes to one claim of a
  cluster: it counts for that claim's cluster-mates as well).

With ``--background``, each story is registered instead into a registry that already
holds the real fact-checked claims of its languages (``../shared/eval/
retrieval_corpus.jsonl``: the CheckThat! claims, read at run time and never copied into
the repository; Arabic ``ar-ct21-vclaim-*``, English ``en-ct20-v*``), added without
matching, as a real registry holds thousands of claims: the story's own words are then
no longer its most common ones, so the queue gate's rarity weights are a real
registry's. Matches with background claims are not scored (they are not gold pairs);
how many of them were suggested is printed. The isolated figure stays the default.

Figures, summed over the split's stories: same-recall (gold "same" pairs linked or
suggested same), conflict precision (flagged conflicts that are gold conflicts),
conflict recall, and gold "same" pairs flagged conflict (must be 0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import factreg
from factreg.model import Claim, Relation, Source
from factreg.relate import decide

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "cross"
EVAL = ROOT.parent / "shared" / "eval"
#: The background claims of each language: id prefixes in retrieval_corpus.jsonl.
BACKGROUND = {"ar": "ar-ct21-vclaim-", "en": "en-ct20-v"}


@dataclass
class Outcome:
    """
    What factreg did with one story: its clusters and suggested pairs, by gold claim id.
    """

    cluster: dict[str, str] = field(default_factory=dict)
    same: set[frozenset[str]] = field(default_factory=set)
    conflict: set[frozenset[str]] = field(default_factory=set)
    reasons: dict[frozenset[str], tuple[str, ...]] = field(default_factory=dict)
    basis: dict[frozenset[str], str] = field(default_factory=dict)  # of each conflict
    background: int = 0  # suggestions with a background claim


def background_registry(langs: Sequence[str], folder: Path) -> Path:
    """
    A registry file in ``folder`` holding the real claims of ``langs`` (built once).
    """
    path = folder / f"background-{'-'.join(sorted(langs))}.db"
    if path.exists():
        return path
    prefixes = tuple(BACKGROUND[lang] for lang in langs if lang in BACKGROUND)
    claims = []
    with (EVAL / "retrieval_corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if str(row["id"]).startswith(prefixes):
                source = Source(url=f"urn:bench:{row['id']}")
                claims.append(Claim.new(str(row["text"]), source=source))
    with factreg.open(path, actor="bench") as registry:
        registry.add_many(claims, match=False)
    return path


def run_story(story: dict[str, Any], background: Path | None = None) -> Outcome:
    """
    Register the story's claims in a fresh registry (a copy of ``background`` when
    given) and collect what factreg did.
    """
    outcome = Outcome()
    gold_of: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="factreg-cross-") as tmp:
        if background is not None:
            shutil.copyfile(background, Path(tmp) / "cross.db")
        with factreg.open(Path(tmp) / "cross.db", actor="bench") as registry:
            _register(story, registry, outcome, gold_of)
    return outcome


def _register(
    story: dict[str, Any], registry: factreg.Registry, outcome: Outcome, gold_of: dict[str, str]
) -> None:
    # each article's claims in order, matching on; background matches only counted
    for article in story["articles"]:
        source = Source(url=article["url"], publisher=article.get("publisher"))
        for claim in story["claims"]:
            if claim["article"] != article["id"]:
                continue
            fields = {"claimant": claim["claimant"]} if claim.get("claimant") else {}
            result = registry.add(claim["text"], source=source, **fields)
            gold_of[result.claim.id] = claim["id"]
            for match in result.matches:
                if match.claim_id not in result.suggested:
                    continue
                if match.claim_id not in gold_of:
                    outcome.background += 1
                    continue
                pair = frozenset((claim["id"], gold_of[match.claim_id]))
                if match.relation is Relation.SAME:
                    outcome.same.add(pair)
                elif match.relation is Relation.CONFLICT:
                    outcome.conflict.add(pair)
                    decision = decide(claim["text"], match.claim.text, score=match.score)
                    outcome.basis[pair] = decision.basis
                outcome.reasons[pair] = match.reasons
    for claim_id, gold_id in gold_of.items():
        outcome.cluster[gold_id] = registry.get(claim_id).cluster or claim_id


def _members(outcome: Outcome, claim: str) -> set[str]:
    root = outcome.cluster[claim]
    return {c for c, r in outcome.cluster.items() if r == root}


def _found(outcome: Outcome, pairs: set[frozenset[str]], a: str, b: str) -> bool:
    # a pair found directly, or between a and a cluster-mate of b (or the other way)
    return any(
        frozenset((x, y)) in pairs for x in _members(outcome, a) for y in _members(outcome, b)
    )


def score_story(story: dict[str, Any], outcome: Outcome) -> dict[str, Any]:
    """
    The counts behind the figures for one story, and the pairs that went wrong.
    """
    gold = {frozenset((p["a"], p["b"])): p for p in story["pairs"]}
    counts = dict.fromkeys(
        ("same", "same_found", "same_as_conflict", "conflict", "conflict_found", "flagged"), 0
    )
    counts["flagged_right"] = 0
    counts["background"] = outcome.background
    wrong: list[str] = []
    for pair, p in gold.items():
        a, b = p["a"], p["b"]
        linked = outcome.cluster[a] == outcome.cluster[b]
        if p["gold"] == "same":
            counts["same"] += 1
            if linked or _found(outcome, outcome.same, a, b):
                counts["same_found"] += 1
            else:
                wrong.append(f"missed same {a}~{b}: {p['why']}")
            if pair in outcome.conflict:
                counts["same_as_conflict"] += 1
                wrong.append(f"same flagged conflict {a}~{b}: {outcome.reasons.get(pair)}")
        else:
            counts["conflict"] += 1
            if _found(outcome, outcome.conflict, a, b):
                counts["conflict_found"] += 1
            else:
                how = "linked" if linked else "same" if pair in outcome.same else "nothing"
                wrong.append(f"missed conflict {a}~{b} ({how}): {p['why']}")
    for pair in outcome.conflict:
        counts["flagged"] += 1
        a, b = sorted(pair)
        right = any(
            gold.get(frozenset((x, y)), {}).get("gold") == "conflict"
            for x in _members(outcome, a)
            for y in _members(outcome, b)
        )
        counts["flagged_right"] += right
        kind = outcome.basis.get(pair, "?")
        counts[f"basis {kind}"] = counts.get(f"basis {kind}", 0) + 1
        counts[f"basis {kind} right"] = counts.get(f"basis {kind} right", 0) + right
        if not right:
            wrong.append(f"false conflict {a}~{b}: {outcome.reasons.get(pair)}")
    return {"counts": counts, "wrong": wrong}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    """
    Print the figures of one split; exit 1 when no story of it is found.
    """
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout"), required=True)
    parser.add_argument("--gold", type=Path, default=GOLD, help="folder of STORY.json files")
    parser.add_argument("--verbose", action="store_true", help="list what went wrong")
    parser.add_argument(
        "--background",
        action="store_true",
        help="register each story among the real claims of its languages (../shared/eval)",
    )
    args = parser.parse_args(argv)
    shown = list(argv) if argv is not None else sys.argv[1:]
    print(" ".join(["# .venv/bin/python bench/cross_article.py", *shown]))
    stories = []
    for path in sorted(args.gold.glob("*.json")):
        story = json.loads(path.read_text(encoding="utf-8"))
        if story.get("split") == args.split:
            stories.append(story)
    if not stories:
        print(f"no {args.split} story in {args.gold}")
        return 1
    if args.background and not (EVAL / "retrieval_corpus.jsonl").exists():
        print(f"--background needs {EVAL / 'retrieval_corpus.jsonl'}: not found")
        return 1
    with tempfile.TemporaryDirectory(prefix="factreg-background-") as folder:
        total = _run(stories, args, Path(folder))
    print(
        f"{args.split} ({len(stories)} stories): same-recall "
        f"{_ratio(total['same_found'], total['same'])}  conflict precision "
        f"{_ratio(total['flagged_right'], total['flagged'])}  conflict recall "
        f"{_ratio(total['conflict_found'], total['conflict'])}  gold same flagged conflict "
        f"{total['same_as_conflict']}"
    )
    kinds = sorted(k for k in total if k.startswith("basis ") and not k.endswith(" right"))
    print(
        "flagged conflicts by evidence (right/flagged): "
        + (", ".join(f"{k[6:]} {total[k + ' right']}/{total[k]}" for k in kinds) or "none")
    )
    if args.background:
        print(f"suggestions with a background claim: {total['background']}")
    return 0


def _run(stories: list[dict[str, Any]], args: argparse.Namespace, folder: Path) -> dict[str, int]:
    # each story's figures printed, their sums returned
    total: dict[str, int] = {}
    for story in stories:
        langs = sorted({article["lang"] for article in story["articles"]})
        background = background_registry(langs, folder) if args.background else None
        result = score_story(story, run_story(story, background))
        c = result["counts"]
        for key, value in c.items():
            total[key] = total.get(key, 0) + value
        print(
            f"{story['story']}: same-recall {_ratio(c['same_found'], c['same'])}, conflict "
            f"precision {_ratio(c['flagged_right'], c['flagged'])}, conflict recall "
            f"{_ratio(c['conflict_found'], c['conflict'])}, same flagged conflict "
            f"{c['same_as_conflict']}"
        )
        if args.verbose:
            for line in result["wrong"]:
                print("    " + line)
    return total


if __name__ == "__main__":
    sys.exit(main())
