"""
bench/cross_article.py's background registry (``--background``): a story registered
among other claims is scored on its own gold pairs only. Made-up claims and story.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "cross_article", ROOT / "bench" / "cross_article.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


STORY = {
    "story": "made-up-bridge",
    "split": "dev",
    "articles": [
        {"id": "a1", "url": "https://one.example/bridge", "publisher": "One", "lang": "en"},
        {"id": "a2", "url": "https://two.example/bridge", "publisher": "Two", "lang": "en"},
    ],
    "claims": [
        {
            "id": "a1c1",
            "article": "a1",
            "text": "The collapse of the Varnel bridge killed 11 people on Monday",
        },
        {
            "id": "a2c1",
            "article": "a2",
            "text": "The collapse of the Varnel bridge killed 16 people on Monday",
        },
    ],
    "pairs": [{"a": "a1c1", "b": "a2c1", "gold": "conflict", "why": "toll 11 vs 16"}],
}


def test_background_claims_are_registered_but_never_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """
    The story meets the background's claims (one of them about its bridge), yet only
    its own gold pair is scored, and what was suggested with a background claim is
    counted apart.
    """
    bench = _bench()
    corpus = [
        {"id": "en-ct20-v-1", "text": "The Varnel bridge collapse killed 30 people on Monday"},
        {"id": "en-ct20-v-2", "text": "A video shows the president dancing at a wedding"},
        {"id": "ar-ct21-vclaim-1", "text": "فيديو يظهر الرئيس يرقص في حفل زفاف"},
    ]
    (tmp_path / "retrieval_corpus.jsonl").write_text(
        "".join(json.dumps(row) + "\n" for row in corpus), encoding="utf-8"
    )
    monkeypatch.setattr(bench, "EVAL", tmp_path)

    background = bench.background_registry(["en"], tmp_path)
    outcome = bench.run_story(STORY, background)
    counts = bench.score_story(STORY, outcome)["counts"]

    assert set(outcome.cluster) == {"a1c1", "a2c1"}
    assert counts["conflict_found"] == 1 and counts["flagged"] == 1
    assert outcome.background >= 1
    assert outcome.basis[frozenset(("a1c1", "a2c1"))] == "count"
