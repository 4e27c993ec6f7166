"""
The public API: what ``import factreg`` offers, how it is typed and documented, what it
loads at start-up, and the symmetric import/export verbs.
"""

from __future__ import annotations

import inspect
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import factreg
from factreg.model import Source
from factreg.registry import Registry
from tests.conftest import CLAIMS, ROOT, run_loading

WIRE = Source(url="https://wire.example/a", publisher="Wire")


def _loaded_after(statement: str) -> set[str]:
    """
    The factreg modules a fresh interpreter has loaded after ``statement``.
    """
    code = f"import sys; {statement}; print(' '.join(m for m in sys.modules if 'factreg' in m))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return set(out.split())


#: Modules `factreg match` and `factreg show` have no use for (numpy and the encoder:
#: not while the registry holds no claim vectors, and never for `show`).
UNUSED = {
    "factreg.extract",
    "factreg.claimreview",
    "factreg._workers",
    "factreg._dumping",
    "factreg.store.rekey",
    "factreg.semantic._layer",
    "numpy",
}


class TestStartUp:
    @pytest.mark.parametrize(
        ("text", "query"),
        [
            ("The minister said 11 people died in the flood", "minister flood 11"),
            ("قال الوزير إن 11 شخصا لقوا حتفهم في الفيضان", "الوزير الفيضان 11"),
        ],
    )
    def test_match_and_show_load_only_what_they_use(
        self, db_path: Path, text: str, query: str
    ) -> None:
        """
        `factreg match` and `factreg show` load no extraction, ClaimReview, import workers,
        dump, migration or embedding modules (the semantic extra on, if installed).
        """
        with factreg.open(db_path) as registry:
            claim = registry.add(text, source=WIRE).claim

        matched, for_match = run_loading(db_path, "match", query, FACTREG_SEMANTIC=None)
        shown, for_show = run_loading(db_path, "show", claim.id, FACTREG_SEMANTIC=None)

        assert claim.id in matched and claim.id in shown
        assert "factreg.store.sqlite" in for_match & for_show
        assert set() == UNUSED & (for_match | for_show)

    def test_the_cli_does_not_load_extraction_or_claimreview(self) -> None:
        """
        `factreg match` and `factreg show` start without article extraction or ClaimReview.
        """
        loaded = _loaded_after("import factreg.cli")

        assert "factreg.cli" in loaded
        assert set() == loaded & {"factreg.extract", "factreg.claimreview"}

    def test_the_library_loads_extraction_on_first_use(self) -> None:
        """
        `factreg.ExtractedClaim` and `factreg.Organization` load their modules when asked.
        """
        loaded = _loaded_after("import factreg; factreg.ExtractedClaim; factreg.Organization")

        assert {"factreg.extract", "factreg.claimreview"} <= loaded


class TestPublicNames:
    def test_every_name_in_all_exists_and_is_documented(self) -> None:
        """
        Each name in `factreg.__all__` resolves; classes and functions have docstrings.
        """
        undocumented = [
            name
            for name in factreg.__all__
            if (inspect.isclass(value := getattr(factreg, name)) or inspect.isfunction(value))
            and not inspect.getdoc(value)
        ]

        assert [] == undocumented

    def test_types_in_registry_signatures_are_exported(self) -> None:
        """
        Every factreg class named in a public Registry signature is in `factreg.__all__`.
        """
        outside = {"None", "IO", "Any", "Callable", "Iterable", "Iterator", "Mapping"}
        outside |= {"Sequence", "PathLike", "TracebackType", "BaseException"}
        named = {
            word
            for name, method in inspect.getmembers(Registry, inspect.isfunction)
            if not name.startswith("_") or name == "__init__"
            for hint in inspect.get_annotations(method).values()
            for word in re.findall(r"\b[A-Z]\w*", str(hint))
        }
        missing = {word for word in named - outside if word not in factreg.__all__}

        assert set() == missing

    def test_version_is_a_string(self) -> None:
        """
        `factreg.__version__` comes from the installed metadata (or says it is unknown).
        """
        assert isinstance(factreg.__version__, str)
        assert factreg.__version__


class TestAddIsTyped:
    def test_add_takes_named_fields_only(self) -> None:
        """
        `add` lists the claim fields as keyword-only parameters: no catch-all **fields.
        """
        params = inspect.signature(Registry.add).parameters

        assert inspect.Parameter.VAR_KEYWORD not in {p.kind for p in params.values()}
        assert {"source", "claimant", "attribution", "confidence", "status", "lang", "id"} <= {
            name for name, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY
        }

    def test_a_misspelled_field_is_a_type_error_naming_it(self, registry: Registry) -> None:
        """
        `add(text, claimnt=…)` fails at once, naming the unknown keyword.
        """
        with pytest.raises(TypeError, match="claimnt"):
            registry.add("text", claimnt="x")  # type: ignore[call-arg]

    def test_every_field_reaches_the_claim(self, registry: Registry) -> None:
        """
        The fields given to `add` are those of the registered claim.
        """
        claim = registry.add(
            "The delegation had 11 members",
            source=WIRE,
            claimant="officials",
            attribution=["Wire", "officials"],
            lang="en",
            status="false",
            confidence=0.7,
            note="seen",
            evidence=["https://check.example/1"],
            tags=["visit"],
            id="c-given",
        ).claim

        assert ("c-given", "officials", ("Wire", "officials"), "false", 0.7) == (
            claim.id,
            claim.claimant,
            claim.attribution,
            claim.status.value,
            claim.confidence,
        )
        assert (("https://check.example/1",), ("visit",), "seen") == (
            claim.evidence,
            claim.tags,
            claim.note,
        )


class TestSuggestedPair:
    def test_suggestions_have_named_fields(self, registry: Registry) -> None:
        """
        A suggestion comes with its newer claim and the earlier one, by name.
        """
        old = registry.add("The delegation had 11 senior aides on the visit", source=WIRE)
        new = registry.add(
            "The delegation had 15 senior aides on the visit",
            source=Source(url="https://daily.example/a", publisher="Daily"),
        )
        [pair] = registry.suggestions()

        assert (new.claim.id, old.claim.id) == (pair.claim.id, pair.other.id)
        assert (pair.claim.id, pair.other.id) == (
            pair.suggestion.claim_id,
            pair.suggestion.other_id,
        )


class TestSymmetricFiles:
    def test_jsonl_export_to_a_path_imports_from_that_path(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        `export_jsonl(path)` writes the file; `import_jsonl(path)` reads it back whole.
        """
        registry.import_jsonl(CLAIMS)
        written = registry.export_jsonl(tmp_path / "all.jsonl")
        with factreg.open(tmp_path / "copy.db") as copy:
            report = copy.import_jsonl(tmp_path / "all.jsonl")

        assert (written, written) == (report.added, len(list(registry.claims())))

    def test_jsonl_import_from_a_text_stream(self, registry: Registry) -> None:
        """
        A text stream is read as JSON Lines like a file.
        """
        report = registry.import_jsonl(io.StringIO('{"text": "قال الوزير إن العدد 11"}\n'))

        assert 1 == report.added

    def test_a_single_named_byte_stream(self, registry: Registry) -> None:
        """
        One ("name", byte stream) pair is one input, and errors carry its name.
        """
        with pytest.raises(factreg.InputError, match=r"^feed\.jsonl:1: "):
            registry.import_jsonl(("feed.jsonl", io.BytesIO(b"not json\n")))

    def test_claimreview_export_to_a_path(self, registry: Registry, tmp_path: Path) -> None:
        """
        `export_claimreview(path)` writes one JSON array to the file.
        """
        registry.add("The delegation had 11 senior aides on the visit", source=WIRE)
        registry.review(registry.claims().__next__().id, "false")
        org = factreg.Organization(name="Desk", url="https://desk.example")
        count = registry.export_claimreview(tmp_path / "reviews.json", org=org)

        assert 1 == count == len(json.loads((tmp_path / "reviews.json").read_text("utf-8")))

    def test_claimreview_export_needs_one_target(self, registry: Registry) -> None:
        """
        Neither a file nor a directory (or both) is a TypeError.
        """
        with pytest.raises(TypeError, match="give a file or stream, or a directory"):
            registry.export_claimreview()
