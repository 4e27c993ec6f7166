"""
A reviewer's confirmed contradiction (issue #13): judged "contradicts", two claims are
kept apart like "different", and stay visible as a confirmed conflict in show, the
queue and the directory export. Library tests run on every backend; the command line
on SQLite.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import factreg
from factreg.cli import cli
from factreg.convert import converter
from factreg.errors import JudgementConflictError
from factreg.model import Judgement, Relation, Source, Verdict
from factreg.registry import Registry
from tests.conftest import CLAIMS

ARABI21 = Source(url="https://arabi21.example/haftar", publisher="عربي21")
WIRE = Source(url="https://wire.example/haftar", publisher="Wire")
DAILY = Source(url="https://daily.example/haftar", publisher="Daily")
ELEVEN = "الوفد المرافق لحفتر يضم 11 من كبار مساعديه خلال زيارته إلى القاهرة"
FIFTEEN = ELEVEN.replace("11", "15")


def _conflicting_pair(registry: Registry) -> tuple[str, str]:
    """
    Two claims from two articles whose numbers differ, queued as a conflict.
    """
    old = registry.add(ELEVEN, source=ARABI21).claim
    new = registry.add(FIFTEEN, source=WIRE)
    assert [old.id] == list(new.suggested)
    return new.claim.id, old.id


class TestJudgeContradicts:
    def test_the_verdict_is_stored_and_read_back(self, registry: Registry) -> None:
        """
        "contradicts" is a verdict every store keeps (the verdict column lists no values,
        so registries made before it need no migration).
        """
        new, old = _conflicting_pair(registry)

        result = registry.judge(new, old, "contradicts", note="11 or 15?")

        assert Verdict.CONTRADICTS is result.judgement.verdict
        assert [("contradicts", "11 or 15?")] == [
            (j.verdict.value, j.note) for j in registry.judgements(new)
        ]

    def test_both_claims_stay_and_the_pair_is_a_confirmed_contradiction(
        self, registry: Registry
    ) -> None:
        """
        Both claims stay registered, in clusters of their own, and the pair is listed
        as a confirmed contradiction of each.
        """
        new, old = _conflicting_pair(registry)

        registry.judge(new, old, "contradicts")

        assert (new, old) == (registry.get(new).cluster, registry.get(old).cluster)
        assert [(min(new, old), max(new, old))] == [(j.a, j.b) for j in registry.contradictions()]
        assert registry.contradictions(new) == registry.contradictions(old)

    def test_an_automatic_link_is_undone(self, registry: Registry) -> None:
        """
        Judging a pair joined automatically as contradicting separates it, as
        "different" does.
        """
        a = registry.add(ELEVEN, source=ARABI21).claim
        b = registry.add(ELEVEN + ".", source=WIRE).claim
        assert a.id == registry.get(b.id).cluster

        registry.judge(a.id, b.id, "contradicts")

        assert b.id == registry.get(b.id).cluster

    def test_never_merged_through_a_third_claim(self, registry: Registry) -> None:
        """
        Joining a third claim to both sides is refused, naming the contradiction.
        """
        a = registry.add("claim a text", source=WIRE, match=False).claim
        b = registry.add("claim b text", source=DAILY, match=False).claim
        c = registry.add("claim c text", source=ARABI21, match=False).claim
        registry.judge(a.id, b.id, "contradicts")
        registry.judge(a.id, c.id, "same")

        with pytest.raises(JudgementConflictError, match="were judged contradicting by tester"):
            registry.judge(c.id, b.id, "same")

        assert registry.get(b.id).cluster != registry.get(c.id).cluster

    def test_the_pair_is_never_suggested_again(self, registry: Registry) -> None:
        """
        Matching leaves a contradicting pair out, like a pair judged different.
        """
        new, old = _conflicting_pair(registry)

        registry.judge(new, old, "contradicts")
        again = registry._matcher.matches_for(registry.get(new))

        assert [] == [m for m in again if m.claim_id == old]
        assert [] == registry.suggestions()

    def test_a_later_judgement_replaces_it(self, registry: Registry) -> None:
        """
        The latest judgement counts: judged "same" afterwards, the pair is joined and
        no longer a contradiction.
        """
        new, old = _conflicting_pair(registry)
        registry.judge(new, old, "contradicts")

        registry.judge(new, old, "same")

        assert [] == registry.contradictions()
        assert registry.get(new).cluster == registry.get(old).cluster


class TestQueue:
    def test_a_confirmed_contradiction_stays_in_the_queue_with_why(
        self, registry: Registry
    ) -> None:
        """
        Unlike "different", the judged pair stays queued, first, as a contradiction:
        both claims, the relation's reasons and who confirmed it.
        """
        new, old = _conflicting_pair(registry)

        registry.judge(new, old, "contradicts")
        first = registry.queue()[0]

        assert ("contradiction", new, old) == (
            first.kind,
            first.claim.id,
            first.other.id if first.other else None,
        )
        assert Relation.CONFLICT is first.relation
        assert first.why.startswith("contradicts: number differs: 11 ≠ 15; judged by tester ")

    def test_each_claim_of_it_is_marked_in_the_queue(self, registry: Registry) -> None:
        """
        The claims of a confirmed contradiction, queued for a verdict, say what they
        contradict.
        """
        new, old = _conflicting_pair(registry)

        registry.judge(new, old, "contradicts")
        marked = {i.claim.id: i.contradicts for i in registry.queue() if i.kind == "claim"}

        assert ((old,), (new,)) == (marked[new], marked[old])
        assert f"no verdict yet; contradicts {old}" == next(
            i.why for i in registry.queue() if i.kind == "claim" and i.claim.id == new
        )

    def test_it_leaves_the_queue_once_both_claims_have_a_verdict(self, registry: Registry) -> None:
        """
        Resolved by a verdict on each side, the contradiction is no longer awaiting
        anyone, and is still recorded.
        """
        new, old = _conflicting_pair(registry)
        registry.judge(new, old, "contradicts")

        registry.review(old, "true")
        still = [i.kind for i in registry.queue()]
        registry.review(new, "false")

        assert "contradiction" in still
        assert [] == registry.queue()
        assert 1 == len(registry.contradictions())

    def test_a_pair_shows_the_earlier_claims_verdict(self, registry: Registry) -> None:
        """
        A suggested pair carries the verdict already given on the earlier claim.
        """
        old = registry.add(ELEVEN, source=ARABI21).claim
        registry.review(old.id, "mostly_true")
        registry.add(FIFTEEN, source=WIRE)

        [pair] = [i for i in registry.queue() if i.other is not None]

        assert ("mostly_true", "conflict: number differs: 11 ≠ 15") == (
            pair.other_verdict.value if pair.other_verdict else None,
            pair.why,
        )


class TestDirectoryExport:
    def test_export_lists_them_and_an_import_restores_them(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        export_dir writes the confirmed contradictions beside the claims; importing the
        directory restores them, and exporting again gives the same bytes.
        """
        new, old = _conflicting_pair(registry)
        registry.judge(new, old, "contradicts", note="11 or 15?")

        registry.export_dir(tmp_path / "a")
        with factreg.open(tmp_path / "copy.db") as copy:
            report = copy.import_jsonl(tmp_path / "a")
            copy.export_dir(tmp_path / "b")
            restored = copy.contradictions()

        listed = json.loads((tmp_path / "a" / "_contradictions.json").read_text("utf-8"))
        assert [(min(new, old), max(new, old), "contradicts", "11 or 15?")] == [
            (j["a"], j["b"], j["verdict"], j["note"]) for j in listed
        ]
        assert registry.contradictions() == restored
        assert any("1 confirmed contradictions restored" in n for n in report.notes)
        for path in sorted((tmp_path / "a").iterdir()):
            assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name

    def test_without_contradictions_there_is_no_file(
        self, registry: Registry, tmp_path: Path
    ) -> None:
        """
        No contradiction, no file; one left by an earlier export is removed.
        """
        new, old = _conflicting_pair(registry)
        registry.judge(new, old, "contradicts")
        registry.export_dir(tmp_path)
        registry.judge(new, old, "different")

        registry.export_dir(tmp_path)

        assert not (tmp_path / "_contradictions.json").exists()

    def test_a_malformed_file_is_one_clear_error(self, tmp_path: Path) -> None:
        """
        A contradiction file that is not a list of judgements names the file and item.
        """
        with factreg.open(tmp_path / "a.db") as reg:
            reg.add("one claim", source=WIRE)
            reg.export_dir(tmp_path / "out")
        (tmp_path / "out" / "_contradictions.json").write_text('[{"a": 1}]', "utf-8")

        with (
            factreg.open(tmp_path / "b.db") as copy,
            pytest.raises(factreg.InputError, match=r"_contradictions\.json: \[0\]: not a"),
        ):
            copy.import_jsonl(tmp_path / "out")

    def test_judgement_round_trip_through_the_interchange_shape(self) -> None:
        """
        A judgement listed in the file reads back equal (verdict, reviewer, time, note).
        """
        judgement = Judgement(a="c-b", b="c-a", verdict="contradicts", reviewer="amal", note="x")

        assert judgement == converter.structure(converter.unstructure(judgement), Judgement)


def _run(runner: CliRunner, db: Path, *args: str, input: str | None = None) -> Result:
    return runner.invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


class TestCommandLine:
    @pytest.fixture
    def loaded(self, runner: CliRunner, db_path: Path) -> Path:
        """
        The example claims, with e01 (15 aides) queued against s03 (11 aides).
        """
        assert 0 == _run(runner, db_path, "import", str(CLAIMS)).exit_code
        return db_path

    def test_judge_contradicts(self, runner: CliRunner, loaded: Path) -> None:
        """
        `factreg judge A B contradicts` records it and says so.
        """
        result = _run(runner, loaded, "judge", "e01", "s03", "contradicts")

        assert (0, "Judged e01 and s03 contradicts.\n") == (result.exit_code, result.output)

    def test_show_marks_the_contradiction(self, runner: CliRunner, loaded: Path) -> None:
        """
        `show` names the claim it contradicts, in text and JSON.
        """
        _run(runner, loaded, "judge", "e01", "s03", "contradicts", "--note", "11 or 15?")

        text = _run(runner, loaded, "show", "s03").output
        shown = json.loads(_run(runner, loaded, "show", "s03", "--json").output)

        assert "  Contradicts: e01 (judged by tester on " in text
        assert ": 11 or 15?)" in text
        assert [("e01", "tester", "11 or 15?")] == [
            (c["id"], c["reviewer"], c["note"]) for c in shown["contradicts"]
        ]

    def test_queue_shows_both_texts_the_verdict_and_why(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        A queued pair lists both texts, the earlier claim's verdict and why it is there.
        """
        _run(runner, loaded, "review", "s03", "--status", "mostly_true")

        [row] = [
            r
            for r in json.loads(_run(runner, loaded, "queue", "--json").output)
            if r["other"] == "s03"
        ]
        table = _run(runner, loaded, "queue").output

        assert ("e01", "mostly_true", "conflict: number differs: 11 ≠ 15") == (
            row["id"],
            row["other_status"],
            row["why"],
        )
        assert "الوفد المرافق لحفتر يضم 11 من كبار مساعديه" == row["other_text"]
        assert "conflict: number differs: 11 ≠ 15" in table

    def test_c_in_the_pair_screen_records_a_contradiction(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        `[c]` on a suggested pair records "contradicts"; the pair then comes back as a
        confirmed contradiction asking for a verdict.
        """
        result = _run(runner, loaded, "review", input="c\n11 or 15?\nq")

        assert "[c] contradicts" in result.output
        assert "Recorded: contradicts." in result.output
        assert "Confirmed contradiction" in result.output
        with factreg.open(loaded) as reg:
            assert ["contradicts"] == [j.verdict.value for j in reg.judgements("e01")]

    def test_dir_export_reports_the_contradictions(
        self, runner: CliRunner, loaded: Path, tmp_path: Path
    ) -> None:
        """
        `export --dir` writes and counts the confirmed contradictions.
        """
        _run(runner, loaded, "judge", "e01", "s03", "contradicts")

        result = _run(runner, loaded, "export", "--dir", str(tmp_path / "out"))

        assert result.output.endswith(", and 1 confirmed contradictions.\n")
        assert (tmp_path / "out" / "_contradictions.json").is_file()
