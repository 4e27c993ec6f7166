"""
Tests for bench/agreement.py: one annotator's gold scored against another's.

The articles and claims here are made up for the tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "agreement.py"

AR_TEXT = (
    "وزير يزور المدينة\n\n"
    "قال وزير الصحة سالم فاروق إن 300 شخص أصيبوا في الحادث.\n\n"
    "وأعلنت الوزارة أن المستشفى الجديد افتتح يوم الأحد.\n"
)
AR_CLAIMS = [
    ("300 شخص أصيبوا في الحادث", "سالم فاروق", ["سالم فاروق"]),
    ("المستشفى الجديد افتتح يوم الأحد", "الوزارة", ["الوزارة"]),
]
EN_TEXT = (
    "Storm hits the coast\n\n"
    "The storm killed 12 people on Monday, the fire service said.\n\n"
    "Two bridges were closed, Reuters reported, citing two officials.\n"
)
EN_CLAIMS = [
    ("The storm killed 12 people on Monday", "fire service", ["fire service"]),
    ("Two bridges were closed", "two officials", ["Reuters", "two officials"]),
]


def _write(
    folder: Path,
    name: str,
    lang: str,
    text: str,
    claims: list[tuple[str, str, list[str]]],
    split: str = "dev",
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    doc: dict[str, Any] = {
        "name": name,
        "lang": lang,
        "publisher": "Test Outlet",
        "split": split,
        "claims": [
            {"quote": q, "claimant": c, "attribution": a, "hedged": False} for q, c, a in claims
        ],
    }
    (folder / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _run(first: Path, second: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--first", str(first), "--second", str(second)],
        capture_output=True,
        text=True,
        check=False,
    )


def _figures(out: str, label: str) -> list[str]:
    line = next(x for x in out.splitlines() if x.startswith(label))
    return line[len(label) :].split()


@pytest.mark.parametrize(
    ("lang", "text", "claims"), [("ar", AR_TEXT, AR_CLAIMS), ("en", EN_TEXT, EN_CLAIMS)]
)
def test_agreement_of_identical_gold_is_full(
    tmp_path: Path, lang: str, text: str, claims: list[tuple[str, str, list[str]]]
) -> None:
    """
    Two annotators who marked the same claims with the same sources agree on everything.
    """
    _write(tmp_path / "a", "x", lang, text, claims)
    _write(tmp_path / "b", "x", lang, text, claims)
    done = _run(tmp_path / "a", tmp_path / "b")
    assert done.returncode == 0, done.stderr
    # A, found, B, recall, precision, claimant, chain, claimant~, chain~
    assert _figures(done.stdout, "B vs A all") == ["2", "2", "2"] + ["1.00"] * 6


@pytest.mark.parametrize(
    ("lang", "text", "claims"), [("ar", AR_TEXT, AR_CLAIMS), ("en", EN_TEXT, EN_CLAIMS)]
)
def test_agreement_scores_a_different_chain_and_a_missed_claim(
    tmp_path: Path, lang: str, text: str, claims: list[tuple[str, str, list[str]]]
) -> None:
    """
    B marks only the first claim, with a longer chain: recall 0.50, precision 1.00, the
    claimant right and the chain wrong.
    """
    quote, claimant, chain = claims[0]
    _write(tmp_path / "a", "x", lang, text, claims)
    _write(tmp_path / "b", "x", lang, text, [(quote, claimant, ["Somebody", *chain])])
    done = _run(tmp_path / "a", tmp_path / "b")
    assert done.returncode == 0, done.stderr
    figures = _figures(done.stdout, "B vs A all")
    assert figures == ["2", "1", "1", "0.50", "1.00", "1.00", "0.00", "1.00", "0.00"]


def test_agreement_refuses_held_out_articles(tmp_path: Path) -> None:
    """
    The agreement sample is dev only: a held-out article gives one clear error.
    """
    _write(tmp_path / "a", "x", "en", EN_TEXT, EN_CLAIMS, split="heldout")
    _write(tmp_path / "b", "x", "en", EN_TEXT, EN_CLAIMS)
    done = _run(tmp_path / "a", tmp_path / "b")
    assert done.returncode == 2
    assert "not a dev article" in done.stderr
    assert "Traceback" not in done.stderr
