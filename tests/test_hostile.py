"""
Hostile input: what a feed, a command line or a claim's text may carry, and what factreg
does with it. Bad input is refused with one clear line (file:line: field) and nothing is
written; odd but valid text is kept as given and shown safely; nothing ever prints a
traceback, sends a raw control sequence to the terminal, or writes outside the export
directory.

The ways in are parametrized: :data:`FEEDS` (files of claims, refused byte by byte) and
:data:`SURFACES` (ways to register a claim text). ClaimReview import and article ingest
join every case here by adding one entry to each list.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import factreg
from factreg.cli import cli
from factreg.convert import EXPORT_FIELDS, MAX_JSON_DEPTH, MAX_LINE_BYTES, source_filename
from factreg.errors import InputError
from factreg.model import Source
from factreg.registry import Registry
from tests.conftest import CLAIMS

#: What must never reach a terminal raw: C0 controls but tab and newline (ESC starts
#: every escape sequence, CR and BS overwrite), DEL, C1 controls (U+009B is a one-byte
#: CSI), bidi embeddings, overrides and isolates (they reorder the rest of the line), and
#: lone surrogates (undecodable bytes from argv; they cannot even be encoded for output).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: Claim text laced with escape sequences: clear screen, set the window title, a C1 CSI,
#: a bidi override, an isolate, carriage return and backspace.
ESCAPES = (
    "Haftar visited Cairo with 11 aides \x1b[2J\x1b]0;pwned\x07 \x9b31m red "
    "\u202egnp.exe \u2066isolated\u2069 \rover\x08written"
)

#: SQL and FTS5 metacharacters that must be plain text everywhere.
SQL_TEXTS = (
    "'; DROP TABLE claims; --",
    '100% of _all_ "quoted" claims',
    "a\\b OR c*",
    'NEAR("x" "y") AND NOT z',
    "-x ^y {z}",
)

#: Characters with no width: ignored for matching, kept in the stored text.
INVISIBLE = {
    "ZWSP": "\u200b",
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "WJ": "\u2060",
    "ZWNBSP": "\ufeff",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "ALM": "\u061c",
    "SHY": "\u00ad",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "PDI": "\u2069",
}
#: Bidi controls that reorder text: shown escaped. The rest of INVISIBLE is harmless to a
#: terminal and legitimate in Arabic and Persian text (ZWNJ, RLM, ALM), so it is shown.
REORDERING = {"RLO", "LRI", "PDI"}

HAFTAR = "حفتر"
HAFTAR_SENTENCE = "حفتر يزور القاهرة سرا على رأس وفد عسكري كبير"


def run(runner: CliRunner, db: Path | str, *args: str, input: str | None = None) -> Result:
    return runner.invoke(cli, ["--db", str(db), *args], input=input)


def assert_clean(result: Result) -> None:
    """
    No traceback, an exit status a script can rely on, nothing raw for the terminal.
    """
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception,
        result.output,
    )
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    assert [] == UNSAFE.findall(result.output), result.output


# -- the ways in --------------------------------------------------------------------------


@attrs.frozen
class Feed:
    """
    A file format claims are imported from; ``document`` builds one file holding a claim
    whose text is the given raw JSON value (bytes, so malformed input can be written).
    """

    name: str
    suffix: str
    command: tuple[str, ...]
    document: Callable[[bytes], bytes]


@attrs.frozen
class Surface:
    """
    A way to register one claim text (as a user would); returns the CLI result.
    """

    name: str
    register: Callable[[CliRunner, Path, Path, str], Result]


def _jsonl(value: bytes) -> bytes:
    return b'{"text": ' + value + b', "source": {"publisher": "P"}}\n'


FEEDS = [Feed("jsonl", ".jsonl", ("import",), _jsonl)]


def _register_jsonl(runner: CliRunner, db: Path, tmp: Path, text: str) -> Result:
    feed = tmp / "surface.jsonl"
    feed.write_bytes(_jsonl(json.dumps(text).encode()))
    return run(runner, db, "import", str(feed))


def _register_add(runner: CliRunner, db: Path, tmp: Path, text: str) -> Result:
    return run(runner, db, "add", "--publisher", "P", "--", text)


def _register_claimreview(runner: CliRunner, db: Path, tmp: Path, text: str) -> Result:
    feed = tmp / "surface.json"
    feed.write_text(
        json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": "https://factcheck.example/r/1",
                "claimReviewed": text,
                "author": {"@type": "Organization", "name": "Desk"},
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": 1,
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": "False",
                },
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": [{"@type": "CreativeWork", "url": "https://news.example/a"}],
                },
            }
        ),
        encoding="utf-8",
    )
    return run(runner, db, "import", "--format", "claimreview", str(feed))


SURFACES = [
    Surface("jsonl", _register_jsonl),
    Surface("add", _register_add),
    Surface("claimreview", _register_claimreview),
]


def _ids(items: list[Feed] | list[Surface]) -> list[str]:
    return [item.name for item in items]


def _snapshot(db: Path) -> tuple[list[factreg.Claim], int]:
    with factreg.open(db, create=False) as reg:
        return list(reg.claims()), len(reg.history())


def _first_id(db: Path) -> str:
    with factreg.open(db, create=False) as reg:
        return next(reg.claims()).id


@pytest.fixture
def populated(db_path: Path) -> Path:
    """
    A registry holding one ordinary claim, so "nothing was written" can be checked.
    """
    with factreg.open(db_path) as reg:
        reg.add("The delegation included eleven senior aides", match=False)
    return db_path


# -- malformed feeds are refused, nothing written -----------------------------------------

#: (case, raw JSON value given as the claim text, what the one-line error says)
REFUSED: list[tuple[str, bytes, str]] = [
    ("escaped-NUL", b'"a\\u0000b"', "text: contains a NUL character"),
    ("raw-NUL", b'"a\x00b"', "not valid JSON: Invalid control character"),
    ("raw-NUL-outside-string", b'"a"\x00', "not valid JSON"),
    ("invalid-byte", b'"a\xffb"', "invalid UTF-8 at byte"),
    ("overlong-encoding", b'"a\xc0\xafb"', "invalid UTF-8 at byte"),
    ("truncated-sequence", b'"a\xe2\x82"', "invalid UTF-8 at byte"),
    ("encoded-surrogate", b'"a\xed\xa0\x80b"', "invalid UTF-8 at byte"),
    ("escaped-surrogate", b'"a\\ud800b"', "text: contains a lone surrogate"),
    (
        "deep-nesting",
        b"[" * 100_000 + b"]" * 100_000,
        f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
    ),
    (
        "overlong-line",
        b'"' + b"a" * MAX_LINE_BYTES + b'"',
        f"line longer than {MAX_LINE_BYTES:,} bytes",
    ),
    ("NaN", b"NaN", "NaN is not allowed in JSON"),
    ("huge-number", b"1e999", "text: expected a string"),
]


@pytest.mark.parametrize("feed", FEEDS, ids=_ids(FEEDS))
class TestMalformedFeeds:
    @pytest.mark.parametrize(
        ("value", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
    )
    def test_refused_with_one_line_naming_the_place_and_nothing_written(
        self,
        runner: CliRunner,
        populated: Path,
        tmp_path: Path,
        feed: Feed,
        value: bytes,
        message: str,
    ) -> None:
        """
        NUL, invalid UTF-8, lone surrogates, deep nesting, an overlong line: one
        ``Error: file:line: …`` line, exit 1, claims and audit log unchanged.
        """
        bad = tmp_path / f"bad{feed.suffix}"
        bad.write_bytes(feed.document(value))
        before = _snapshot(populated)

        result = run(runner, populated, *feed.command, str(bad))

        assert_clean(result)
        assert 1 == result.exit_code
        assert result.output.startswith(f"Error: {bad}:1: "), result.output
        assert message in result.output
        assert 1 == result.output.count("\n")
        assert before == _snapshot(populated)

    def test_skip_invalid_names_each_bad_line_and_imports_the_rest(
        self, runner: CliRunner, db_path: Path, tmp_path: Path, feed: Feed
    ) -> None:
        """
        With --skip-invalid every hostile line is reported, and the good one imported.
        """
        bad = tmp_path / f"mixed{feed.suffix}"
        bad.write_bytes(
            b"".join(feed.document(value) for _, value, _ in REFUSED)
            + feed.document(b'"a fine claim"')
        )

        result = run(runner, db_path, *feed.command, "--skip-invalid", str(bad))

        assert_clean(result)
        assert 0 == result.exit_code
        assert len(REFUSED) == result.output.count("Skipped ")
        assert ["a fine claim"] == [c.text for c in _snapshot(db_path)[0]]


def _nested(depth: int) -> object:
    value: object = "deep"
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("row", "message"),
    [
        pytest.param(
            {"text": "x", "version": 10**30},
            "version: must be a whole number",
            id="version-beyond-any-integer-column",
        ),
        pytest.param(
            {"text": "x", "created_at": "0001-01-01T00:00:00+14:00"},
            "created_at: is out of range",
            id="timestamp-before-year-1-in-UTC",
        ),
        pytest.param(
            {"text": "x", "updated_at": "9999-12-31T23:59:59-14:00"},
            "updated_at: is out of range",
            id="timestamp-after-year-9999-in-UTC",
        ),
        pytest.param(
            {"text": "x", "note": _nested(MAX_JSON_DEPTH)},
            f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
            id="nested-33-levels",
        ),
        pytest.param(
            {"text": "x", "source": {"publisher": "a\u0000b"}},
            "source.publisher: contains a NUL character",
            id="NUL-in-publisher",
        ),
        pytest.param(
            {"text": "x", "source": {"publisher": "a\ud800b"}},
            "source.publisher: contains a lone surrogate",
            id="surrogate-in-publisher",
        ),
        pytest.param(
            {"text": "x", "te\u0000xt": 1}, "te<U+0000>xt: unknown key", id="NUL-in-a-key"
        ),
        pytest.param(
            {"id": "'; DROP TABLE claims; --", "text": "x"}, "id: invalid id", id="SQL-as-id"
        ),
        pytest.param({"id": "c%", "text": "x"}, "id: invalid id", id="wildcard-as-id"),
    ],
)
def test_hostile_jsonl_fields_are_refused_naming_the_field(
    runner: CliRunner, populated: Path, tmp_path: Path, row: dict[str, object], message: str
) -> None:
    """
    Values that fit JSON but not a claim (integers past any column, timestamps that
    leave the calendar in UTC, NUL or surrogates in fields, SQL as an id) are refused.
    """
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row) + "\n")
    before = _snapshot(populated)

    result = run(runner, populated, "import", str(bad))

    assert_clean(result)
    assert 1 == result.exit_code
    assert f"Error: {bad}:1: {message}" in result.output
    assert before == _snapshot(populated)


_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(st.characters(codec=None)),
    st.sampled_from(
        [
            "2016-11-30",
            "2016-11-30T10:00:00Z",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-14:00",
            "https://x.example/a",
            "unverified",
            "false",
            "\x1b[2J",
            "a\u0000b",
            "\ud800",
        ]
    ),
)
_json_values = st.recursive(
    _json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["url", "publisher", "title", "published", "language", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)
_rows = st.dictionaries(st.sampled_from([*EXPORT_FIELDS, "x"]), _json_values, max_size=6)


@pytest.fixture(scope="module")
def shared_registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    """
    One registry for every example of a property test (examples only add to it).
    """
    with factreg.open(tmp_path_factory.mktemp("hostile") / "factreg.db", actor="tester") as reg:
        yield reg


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=_rows, raw=st.binary(max_size=40), use_raw=st.booleans())
def test_any_line_is_imported_or_refused_as_input(
    shared_registry: Registry, row: dict[str, object], raw: bytes, use_raw: bool
) -> None:
    """
    Whatever one line holds (any JSON shape, surrogates, huge numbers, odd dates, or
    random bytes), import either registers it or raises InputError; never anything else,
    and the registry stays consistent.
    """
    line = raw if use_raw else json.dumps(row).encode()
    with contextlib.suppress(InputError):
        shared_registry.import_jsonl([("h.jsonl", io.BytesIO(line + b"\n"))])

    assert [] == shared_registry.check()


# -- claim text: kept as given, shown safely, matched as if invisible ---------------------


@pytest.mark.parametrize("surface", SURFACES, ids=_ids(SURFACES))
class TestClaimText:
    @pytest.mark.parametrize("name", sorted(INVISIBLE))
    def test_invisible_characters_are_kept_in_the_stored_text(
        self, runner: CliRunner, db_path: Path, tmp_path: Path, surface: Surface, name: str
    ) -> None:
        """
        Zero-width and bidi characters are part of the claim as published: stored as is.
        """
        text = HAFTAR_SENTENCE.replace(HAFTAR, f"حف{INVISIBLE[name]}تر")

        result = surface.register(runner, db_path, tmp_path, text)

        assert_clean(result)
        assert 0 == result.exit_code
        assert [text] == [c.text for c in _snapshot(db_path)[0]]

    @pytest.mark.parametrize("name", sorted(INVISIBLE))
    def test_invisible_characters_are_shown_safely(
        self, runner: CliRunner, db_path: Path, tmp_path: Path, surface: Surface, name: str
    ) -> None:
        """
        Reordering controls are shown as <U+XXXX>; harmless marks (ZWNJ, RLM…) as they are.
        """
        char = INVISIBLE[name]
        surface.register(runner, db_path, tmp_path, f"حف{char}تر زار القاهرة")
        claim_id = _first_id(db_path)

        shown = [
            run(runner, db_path, *args)
            for args in (
                ["show", claim_id],
                ["show", claim_id, "--json"],
                ["list"],
                ["list", "--csv"],
            )
        ]

        expected = f"حف<U+{ord(char):04X}>تر" if name in REORDERING else f"حف{char}تر"
        assert expected in shown[0].output
        for result in shown:
            assert_clean(result)

    @pytest.mark.parametrize("text", SQL_TEXTS)
    def test_sql_metacharacters_are_plain_text(
        self, runner: CliRunner, db_path: Path, tmp_path: Path, surface: Surface, text: str
    ) -> None:
        """
        Quotes, comments, wildcards and FTS5 operators are stored verbatim and matched
        like words; the tables are untouched.
        """
        result = surface.register(runner, db_path, tmp_path, text)
        found = json.loads(run(runner, db_path, "match", "--json", "--", text).output)

        assert 0 == result.exit_code, result.output
        assert [text] == [c.text for c in _snapshot(db_path)[0]]
        assert text in [row["text"] for row in found]

    def test_escape_sequences_are_kept_and_never_shown_raw(
        self, runner: CliRunner, db_path: Path, tmp_path: Path, surface: Surface
    ) -> None:
        """
        A claim full of terminal escapes is stored as given and listed escaped.
        """
        result = surface.register(runner, db_path, tmp_path, ESCAPES)
        shown = run(runner, db_path, "show", _first_id(db_path))

        assert_clean(result)
        assert_clean(shown)
        assert [ESCAPES] == [c.text for c in _snapshot(db_path)[0]]
        assert "<U+001B>[2J<U+001B>]0;pwned<U+0007> <U+009B>31m" in shown.output


@pytest.mark.parametrize("name", sorted(INVISIBLE))
@pytest.mark.parametrize("clean", [HAFTAR, HAFTAR_SENTENCE], ids=["word", "sentence"])
def test_invisible_characters_are_ignored_for_matching(
    registry: Registry, name: str, clean: str
) -> None:
    """
    "حف\u200bتر" finds "حفتر" exactly as "حفتر" does: same claims, scores, relations.
    """
    registry.add(HAFTAR, match=False)
    registry.add(HAFTAR_SENTENCE, source=Source(publisher="A"), match=False)
    dirty = clean.replace(HAFTAR, f"حف{INVISIBLE[name]}تر")

    expected = [(m.claim_id, m.score, m.relation) for m in registry.match(clean)]

    assert expected
    assert expected == [(m.claim_id, m.score, m.relation) for m in registry.match(dirty)]


# -- escape sequences never reach the terminal --------------------------------------------


@pytest.fixture
def hostile_db(runner: CliRunner, db_path: Path) -> Path:
    """
    A registry where every displayed field carries escape sequences: claim text,
    publisher, title, claimant, chain, tags, note, evidence URL and reviewer, with a
    conflicting restatement queued against it and a judgement and review in the log.
    """
    evil = "\x1b[31m\u202e"
    first = run(
        runner,
        db_path,
        "--reviewer",
        f"mallory{evil}",
        "add",
        ESCAPES,
        "--publisher",
        f"Evil{evil} Press",
        "--title",
        f"T{evil}",
        "--url",
        "https://evil.example/a",
        "--claimant",
        f"someone{evil}",
        "-a",
        f"wire{evil}",
        "-a",
        f"someone{evil}",
        "--tag",
        f"t{evil}",
    )
    second = run(
        runner,
        db_path,
        "add",
        ESCAPES.replace("11", "15"),
        "--publisher",
        "Other",
        "--url",
        "https://other.example/b",
    )
    note = run(
        runner,
        db_path,
        "review",
        _first_id(db_path),
        "--status",
        "in_review",
        "--note",
        f"checked{evil}",
        "--evidence",
        "https://evil.example/\x1b[2J",
    )
    assert (0, 0, 0) == (first.exit_code, second.exit_code, note.exit_code), (
        first.output + second.output + note.output
    )
    return db_path


DISPLAYS = [
    ["list"],
    ["list", "--json"],
    ["list", "--csv"],
    ["show", "ID"],
    ["show", "ID", "--json"],
    ["queue"],
    ["queue", "--json"],
    ["queue", "--csv"],
    ["history"],
    ["history", "--json"],
    ["history", "--csv"],
    ["match", ESCAPES],
    ["match", ESCAPES, "--json"],
    ["match", ESCAPES, "--csv"],
    ["stats", "--json"],
    ["export"],
]


@pytest.mark.parametrize("args", DISPLAYS, ids=" ".join)
def test_listings_never_print_raw_controls(
    runner: CliRunner, hostile_db: Path, args: list[str]
) -> None:
    """
    Every listing, in every format, escapes controls and bidi overrides it displays.
    """
    args = [_first_id(hostile_db) if a == "ID" else a for a in args]

    result = run(runner, hostile_db, *args)

    assert_clean(result)
    assert 0 == result.exit_code


@pytest.mark.parametrize(
    "args",
    [a for a in DISPLAYS if a[0] != "stats" and ("--json" in a or a == ["export"])],
    ids=" ".join,
)
def test_json_output_still_reads_back_to_the_stored_text(
    runner: CliRunner, hostile_db: Path, args: list[str]
) -> None:
    """
    Escaping in JSON output is JSON escaping: a consumer gets the original text back.
    """
    args = [_first_id(hostile_db) if a == "ID" else a for a in args]
    output = run(runner, hostile_db, *args).output

    texts = _strings(
        json.loads(output)
        if args[0] != "export"
        else [json.loads(line) for line in output.splitlines()]
    )

    # The audit log holds what changed (the note), not the claim text again.
    expected = "checked\x1b[31m\u202e" if args[0] == "history" else ESCAPES
    assert expected in texts


def _strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_strings(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_strings(v) for v in value))
    return set()


def test_interactive_review_never_prints_raw_controls(runner: CliRunner, hostile_db: Path) -> None:
    """
    The interactive walk shows the hostile pair, then the hostile claim, escaped; a key
    typed with an escape is echoed escaped. (What is typed at a prompt is echoed by the
    terminal, not by factreg, so prompts get plain answers here.)
    """
    keys = "\x1b" + "?" + "a note\n" + "\x9b" + "f" + "0.5\n" + "noted\n" + "\n" + "q"

    result = run(runner, hostile_db, "review", input=keys)

    assert_clean(result)
    assert "Possible conflict" in result.output
    assert "Recorded: unsure." in result.output
    assert "'\\x1b' is not a choice" in result.output
    assert "<U+202E>" in result.output


ERRORS = [
    pytest.param(["show", "\x1b[2J"], 1, id="unknown-id"),
    pytest.param(["import", "\x1b]0;pwned\x07.jsonl"], 2, id="missing-file"),
    pytest.param(["list", "--x\x1b[31m"], 2, id="unknown-option"),
    pytest.param(["\x9b2Jcmd"], 2, id="unknown-command"),
    pytest.param(["review", "c-", "--status", "\x1b[2J"], 2, id="bad-choice"),
    pytest.param(
        ["review", "ID", "--status", "false", "--evidence", "\x1b[2J"], 1, id="bad-evidence-url"
    ),
    pytest.param(["review", "ID", "--status", "false", "--note", "a\x00b"], 1, id="NUL-in-note"),
    pytest.param(["add", "x", "--published", "\u202e2016"], 2, id="bad-date"),
    pytest.param(["add", "x", "--lang", "\x1b"], 1, id="bad-lang"),
    pytest.param(["judge", "ID", "\x1b[2J", "same"], 1, id="bad-judge-id"),
    pytest.param(["export", "--dir", "file\x1b[2J"], 2, id="export-dir-is-a-file"),
    pytest.param(["export", "--dir", "file\x1b[2J/sub"], 1, id="export-dir-under-a-file"),
    pytest.param(["backup", "dir\x1b[2J"], 2, id="backup-to-a-directory"),
    pytest.param(["--db", "dir\x1b[2J", "list"], 1, id="db-is-a-directory"),
]


@pytest.mark.parametrize(("args", "code"), ERRORS)
def test_error_messages_quoting_input_escape_it(
    runner: CliRunner, hostile_db: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int
) -> None:
    """
    An error that quotes what the user typed shows its controls escaped.
    """
    args = [_first_id(hostile_db) if a == "ID" else a for a in args]
    monkeypatch.chdir(hostile_db.parent)
    Path("file\x1b[2J").write_text("")
    Path("dir\x1b[2J").mkdir()

    result = run(runner, hostile_db, *args)

    assert_clean(result)
    assert code == result.exit_code
    assert "Error: " in result.output


# -- SQL metacharacters in ids and prefixes -----------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("a_", "a_b"),
        ("a.", "a.b"),
        ("a%", None),
        ("%", None),
        ("_", None),
        ("a_%", None),
        ("'; DROP TABLE claims; --", None),
        ('"', None),
        ("a'", None),
        ("\udcff", None),
    ],
)
def test_id_prefixes_are_literal(registry: Registry, prefix: str, expected: str | None) -> None:
    """
    '_' and '%' in a prefix are characters, not wildcards; quotes are not SQL; an id
    that cannot exist (undecodable bytes) is simply not found.
    """
    for claim_id in ("a_b", "axb", "a.b", "ayb"):
        registry.add(f"claim {claim_id}", id=claim_id, match=False)

    try:
        found: str | None = registry.resolve(prefix)
    except factreg.ClaimNotFoundError:
        found = None

    assert expected == found
    assert 4 == registry.stats()["claims"]


# -- export file names --------------------------------------------------------------------

#: Names Windows refuses as a file's stem, whatever the extension.
WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
PUBLISHERS = [
    "../../x",
    "/etc/passwd",
    "..",
    ".",
    ".hidden",
    "C:\\Windows\\x",
    "\\\\server\\share",
    "CON",
    "nul",
    "Com1",
    "LPT9",
    "aux.txt",
    "-rf",
    "x" * 1000,
    "名前" * 400,
    "\U00020000" * 500,
    "a\nb",
    "\x1b[2J\u202e",
    "'; DROP TABLE claims; --",
    "%_%",
    "عربي21",
]


def _check_export_name(name: str) -> None:
    stem = name.split(".")[0].casefold()
    assert name.endswith(".jsonl") and not name.startswith((".", "-")), name
    assert re.fullmatch(r"[\w-]+\.jsonl", name) and "_" not in name.removeprefix("_"), name
    assert stem not in WINDOWS_RESERVED, name
    assert len(name.encode("utf-8")) <= 255 - len(".tmp") - 1, name


@pytest.mark.parametrize("publisher", PUBLISHERS)
def test_export_file_names_stay_in_the_directory(
    registry: Registry, tmp_path: Path, publisher: str
) -> None:
    """
    A publisher's name becomes one short, portable file name inside the export directory
    (no traversal, no hidden or option-like name, no Windows device name, at most 255
    bytes), and the directory imports back to the same claim.
    """
    registry.add("a claim", source=Source(publisher=publisher), match=False)
    out = tmp_path / "out"

    written = registry.export_dir(out)

    [name] = written
    assert [out / name] == list(out.iterdir())
    _check_export_name(name)
    with factreg.open(tmp_path / "copy.db") as copy:
        copy.import_jsonl([out])
        assert [publisher] == [c.source.publisher if c.source else None for c in copy.claims()]


@given(
    st.text(
        st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=1000
    ).filter(str.strip)
)
def test_any_publisher_name_gives_a_portable_file_name(publisher: str) -> None:
    """
    Whatever a publisher is called, its export file name is portable and bounded.
    """
    _check_export_name(source_filename(Source(publisher=publisher)))


# -- user mistakes never show a traceback -------------------------------------------------

_WORDS = [
    *cli.commands,
    "--json",
    "--csv",
    "--table",
    "--limit",
    "--status",
    "--confidence",
    "--note",
    "--evidence",
    "--reopen",
    "--expect-version",
    "--lang",
    "--publisher",
    "--url",
    "--published",
    "--title",
    "--tag",
    "-a",
    "--no-match",
    "--skip-invalid",
    "--out",
    "--dir",
    "-q",
    "--db",
    "--reviewer",
    "-",
    "--",
    "",
    " ",
    "s03",
    "e01",
    "c-",
    "same",
    "different",
    "false",
    "mostly-true",
    "0.5",
    "1.5",
    "-1",
    "0",
    "9" * 30,
    "1e309",
    "nan",
    "2016-11-30",
    "https://x.example/a",
    str(CLAIMS),
    "out.jsonl",
    "\x1b[2J",
    "\x9b31m",
    "\u202e",
    "\udcff",
    "\udcff.jsonl",
    "CON",
    "../../x",
    "'; DROP TABLE claims; --",
    "%",
    "_",
    '"',
    "حف\u200bتر",
    "x" * 20_001,
]
_TOKENS = st.one_of(
    st.sampled_from(_WORDS),
    st.text(st.characters(codec=None, exclude_characters="\x00"), max_size=12),
)
#: Mostly a real command first, so most examples get past the parser.
_ARGS = st.builds(
    lambda head, tail: [*head, *tail],
    st.lists(st.sampled_from(sorted(cli.commands)), max_size=1),
    st.lists(_TOKENS, max_size=5),
)
#: What a user types at a prompt (the terminal, not factreg, echoes it).
_TYPED = st.text(
    st.characters(categories=["L", "N", "P", "Zs"], include_characters="\n"), max_size=20
)


@contextlib.contextmanager
def _inside_new_directory(parent: Path) -> Iterator[None]:
    """
    Run in a fresh directory under ``parent`` (what a random command writes lands there).
    """
    old = Path.cwd()
    with tempfile.TemporaryDirectory(dir=parent) as new:
        os.chdir(new)
        try:
            yield
        finally:
            os.chdir(old)


@pytest.fixture(scope="module")
def cli_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """
    A directory with a registry holding the example claims, for random command lines.
    """
    root = tmp_path_factory.mktemp("cli")
    with factreg.open(root / "factreg.db", actor="tester") as reg:
        reg.import_jsonl([CLAIMS])
    return root


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=_ARGS, typed=_TYPED)
def test_random_command_lines_never_show_a_traceback(
    cli_sandbox: Path, args: list[str], typed: str
) -> None:
    """
    Any argument list (as a shell passes them: no NUL, undecodable bytes as surrogates)
    exits 0, 1 or 2 with a message: no traceback, no raw control on the terminal.
    """
    with _inside_new_directory(cli_sandbox):
        result = CliRunner().invoke(
            cli, ["--db", str(cli_sandbox / "factreg.db"), *args], input=typed
        )

    assert_clean(result)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param([b"show", b"\xff"], 1, id="undecodable-id"),
        pytest.param([b"add", b"caf\xe9 au lait"], 1, id="latin1-claim-text"),
        pytest.param([b"--reviewer", b"r\xe9mi", b"add", b"x"], 1, id="latin1-reviewer"),
        pytest.param([b"match", b"\xd8\xad\xff"], 0, id="undecodable-query"),
        pytest.param([b"queue", b"--limit", b"9" * 30], 2, id="huge-limit"),
        pytest.param([b"history", b"--limit", b"9" * 30], 2, id="huge-history-limit"),
        pytest.param([b"backup", b"\xff\x1b[2J.db"], 0, id="undecodable-backup-path"),
        pytest.param([b"import", b"\xe1\xf3\xed.jsonl"], 0, id="cp1256-file-name"),
    ],
)
def test_undecodable_arguments_from_a_real_shell(
    tmp_path: Path, args: list[bytes], code: int
) -> None:
    """
    Bytes that are not UTF-8 (a Latin-1 terminal, a CP1256 file name) reach factreg as
    a real shell passes them: a clear error or a result, never a traceback.
    """
    db = tmp_path / "factreg.db"
    with factreg.open(db) as reg:
        reg.add("a claim", match=False)
    (tmp_path / os.fsdecode(b"\xe1\xf3\xed.jsonl")).write_text('{"text": "from cp1256"}\n')

    done = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"factreg", b"--db", os.fsencode(db), *args],
        capture_output=True,
        timeout=60,
        cwd=tmp_path,
    )
    err = done.stderr.decode("utf-8", "replace")

    assert code == done.returncode, err
    assert "Traceback" not in err
    assert [] == UNSAFE.findall(done.stdout.decode("utf-8", "replace") + err)
    with factreg.open(db, create=False) as reg:
        assert [] == reg.check()
