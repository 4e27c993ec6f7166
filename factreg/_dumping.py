"""
The full-copy file: a registry as JSON Lines, everything a reviewer ever did (private).

Line 1 is ``{"factreg_dump": 1, "counts": {...}}``; every other line is one row,
``{"<kind>": {...}}``, in the order the store yields them: claims (the export's fields
plus ``matched``), links, judgements, open suggestions, audit events. UTF-8 text is kept
as is (Arabic stays readable), controls unsafe for a terminal are ``\\uXXXX``. Written
and read one line at a time, so a million claims never sit in memory at once; the
counts on the first line let a restore refuse a truncated file.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from factreg._files import atomic_text
from factreg.convert import dump_row, parse_json
from factreg.errors import InputError
from factreg.store import Store

#: The version of the file format, on its first line.
DUMP_FORMAT = 1
#: The key of the first line that marks a file as a factreg dump.
MARKER = "factreg_dump"


def write_dump(rows: Iterable[tuple[str, dict[str, Any]]], stream: IO[str]) -> dict[str, int]:
    """
    Write the rows of :meth:`Store.dump_rows` to ``stream``; return the counts per kind.
    """
    written: dict[str, int] = {}
    for kind, row in rows:
        if kind == "counts":
            written = dict.fromkeys(row, 0)
            stream.write(dump_row({MARKER: DUMP_FORMAT, "counts": row}))
        else:
            stream.write(dump_row({kind: row}))
            written[kind] = written.get(kind, 0) + 1
        stream.write("\n")
    return written


def dump(store: Store, target: str | os.PathLike[str] | IO[str]) -> dict[str, int]:
    """
    Write the full copy of ``store`` to a file (replaced atomically) or a text stream.
    """
    if isinstance(target, (str, os.PathLike)):
        with atomic_text(target) as stream:
            return write_dump(store.dump_rows(), stream)
    return write_dump(store.dump_rows(), target)


class DumpReader:
    """
    The rows of a dump file, read one line at a time; ``line`` is the line last read.
    """

    def __init__(self, stream: IO[bytes], name: str) -> None:
        self.stream = stream
        self.name = name
        self.line = 0
        #: The counts the first line announces (known once it was read).
        self.counts: dict[str, int] | None = None

    def error(self, problem: str) -> InputError:
        """
        An InputError naming this file and the line last read.
        """
        return InputError(problem, file=self.name, line=self.line or None)

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for raw in self.stream:
            self.line += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise self.error(f"invalid UTF-8 at byte {exc.start}") from None
            if not text.strip():
                continue
            try:
                value = parse_json(text)
            except ValueError as exc:
                raise self.error(str(exc)) from None
            if self.line == 1:
                if (
                    not isinstance(value, dict)
                    or value.get(MARKER) != DUMP_FORMAT
                    or not isinstance(value.get("counts"), dict)
                ):
                    raise self.error(
                        "not a factreg dump (write one with `factreg dump`; "
                        "claims exported with `factreg export` are read by `factreg import`)"
                    )
                self.counts = value["counts"]
                yield "counts", value["counts"]
                continue
            if not isinstance(value, dict) or len(value) != 1:
                raise self.error('expected one row, {"<kind>": {...}}')
            ((kind, row),) = value.items()
            yield kind, row
        if self.line == 0:
            raise self.error("empty file: not a factreg dump")


def read_counts(path: str | os.PathLike[str]) -> dict[str, int]:
    """
    The counts the dump file at ``path`` announces on its first line.

    Raises:
        InputError: the file is missing, unreadable, or not a factreg dump.
    """
    try:
        with Path(path).open("rb") as stream:
            reader = DumpReader(io.BytesIO(stream.readline()), os.fspath(path))
            for _ in reader:
                break
    except OSError as exc:
        raise InputError(exc.strerror or str(exc), file=os.fspath(path)) from None
    return {k: v for k, v in (reader.counts or {}).items() if type(v) is int}


def restore(
    store: Store,
    source: str | os.PathLike[str] | IO[bytes],
    *,
    progress: Callable[[int], None] | None = None,
    replace: bool = False,
) -> dict[str, int]:
    """
    Restore a dump file (a path, ``-`` for standard input, or a byte stream) into the
    empty registry ``store``; all or nothing.
    """
    if isinstance(source, (str, os.PathLike)) and os.fspath(source) != "-":
        path = Path(source)
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file", file=str(path))
        with path.open("rb") as file:
            return _restore(store, DumpReader(file, str(path)), progress, replace)
    if isinstance(source, (str, os.PathLike)):
        return _restore(store, DumpReader(sys.stdin.buffer, "<stdin>"), progress, replace)
    if isinstance(source, io.TextIOBase):
        raise TypeError("restore reads a byte stream")
    name = str(getattr(source, "name", "<stream>"))
    return _restore(store, DumpReader(source, name), progress, replace)


def _restore(
    store: Store, reader: DumpReader, progress: Callable[[int], None] | None, replace: bool
) -> dict[str, int]:
    try:
        return store.restore_rows(reader, progress=progress, replace=replace)
    except InputError as exc:
        if exc.file is not None:
            raise
        raise InputError(
            exc.problem, file=reader.name, line=reader.line or None, field=exc.field
        ) from None


def copy(
    source: Store,
    target: Store,
    *,
    progress: Callable[[int], None] | None = None,
    replace: bool = False,
) -> dict[str, int]:
    """
    Copy everything in ``source`` into the empty registry ``target`` (any backends),
    streaming; all or nothing in ``target``.
    """
    if _same_place(source.url, target.url):
        raise InputError(f"{target.url} is both the source and the target of the copy")
    return target.restore_rows(source.dump_rows(), progress=progress, replace=replace)


def _same_place(a: str, b: str) -> bool:
    """
    Whether two store locations name the same registry (SQLite paths however spelled).
    """
    if a == b:
        return True
    if "://" in a or "://" in b or ":memory:" in (a, b):
        return False
    return os.path.realpath(a) == os.path.realpath(b)
