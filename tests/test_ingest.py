"""
Ingesting articles: extraction wired to the registry and the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import factreg
from factreg.cli import cli
from factreg.model import Source
from factreg.registry import Registry
from tests.conftest import SEED

ARABI21 = Source(url="https://arabi21.example/haftar-cairo", publisher="عربي21")
AHRAM = Source(url="https://ahram.example/haftar", publisher="الأهرام")


@pytest.fixture
def seed() -> bytes:
    """
    The seed article's bytes, as received.
    """
    return SEED.read_bytes()


class TestRegistryIngest:
    def test_seed_article_registers_attributed_claims(
        self, registry: Registry, seed: bytes
    ) -> None:
        """
        The seed yields at least 12 claims against its source, with the two-step chain
        for the newspaper citing informed sources and the publisher's own statements.
        """
        report = registry.ingest(seed, source=ARABI21)

        claims = [result.claim for _, result in report.claims]
        assert len(claims) >= 12
        assert all(c.source == ARABI21 and c.confidence is None for c in claims)
        chains = {c.attribution for c in claims}
        assert ("صدى البلد", "مصادر مطلعة") in chains
        assert () in chains and any(c.claimant == "عربي21" for c in claims)
        assert [] == registry.check()

    def test_hedged_claim_is_tagged(self, registry: Registry) -> None:
        """
        A hedged claim («قد يكون قتل نفسه») is registered and tagged "hedged", where a
        reviewer sees it; a plain one is not tagged.
        """
        article = (
            "وقالت مصادر طبية إن الرجل قد يكون قتل نفسه في غزة يوم الاثنين. "
            "وأعلنت وزارة الصحة مقتل 12 شخصا في غزة يوم الاثنين."
        )

        report = registry.ingest(article, source=ARABI21)

        assert [("hedged",), ()] == [
            registry.get(result.claim.id).tags for _, result in report.claims
        ]

    def test_reingesting_is_idempotent(self, registry: Registry, seed: bytes) -> None:
        """
        The same article again registers nothing and reports every claim as present.
        """
        first = registry.ingest(seed, source=ARABI21)
        before = (list(registry.claims()), len(registry.history()))

        again = registry.ingest(seed, source=ARABI21)

        assert 0 == again.added
        assert [r.claim.id for _, r in first.claims] == [r.claim.id for _, r in again.claims]
        assert before == (list(registry.claims()), len(registry.history()))

    def test_encodings_give_identical_claims(
        self, db_path: Path, seed: bytes, tmp_path: Path
    ) -> None:
        """
        UTF-8, UTF-8 with BOM and Windows-1256 bytes register the same claims.
        """
        text = seed.decode("utf-8")
        variants = {"utf-8": seed, "bom": b"\xef\xbb\xbf" + seed, "cp1256": text.encode("cp1256")}
        registered = {}
        for name, data in variants.items():
            with factreg.open(tmp_path / f"{name}.db") as reg:
                report = reg.ingest(data, source=ARABI21)
                registered[name] = [
                    (i.text, i.start, i.end, r.claim.claimant, r.claim.attribution)
                    for i, r in report.claims
                ]

        assert registered["utf-8"] == registered["bom"] == registered["cp1256"]

    def test_dry_run_writes_nothing(self, registry: Registry, seed: bytes) -> None:
        """
        A dry run reports the claims it would register and leaves the registry empty.
        """
        report = registry.ingest(seed, source=ARABI21, dry_run=True)

        assert report.added >= 12 and report.dry_run
        assert ([], []) == (list(registry.claims()), registry.history())

    def test_restatement_in_another_outlet_links_and_changed_number_conflicts(
        self, registry: Registry, seed: bytes
    ) -> None:
        """
        A second outlet repeating a claim links to it; one changing its number is a
        conflict in the queue.
        """
        registry.ingest(seed, source=ARABI21)
        second = (
            "وزيارة حفتر إلى القاهرة، هي الرابعة من نوعها خلال بضعة أشهر.\n"
            "وقالت مصادر مطلعة إن الوفد المرافق لحفتر، الذي يضم 15 من كبار مساعديه، "
            "شارك في المحادثات.\n"
        )

        report = registry.ingest(second, source=AHRAM)

        by_text = {item.text: result for item, result in report.claims}
        restated = next(r for t, r in by_text.items() if "الرابعة" in t)
        changed = next(r for t, r in by_text.items() if "15" in t)
        assert 1 == len(restated.linked)
        assert () == changed.linked and 1 == len(changed.suggested)
        conflicts = [i for i in registry.queue() if i.kind == "conflict"]
        assert [changed.claim.id] == [i.claim.id for i in conflicts]
        assert any("11 ≠ 15" in reason for reason in conflicts[0].reasons)

    def test_negated_restatement_conflicts(self, registry: Registry, seed: bytes) -> None:
        """
        An outlet negating a registered claim ("لم يلتق …") raises a conflict with the
        negation named, never a link.
        """
        registry.ingest(seed, source=ARABI21)
        denial = (
            "ولم يلتق حفتر خلال زيارته إلى القاهرة مسؤولين عسكريين مصريين يتابعون "
            "الملف الليبي، بحسب مصادر رسمية.\n"
        )

        report = registry.ingest(denial, source=AHRAM)

        [(_, result)] = report.claims
        assert () == result.linked
        [conflict] = [i for i in registry.queue() if i.kind == "conflict"]
        assert result.claim.id == conflict.claim.id
        assert any(r.startswith("negation only in new claim") for r in conflict.reasons)


class TestIngestCommand:
    def test_reports_claims_chains_and_matches(self, runner: CliRunner, db_path: Path) -> None:
        """
        `factreg ingest FILE --json` lists each claim with claimant, chain, offsets and
        check-worthiness.
        """
        result = runner.invoke(
            cli,
            [
                "--db",
                str(db_path),
                "ingest",
                str(SEED),
                "--url",
                ARABI21.url or "",
                "--publisher",
                "عربي21",
                "--json",
            ],
        )

        rows = json.loads(result.output)
        assert 0 == result.exit_code
        text = SEED.read_text(encoding="utf-8")
        assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
        assert all(0 <= r["checkworthiness"] <= 1 and r["new"] for r in rows)

    def test_undecodable_file_is_one_error_naming_it(
        self, runner: CliRunner, db_path: Path, tmp_path: Path
    ) -> None:
        """
        Bytes that are neither UTF-8 nor confidently Arabic legacy: Error, exit 1, nothing
        written.
        """
        bad = tmp_path / "bad.txt"
        bad.write_bytes(b"plain start \xff\xfe\x00\x81 and garbage")

        result = runner.invoke(
            cli,
            [
                "--db",
                str(db_path),
                "ingest",
                str(bad),
                "--url",
                "https://x.example/1",
                "--publisher",
                "X",
            ],
        )

        assert 1 == result.exit_code
        assert result.output.startswith(f"Error: {bad}: ")
        assert "Traceback" not in result.output
        with factreg.open(db_path) as reg:
            assert [] == list(reg.claims())

    def test_dry_run_creates_no_registry(self, runner: CliRunner, db_path: Path) -> None:
        """
        --dry-run on a registry that does not exist yet creates nothing.
        """
        result = runner.invoke(
            cli,
            [
                "--db",
                str(db_path),
                "ingest",
                str(SEED),
                "--url",
                "https://x.example/1",
                "--publisher",
                "عربي21",
                "--dry-run",
            ],
        )

        assert 0 == result.exit_code
        assert "Would register" in result.output
        assert not db_path.exists()

    def test_second_run_says_already_present(self, runner: CliRunner, db_path: Path) -> None:
        """
        Re-ingesting prints that the claims are already present.
        """
        args = [
            "--db",
            str(db_path),
            "ingest",
            str(SEED),
            "--url",
            "https://x.example/1",
            "--publisher",
            "عربي21",
        ]
        runner.invoke(cli, args)

        result = runner.invoke(cli, args)

        assert "Registered 0 claims" in result.output and "already present" in result.output
