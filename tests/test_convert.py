"""
The interchange format: one converter, strict reading, stable writing.
"""

from __future__ import annotations

import contextlib
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from cattrs.gen import make_dict_structure_fn
from hypothesis import given, settings
from hypothesis import strategies as st

from factreg import convert
from factreg.convert import (
    EXPORT_FIELDS,
    MAX_LINE_BYTES,
    claim_to_row,
    converter,
    dump_row,
    read_jsonl,
    row_to_claim,
    source_filename,
)
from factreg.errors import InputError, ValidationError
from factreg.model import Claim, Source
from tests.strategies import claims, ids, names, texts, urls


def _read(data: bytes) -> list[tuple[int, Claim | InputError]]:
    return [(line, item) for line, _, item in read_jsonl(io.BytesIO(data), name="f.jsonl")]


class TestRoundTrip:
    @given(claims())
    def test_structure_unstructure_is_identity(self, claim: Claim) -> None:
        """
        structure(unstructure(claim)) == claim for any claim, Arabic text included.
        """
        assert claim == converter.structure(converter.unstructure(claim), Claim)

    @given(claims())
    def test_export_row_reads_back_to_the_same_claim(self, claim: Claim) -> None:
        """
        A JSON line written by export reads back to an equal claim and the same line.
        """
        line = dump_row(claim_to_row(claim))
        again = row_to_claim(json.loads(line))

        assert claim == again
        assert line == dump_row(claim_to_row(again))

    def test_export_keys_come_in_the_documented_order(self) -> None:
        """
        Keys are in EXPORT_FIELDS order, so files diff line by line.
        """
        row = claim_to_row(Claim.new("x", source=Source(publisher="p")))

        assert list(EXPORT_FIELDS) == list(row)
        assert ["url", "publisher", "title", "published", "language"] == list(row["source"])

    def test_arabic_is_written_as_utf8(self) -> None:
        """
        Arabic is readable in the file, not \\u-escaped.
        """
        assert "حفتر" in dump_row(claim_to_row(Claim.new("حفتر")))

    def test_bidi_override_and_c1_controls_are_escaped_in_files(self) -> None:
        """
        U+202E and U+009B are escaped on output but read back to the same text.
        """
        claim = Claim.new("abc\u202edef\u009bx")
        line = dump_row(claim_to_row(claim))

        assert "\u202e" not in line and "\\u202e" in line
        assert "\\u009b" in line
        assert claim.text == row_to_claim(json.loads(line)).text


class TestReadJsonl:
    def test_minimal_row_needs_only_text(self) -> None:
        """
        {"text": …} is a complete claim; id, timestamps and language are filled in.
        """
        [(line, claim)] = _read('{"text": "الوفد يضم 11"}\n'.encode())

        assert 1 == line
        assert isinstance(claim, Claim)
        assert ("الوفد يضم 11", "ar") == (claim.text, claim.lang)

    def test_given_id_is_kept(self) -> None:
        """
        An id given on import is the claim's id.
        """
        [(_, claim)] = _read(b'{"id": "s03", "text": "x"}\n')

        assert isinstance(claim, Claim)
        assert "s03" == claim.id

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            (
                b"{not json",
                "f.jsonl:1: not valid JSON: Expecting property name enclosed in "
                "double quotes (column 2)",
            ),
            (b'{"id": "s1"}', "f.jsonl:1: text: is missing (the one required field)"),
            (
                b'{"id": "", "text": "x"}',
                "f.jsonl:1: id: is empty (leave it out to have one derived)",
            ),
            (
                b'{"text": "x", "confidence": 1.5}',
                "f.jsonl:1: confidence: must be between 0 and 1, got 1.5",
            ),
            (
                b'{"text": "x", "status": "fake"}',
                "f.jsonl:1: status: unknown status 'fake' (expected one of: unverified, in_review, "
                "true, mostly_true, mixed, mostly_false, false, misleading, unverifiable)",
            ),
            (b'{"text": "x", "colour": "red"}', "f.jsonl:1: colour: unknown key"),
            (
                b'{"text": "x", "source": {"url": "https://a.b/c", "author": "z"}}',
                "f.jsonl:1: source.author: unknown key",
            ),
            (b'{"text": 42}', "f.jsonl:1: text: expected a string, got number 42"),
            (
                b'{"text": "x", "confidence": "0.5"}',
                "f.jsonl:1: confidence: expected a number, got string '0.5'",
            ),
            (
                b'{"text": "x", "source": {"publisher": "p", "published": "30/11/2016"}}',
                "f.jsonl:1: source.published: not an ISO 8601 date (YYYY-MM-DD) or timestamp: "
                "'30/11/2016'",
            ),
            (
                b'{"text": "x", "attribution": "one"}',
                "f.jsonl:1: attribution: expected a list of strings, got string 'one'",
            ),
            (b"[1, 2]", "f.jsonl:1: expected a JSON object, got a list"),
            (b'{"text": "x", "text": "y"}', "f.jsonl:1: text: appears twice in the object"),
            (b'{"text": "x", "confidence": NaN}', "f.jsonl:1: NaN is not allowed in JSON"),
            (b'{"text": "\xff\xfe"}', "f.jsonl:1: invalid UTF-8 at byte 11 of the line"),
        ],
    )
    def test_bad_line_names_file_line_and_field(self, line: bytes, expected: str) -> None:
        """
        Every kind of bad line yields one InputError: file:line: field: problem.
        """
        [(_, error)] = _read(line + b"\n")

        assert isinstance(error, InputError)
        assert expected == str(error)

    def test_errors_carry_their_own_line_numbers(self) -> None:
        """
        Line numbers count every line, blank ones included; blank lines are skipped.
        """
        data = b'{"text": "a"}\n\n{"text": ""}\n{"text": "c"}\n'

        got = [(line, type(item).__name__) for line, item in _read(data)]

        assert [(1, "Claim"), (3, "InputError"), (4, "Claim")] == got

    def test_utf8_bom_is_accepted(self) -> None:
        """
        A file saved "UTF-8 with BOM" by a Windows editor imports cleanly.
        """
        [(_, claim)] = _read('\ufeff{"text": "خبر"}\n'.encode())

        assert isinstance(claim, Claim)
        assert "خبر" == claim.text

    def test_bom_inside_a_file_is_named(self) -> None:
        """
        A byte order mark opening a later line (files pasted together) is named as such.
        """
        [_, (_, error)] = _read('{"text": "a"}\n\ufeff{"text": "b"}\n'.encode())

        assert isinstance(error, InputError)
        assert (
            "f.jsonl:2: not valid JSON: Unexpected UTF-8 BOM (decode using utf-8-sig) (column 1)"
        ) == str(error)

    def test_overlong_line_is_refused_without_reading_it_whole(self) -> None:
        """
        A line over the documented limit is one error, and the next line still reads.
        """
        data = b'{"text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}\n{"text": "ok"}\n'

        got = _read(data)

        assert isinstance(got[0][1], InputError)
        assert f"f.jsonl:1: line longer than {MAX_LINE_BYTES:,} bytes" == str(got[0][1])
        assert isinstance(got[1][1], Claim)

    def test_deeply_nested_json_is_refused(self) -> None:
        """
        Nesting far beyond a claim's shape is refused, not a RecursionError.
        """
        line = b'{"text": "x", "note": ' + b"[" * 5000 + b"]" * 5000 + b"}\n"

        [(_, error)] = _read(line)

        assert isinstance(error, InputError)
        assert "nested deeper" in str(error)


# Lines of the common shape and near misses: each key of it or not, values of every JSON
# type, good and bad strings, sources good, bad or with an unknown key, an unknown key.
_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from(["", " ", "a\x00b", "\ud800", "bad id", "EN", "xx1"]),
    st.lists(st.just("x"), max_size=1),
    st.just({}),
)


def _mostly(
    good: st.SearchStrategy[Any],
    bad: st.SearchStrategy[Any] = _ODD,
) -> st.SearchStrategy[Any]:
    # A good value seven times in eight: many lines then take the quick path to the end.
    return st.sampled_from([True] * 7 + [False]).flatmap(lambda ok: good if ok else bad)


_SOURCE_ROWS = _mostly(
    st.fixed_dictionaries(
        {},
        optional={
            "url": _mostly(
                urls,
                st.one_of(
                    _ODD,
                    st.sampled_from(["x", "https://a.example/p q", "urn:x:1", "HTTP://a.example"]),
                ),
            ),
            "publisher": _mostly(names),
            "title": _mostly(names),
            "published": _mostly(
                st.sampled_from(["2016-11-30", "2016-11-30T10:00:00Z"]),
                st.one_of(_ODD, st.sampled_from(["30/11/2016", "2016-11-30T10:00:00"])),
            ),
            "language": _mostly(st.sampled_from(["ar", "en"])),
        },
    )
)
_PLAIN_ROWS = st.fixed_dictionaries(
    {"text": _mostly(texts)},
    optional={
        "id": _mostly(ids),
        "lang": _mostly(st.sampled_from(["ar", " EN "])),
        "claimant": _mostly(names),
        "source": _SOURCE_ROWS,
    },
)
_ROWS = st.one_of(
    _PLAIN_ROWS,
    st.builds(
        lambda row, extra: {**row, **extra},
        _PLAIN_ROWS,
        st.fixed_dictionaries({}, optional={"note": _mostly(texts), "colour": st.just("red")}),
    ),
    _PLAIN_ROWS.map(lambda row: {k: v for k, v in row.items() if k != "text"}),
    _PLAIN_ROWS.map(
        lambda row: (
            {**row, "source": {**row["source"], "author": "z"}}
            if isinstance(row.get("source"), dict)
            else row
        )
    ),
)
_AT = datetime(2024, 11, 30, tzinfo=timezone.utc)


def _outcome(read: Any, row: Any) -> tuple[Any, ...]:
    # What reading a row gives, its timestamps set aside: the claim or the error.
    try:
        claim = read(row)
    except ValidationError as exc:
        return ("error", exc.field, exc.problem)
    return ("claim", attrs.evolve(claim, created_at=_AT, updated_at=_AT))


class TestPlainLines:
    @given(_ROWS)
    @settings(max_examples=500)
    def test_read_as_the_general_path_reads_them(self, row: dict[str, Any]) -> None:
        """
        Common lines, read without cattrs, give the claim or the error cattrs gives.
        """
        assert _outcome(convert._structure_claim, row) == _outcome(row_to_claim, row)

    def test_feed_line_takes_the_quick_path(self) -> None:
        """
        A line of id, text and source is read without the general path, to the same claim.
        """
        row = {
            "id": "c-1",
            "text": "الوفد يضم 11",
            "source": {
                "url": "https://outlet12.example/0/1",
                "publisher": "outlet12.example",
                "published": "2015-02-02",
            },
        }

        plain = convert._plain_claim(row)

        assert plain is not None
        assert _outcome(convert._structure_claim, row) == _outcome(lambda _: plain, row)


class TestPlainSources:
    @given(_SOURCE_ROWS.filter(lambda value: isinstance(value, dict)))
    @settings(max_examples=300)
    def test_are_what_cattrs_builds(self, value: dict[str, Any]) -> None:
        """
        A source object read without cattrs is the Source cattrs builds from it.
        """
        structure = make_dict_structure_fn(Source, converter, _cattrs_forbid_extra_keys=True)

        plain = convert._plain_source(value)

        assert plain is None or structure(value, Source) == plain

    @pytest.mark.parametrize(
        "value",
        [
            {"url": "https://a.example/1", "publisher": "p", "published": "2015-02-02"},
            {
                "publisher": "عربي21",
                "title": "t",
                "published": "2016-11-30T10:00:00Z",
                "language": "ar",
            },
            {"url": "urn:x:1", "publisher": None},
        ],
    )
    def test_feed_sources_take_the_quick_path(self, value: dict[str, Any]) -> None:
        """
        Known keys with string values are read without cattrs, to the Source cattrs gives.
        """
        structure = make_dict_structure_fn(Source, converter, _cattrs_forbid_extra_keys=True)

        assert structure(value, Source) == convert._plain_source(value)

    @pytest.mark.parametrize(
        "value",
        [
            {"url": "https://a.example/1", "author": "z"},
            {"url": 5},
            {"title": "t"},
            {"publisher": "p", "published": "30/11/2016"},
        ],
    )
    def test_others_take_the_general_path(self, value: dict[str, Any]) -> None:
        """
        An unknown key, a value that is not a string or a bad value leave it to cattrs.
        """
        assert convert._plain_source(value) is None


class TestSourceFilename:
    @given(names)
    def test_names_never_leave_the_directory(self, publisher: str) -> None:
        """
        Whatever a publisher is called, its file name is one safe path component.
        """
        name = source_filename(Source(publisher=publisher))

        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert Path(name).name == name and name.endswith(".jsonl")

    @pytest.mark.parametrize("publisher", ["../../etc/passwd", "..", "a/../../b", "C:\\x"])
    def test_traversal_attempts_are_neutralised(self, publisher: str) -> None:
        """
        Path separators and dots in a publisher name become dashes.
        """
        name = source_filename(Source(publisher=publisher))

        assert ".." not in name and "/" not in name and "\\" not in name

    def test_arabic_publisher_keeps_a_readable_name(self) -> None:
        """
        عربي21 is still recognisable in its file name.
        """
        assert source_filename(Source(publisher="عربي21")).startswith("عربي21-")


def test_validation_error_message_names_field() -> None:
    """
    ValidationError reads "field: problem".
    """
    assert "source.url: not an absolute URL: 'x'" == str(
        ValidationError("source.url", "not an absolute URL: 'x'")
    )


@given(st.text())
def test_row_to_claim_never_raises_foreign_errors(text: str) -> None:
    """
    Whatever JSON value arrives, the reader raises only our ValidationError.
    """
    for value in ({"text": text}, {"text": text, "tags": [text]}, text, {"source": text}):
        with contextlib.suppress(ValidationError):
            row_to_claim(value)
