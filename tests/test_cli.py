"""
The command line: what a user types, what they see, and the exit status.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from wcwidth import wcswidth

import factreg
from factreg.cli import cli, clip, safe
from factreg.registry import Registry
from tests.conftest import CLAIMS


def run(runner: CliRunner, db: Path | str, *args: str, input: str | None = None) -> Result:
    return runner.invoke(cli, ["--db", str(db), *args], input=input, catch_exceptions=False)


@pytest.fixture
def loaded(runner: CliRunner, db_path: Path) -> Path:
    """
    A registry holding the example claims.
    """
    result = run(runner, db_path, "import", str(CLAIMS))
    assert 0 == result.exit_code, result.output
    return db_path


class TestErrors:
    def test_show_unknown_claim(self, runner: CliRunner, loaded: Path) -> None:
        """
        A missing id is a one-line error, not a traceback.
        """
        result = run(runner, loaded, "show", "c-404")

        assert 1 == result.exit_code
        assert "Error: no claim with id 'c-404'\n" == result.output

    def test_read_commands_do_not_create_a_registry(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """
        `queue` on a mistyped path says so instead of creating an empty file.
        """
        result = run(runner, tmp_path / "typo.db", "queue")

        assert 1 == result.exit_code
        assert f"Error: no registry at {tmp_path / 'typo.db'}" in result.output
        assert not (tmp_path / "typo.db").exists()

    @pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon", "1e9"])
    def test_wait_must_be_a_number_of_seconds(
        self, runner: CliRunner, loaded: Path, value: str
    ) -> None:
        """
        --wait (and FACTREG_WAIT) takes seconds above 0: anything else is a usage error.
        """
        given = runner.invoke(cli, ["--db", str(loaded), "--wait", value, "stats"])
        from_env = runner.invoke(cli, ["--db", str(loaded), "stats"], env={"FACTREG_WAIT": value})

        assert (2, 2) == (given.exit_code, from_env.exit_code)
        assert f"Invalid value for '--wait': {value!r} is not a number of seconds" in given.output

    @pytest.mark.parametrize("jobs", ["0", "-1", "two"])
    def test_crossmatch_jobs_must_be_a_positive_number(
        self, runner: CliRunner, loaded: Path, jobs: str
    ) -> None:
        """
        `crossmatch --jobs` takes a number of processes, at least 1: else a usage error.
        """
        result = runner.invoke(cli, ["--db", str(loaded), "crossmatch", "--jobs", jobs])

        assert 2 == result.exit_code
        assert "Invalid value for '-j' / '--jobs'" in result.output

    def test_crossmatch_with_jobs_matches_what_was_imported_without(
        self, runner: CliRunner, db_path: Path
    ) -> None:
        """
        `import --no-match` then `crossmatch --jobs 2`: every claim is matched, as with one.
        """
        assert 0 == run(runner, db_path, "import", "--no-match", str(CLAIMS)).exit_code
        with factreg.open(db_path) as registry:
            waiting = registry.stats()["unmatched"]

        result = run(runner, db_path, "crossmatch", "--jobs", "2", "-q")
        with factreg.open(db_path) as registry:
            left = registry.stats()["unmatched"]

        assert 0 == result.exit_code, result.output
        assert f"Matched {waiting} claims" in result.output
        assert (True, 0) == (waiting > 0, left)

    def test_interrupted_crossmatch_keeps_what_it_matched_and_says_how_to_go_on(
        self, runner: CliRunner, db_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        Ctrl-C during `crossmatch`: exit 130 with one line saying how many claims still
        wait (batches already matched are kept), no traceback; running it again finishes.
        """
        assert 0 == run(runner, db_path, "import", "--no-match", str(CLAIMS)).exit_code
        pending = Registry.match_pending

        def interrupted_after_one_batch(self: Registry, **kwargs: Any) -> Any:
            def stop(done: int) -> None:
                raise KeyboardInterrupt

            return pending(self, batch=5, progress=stop, jobs=1)

        with monkeypatch.context() as patch:
            patch.setattr(Registry, "match_pending", interrupted_after_one_batch)
            stopped = run(runner, db_path, "crossmatch", "-q")
        with factreg.open(db_path) as registry:
            stats = registry.stats()
            waiting, total = stats["unmatched"], stats["claims"]
        again = run(runner, db_path, "crossmatch", "-q")

        assert (130, total - 5) == (stopped.exit_code, waiting)
        assert f"Interrupted: the claims matched so far are saved; {waiting} still waiting" in (
            stopped.output
        )
        assert "Traceback" not in stopped.output
        assert (0, f"Matched {waiting} claims") == (again.exit_code, again.output.split(" (")[0])

    def test_usage_error_exits_2(self, runner: CliRunner, loaded: Path) -> None:
        """
        A bad option value is a usage error: exit 2, with the choices.
        """
        result = run(runner, loaded, "review", "s03", "--status", "fake")

        assert 2 == result.exit_code
        assert "'fake' is not one of" in result.output

    def test_confidence_out_of_range_is_a_usage_error(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        --confidence 1.5 is refused before anything is written.
        """
        result = run(runner, loaded, "review", "s03", "--status", "false", "--confidence", "1.5")

        assert 2 == result.exit_code
        assert "1.5 is not in the range 0.0<=x<=1.0" in result.output

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            (b"{not json", "bad.jsonl:2: not valid JSON"),
            (b'{"id": "x9"}', "bad.jsonl:2: text: is missing"),
            (
                b'{"text": "x", "confidence": 1.5}',
                "bad.jsonl:2: confidence: must be between 0 and 1",
            ),
            (b'{"text": "x", "status": "fake"}', "bad.jsonl:2: status: unknown status 'fake'"),
            (b'{"text": "x", "colour": "red"}', "bad.jsonl:2: colour: unknown key"),
            (b'{"text": "\xff"}', "bad.jsonl:2: invalid UTF-8 at byte"),
        ],
    )
    def test_malformed_import_exits_1_and_changes_nothing(
        self, runner: CliRunner, loaded: Path, tmp_path: Path, line: bytes, message: str
    ) -> None:
        """
        One clear line naming file:line and field, exit 1; claims and log unchanged.
        """
        bad = tmp_path / "bad.jsonl"
        bad.write_bytes(b'{"text": "a fine claim"}\n' + line + b"\n")
        with factreg.open(loaded) as reg:
            before = (list(reg.claims()), reg.history())

        result = run(runner, loaded, "import", str(bad))

        assert 1 == result.exit_code
        assert result.output.startswith(f"Error: {tmp_path / message}")
        assert 1 == result.output.count("\n")
        with factreg.open(loaded) as reg:
            assert before == (list(reg.claims()), reg.history())

    def test_skip_invalid_reports_each_line_and_imports_the_rest(
        self, runner: CliRunner, db_path: Path, tmp_path: Path
    ) -> None:
        """
        --skip-invalid imports the good lines and names every skipped one.
        """
        feed = tmp_path / "f.jsonl"
        feed.write_text('{"text": "a"}\n{"text": 1}\n{"text": "b"}\n{"nope": 1}\n')

        result = run(runner, db_path, "import", "--skip-invalid", str(feed))

        assert 0 == result.exit_code
        assert f"Skipped {feed}:2: text: expected a string, got number 1" in result.output
        assert f"Skipped {feed}:4: text: is missing" in result.output
        assert "Imported 2 claims" in result.output

    def test_standard_input_twice_is_a_usage_error(self, runner: CliRunner, db_path: Path) -> None:
        """
        `import - -` cannot read standard input twice: exit 2, not a closed-file crash.
        """
        result = run(runner, db_path, "import", "-", "-", input='{"text": "a"}\n')

        assert 2 == result.exit_code
        assert "- (standard input) can be read only once" in result.output

    def test_missing_file_is_a_usage_error(self, runner: CliRunner, db_path: Path) -> None:
        """
        Importing a path that does not exist exits 2 and names it.
        """
        result = run(runner, db_path, "import", "nowhere.jsonl")

        assert 2 == result.exit_code
        assert "nowhere.jsonl: no such file or directory" in result.output


class TestReviewById:
    def test_records_a_decision(self, runner: CliRunner, loaded: Path) -> None:
        """
        review ID --status … prints the new status and version.
        """
        result = run(
            runner,
            loaded,
            "review",
            "s03",
            "--status",
            "false",
            "--confidence",
            "0.9",
            "--note",
            "15 per two sources",
            "--evidence",
            "https://factcheck.example/s03",
        )

        assert 0 == result.exit_code
        assert "s03 is now false (version 2).\n" == result.output

    def test_reopen_is_explicit(self, runner: CliRunner, loaded: Path) -> None:
        """
        Back to unverified fails without --reopen and works with it.
        """
        run(runner, loaded, "review", "s03", "--status", "true")

        refused = run(runner, loaded, "review", "s03", "--status", "unverified")
        reopened = run(runner, loaded, "review", "s03", "--reopen")

        assert (1, 0) == (refused.exit_code, reopened.exit_code)
        assert "needs an explicit reopen (--reopen)" in refused.output
        assert "s03 is now unverified (version 3).\n" == reopened.output

    def test_stale_expect_version_is_refused(self, runner: CliRunner, loaded: Path) -> None:
        """
        --expect-version guards a scripted write against a concurrent change.
        """
        run(runner, loaded, "review", "s03", "--status", "true")

        result = run(runner, loaded, "review", "s03", "--status", "false", "--expect-version", "1")

        assert 1 == result.exit_code
        assert "you read version 1, it is now version 2" in result.output


def test_two_processes_reviewing_the_same_claim_one_wins(loaded: Path) -> None:
    """
    Two real processes review s03 at once from version 1: exactly one wins, the other
    gets a clear error and exit 1, and the audit log holds exactly the winning change.
    """
    env = {**os.environ, "FACTREG_DB": str(loaded)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "factreg",
                "--reviewer",
                name,
                "review",
                "s03",
                "--status",
                status,
                "--expect-version",
                "1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, status in (("ana", "false"), ("bo", "true"))
    ]
    outcomes = [
        (
            p.wait(timeout=60),
            p.stdout.read() if p.stdout else "",
            p.stderr.read() if p.stderr else "",
        )
        for p in procs
    ]

    codes = sorted(code for code, _, _ in outcomes)
    assert [0, 1] == codes
    loser = next(err for code, _, err in outcomes if code == 1)
    assert (
        "Error: claim s03 was changed by someone else: you read version 1, it is now "
        "version 2" in loser
    )
    assert "Traceback" not in loser
    with factreg.open(loaded) as reg:
        reviews = [e for e in reg.history("s03") if e.action == "review"]
        winner = reg.get("s03")
    assert 1 == len(reviews)
    assert reviews[0].after is not None
    assert (2, reviews[0].after["status"]) == (winner.version, winner.status.value)


class TestInteractiveReview:
    def test_walks_the_queue_with_one_key_per_decision(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        Scripted keys: judge the two conflicts "different", mark the next claim false
        with a confidence, a note and evidence, skip one, quit.
        """
        keys = (
            "n"
            + "\n"
            + "n"
            + "\n"
            + "f"
            + "0.8\n"
            + "checked with the desk\n"
            + "https://factcheck.example/1\n"
            + "s"
            + "q"
        )

        result = run(runner, loaded, "review", input=keys)

        assert 0 == result.exit_code, result.output
        assert "Possible conflict" in result.output
        assert "number differs: 11 ≠ 15" in result.output
        assert "negation only in new claim: لم" in result.output
        assert 2 == result.output.count("Recorded: different.")
        assert "Recorded: s06 is false (version 2)." in result.output
        assert "Stopped. 3 decisions recorded." in result.output
        with factreg.open(loaded) as reg:
            s06 = reg.get("s06")
            assert ("false", 0.8, "checked with the desk", ("https://factcheck.example/1",)) == (
                s06.status.value,
                s06.confidence,
                s06.note,
                s06.evidence,
            )
            assert "different" == reg.judgements("e01")[0].verdict.value

    def test_shows_source_claimant_chain_matches_and_history(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        A queued claim is shown with everything a reviewer needs to decide.
        """
        run(runner, loaded, "judge", "e01", "s03", "different")
        run(runner, loaded, "judge", "e03", "s10", "different")

        result = run(runner, loaded, "review", input="q")

        assert "s06" in result.output
        assert "Source:      عربي21 · 2016-11-30" in result.output
        assert "Claimant:    عربي21" in result.output
        assert "Cluster:     2 claims in 2 articles:" in result.output
        assert "    e02  مثال نيوز: وزيارة حفتر إلى القاهرة هي الرابعة" in result.output
        assert "History: " in result.output and "import by tester" in result.output
        assert "[5/t] true" in result.output

    def test_stale_claim_in_interactive_review_is_reported_and_reloaded(
        self, runner: CliRunner, loaded: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """
        If someone else reviews the shown claim first, the reviewer is told, sees what
        they changed, and may keep theirs; the queue then moves on.
        """
        from factreg.registry import Registry

        real = Registry.review

        def sneaky(self: factreg.Registry, ref: str, *args: object, **kw: object) -> object:
            with factreg.open(loaded, actor="other") as other:
                if other.get(ref).version == 1:
                    real(other, ref, "true")
            return real(self, ref, *args, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(Registry, "review", sneaky)
        run(runner, loaded, "judge", "e01", "s03", "different")
        run(runner, loaded, "judge", "e03", "s10", "different")

        result = run(runner, loaded, "review", input="f\n\n\nkq")

        assert "claim s06 was changed by someone else" in result.output
        assert "Kept theirs: s06 stays true." in result.output
        assert 0 == result.exit_code

    def test_empty_queue_says_so(self, runner: CliRunner, db_path: Path) -> None:
        """
        Nothing to review is a friendly line.
        """
        run(runner, db_path, "add", "x", "--no-match")
        run(runner, db_path, "review", "c-", "--status", "true")

        result = run(runner, db_path, "review")

        assert "The queue is empty. 0 decisions recorded.\n" == result.output


class TestListings:
    def test_queue_as_json_csv_and_table(self, runner: CliRunner, loaded: Path) -> None:
        """
        One listing, three formats with the same rows.
        """
        as_json = json.loads(run(runner, loaded, "queue", "--json").output)
        as_csv = list(csv.DictReader(io.StringIO(run(runner, loaded, "queue", "--csv").output)))
        table = run(runner, loaded, "queue").output

        assert ["conflict", "e01", "s03"] == [
            as_json[0]["kind"],
            as_json[0]["id"],
            as_json[0]["other"],
        ]
        assert [r["id"] for r in as_json] == [r["id"] for r in as_csv]
        assert ["number differs: 11 ≠ 15"] == as_json[0]["reasons"]
        assert "الوفد المرافق لحفتر يضم 15 من كبار مساعديه" in table

    def test_table_columns_stay_aligned_with_arabic(self, runner: CliRunner, loaded: Path) -> None:
        """
        Each column starts at the same display column in every row, with Arabic
        publishers and claimants (and tashkeel, which takes no width) before it.
        """
        run(
            runner,
            loaded,
            "add",
            "قَالَ الوَزِيرُ إِنَّ الوَفْدَ وَصَلَ",
            "--no-match",
            "--publisher",
            "صَحِيفَة",
            "--claimant",
            "الوَزِير",
        )

        lines = run(runner, loaded, "list").output.splitlines()

        rule = lines[1]
        starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
        assert 6 == len(starts)
        for line in lines[2:]:
            assert starts == _column_starts(line, starts), line

    def test_match_json_rows_carry_id_text_score_relation_reasons(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        `factreg match --json` rows have the documented keys.
        """
        rows = json.loads(
            run(
                runner, loaded, "match", "الوفد المرافق لحفتر يضم 13 من كبار مساعديه", "--json"
            ).output
        )

        assert {"id", "text", "score", "relation", "reasons"} <= set(rows[0])
        assert {("s03", "conflict"), ("e01", "conflict")} == {
            (r["id"], r["relation"]) for r in rows[:2]
        }

    def test_history_of_a_claim(self, runner: CliRunner, loaded: Path) -> None:
        """
        history ID lists the import and later changes with who and what.
        """
        run(runner, loaded, "--reviewer", "ana", "review", "s03", "--status", "false")

        rows = json.loads(run(runner, loaded, "history", "s03", "--json").output)

        assert ["import", "review"] == [r["action"] for r in rows if r["action"] != "link"]
        assert ("ana", {"status": "false"}) == (
            rows[-1]["actor"],
            {"status": rows[-1]["after"]["status"]},
        )

    def test_stats(self, runner: CliRunner, loaded: Path) -> None:
        """
        stats counts what was imported.
        """
        rows = {
            r["metric"]: r["value"]
            for r in json.loads(run(runner, loaded, "stats", "--json").output)
        }

        assert (22, 3) == (rows["claims"], rows["sources"])


def _column_starts(line: str, expected: list[int]) -> list[int]:
    """
    The display columns at which the cells of ``line`` begin, for comparison.

    A cell begins after a run of two or more spaces (tabulate's gap); each found start
    is reported in display columns, so a misaligned Arabic cell shows as a mismatch.
    """
    starts = [0]
    width = 0
    gap = 0
    for ch in line:
        if ch == " ":
            gap += 1
        else:
            if gap >= 2 and width in expected:
                starts.append(width)
            gap = 0
        width += max(wcswidth(ch), 0)
    return starts


class TestShowAndAdd:
    def test_show_lists_chain_cluster_and_suggestions(
        self, runner: CliRunner, loaded: Path
    ) -> None:
        """
        show prints the attribution chain outermost first and the suggested conflict.
        """
        result = run(runner, loaded, "show", "s03")

        assert "Attribution: صدى البلد → مصادر مطلعة" in result.output
        assert "Suggested matches" in result.output
        assert "conflict" in result.output and "e01" in result.output

    def test_add_defaults_claimant_to_the_innermost_attribution(
        self, runner: CliRunner, db_path: Path
    ) -> None:
        """
        -a outer -a inner makes "inner" the claimant unless --claimant says otherwise.
        """
        out = run(
            runner,
            db_path,
            "add",
            "خبر ما",
            "-a",
            "صدى البلد",
            "-a",
            "مصادر مطلعة",
            "--publisher",
            "عربي21",
            "--json",
        ).output

        row = json.loads(out)
        assert ("مصادر مطلعة", ["صدى البلد", "مصادر مطلعة"]) == (
            row["claimant"],
            row["attribution"],
        )

    def test_terminal_escapes_in_claim_text_never_reach_the_terminal(
        self, runner: CliRunner, db_path: Path
    ) -> None:
        """
        ESC, CSI and a bidi override in a claim are shown escaped, kept in the store.
        """
        text = "evil \x1b[2J\x1b]0;pwned\x07 text \u202e reversed"
        run(runner, db_path, "add", text, "--no-match")

        shown = run(runner, db_path, "list").output + run(runner, db_path, "show", "c-").output

        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
        assert "<U+001B>[2J" in shown and "<U+202E>" in shown
        with factreg.open(db_path) as reg:
            assert text == next(reg.claims()).text


class TestExport:
    def test_export_out_file_then_import_is_identical(
        self, runner: CliRunner, loaded: Path, tmp_path: Path
    ) -> None:
        """
        export --out, import into a new registry, export again: same bytes.
        """
        first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
        run(runner, loaded, "export", "--out", str(first))
        run(runner, tmp_path / "copy.db", "import", str(first))
        run(runner, tmp_path / "copy.db", "export", "--out", str(second))

        assert first.read_bytes() == second.read_bytes()

    def test_export_dir_writes_one_file_per_source(
        self, runner: CliRunner, loaded: Path, tmp_path: Path
    ) -> None:
        """
        --dir writes one JSONL per article, named after its publisher.
        """
        result = run(runner, loaded, "export", "--dir", str(tmp_path / "out"))

        names = sorted(p.name for p in (tmp_path / "out").iterdir())
        assert 0 == result.exit_code
        assert 3 == len(names)
        assert any(n.startswith("عربي21-") for n in names)


class TestRendering:
    def test_safe_escapes_controls_and_keeps_arabic_marks(self) -> None:
        """
        Controls become <U+XXXX>; ZWNJ and RLM (legitimate in Arabic script) stay.
        """
        assert "a<U+001B>b<U+202E>c\u200c\u200f" == safe("a\x1bb\u202ec\u200c\u200f")

    def test_clip_cuts_by_display_width(self) -> None:
        """
        Long text is cut to the width with an ellipsis, never mid-tashkeel.
        """
        cut = clip("قَالَ الوَزِيرُ إِنَّ الوَفْدَ وَصَلَ إلى القاهرة صباحا", 10)

        assert cut.endswith("…")
        assert 10 >= wcswidth(cut)


class TestMetaCommands:
    def test_every_command_has_help_with_an_example(self, runner: CliRunner) -> None:
        """
        Every command has a summary, option help and an example in --help.
        """
        for name, command in cli.commands.items():
            result = runner.invoke(cli, [name, "--help"])

            assert 0 == result.exit_code, name
            assert command.help and len(command.help.strip()) > 20, name
            assert "Example:" in result.output, name
            for param in command.params:
                if isinstance(param, click.Option):
                    assert param.help, f"{name} {param.name} has no help"

    def test_python_dash_m_runs_the_cli(self) -> None:
        """
        `python -m factreg --help` works.
        """
        out = subprocess.run(
            [sys.executable, "-m", "factreg", "--help"], capture_output=True, text=True, check=True
        ).stdout

        assert "factreg: a fact-check claim registry." in out

    def test_only_cli_imports_click_and_tabulate(self) -> None:
        """
        The library layers never import the CLI toolkit: only the cli package does.
        """
        package = Path(factreg.__file__).parent
        offenders = [
            str(p.relative_to(package))
            for p in package.rglob("*.py")
            if "cli" not in p.relative_to(package).parts
            and any(
                line.startswith(("import click", "from click", "import tabulate", "from tabulate"))
                for line in p.read_text(encoding="utf-8").splitlines()
            )
        ]

        assert [] == offenders

    def test_only_store_runs_sql(self) -> None:
        """
        Only modules under store/ talk to a database driver.
        """
        package = Path(factreg.__file__).parent
        offenders = [
            str(p.relative_to(package))
            for p in package.rglob("*.py")
            if "store" not in p.parts
            and any(
                line.startswith(("import sqlite3", "import psycopg", "from psycopg"))
                for line in p.read_text(encoding="utf-8").splitlines()
            )
        ]

        assert [] == offenders
