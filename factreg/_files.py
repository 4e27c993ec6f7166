"""
Writing export files so that a reader never sees half of one (private).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from factreg.convert import claim_to_row, converter, dump_row, source_filename
from factreg.errors import OutputError
from factreg.model import Claim, Judgement

#: Beside the claim files of a directory export: the confirmed contradictions, a JSON
#: array (not JSON Lines, so an import of the directory does not read it as claims).
CONTRADICTIONS_FILE = "_contradictions.json"


def writable_path(path: str | os.PathLike[str], what: str = "file") -> Path:
    """
    ``path`` as a Path, once its directory is known to exist and no directory is in its
    place; factreg never creates missing directories for a file it writes.

    Raises:
        OutputError: naming the missing directory, or the directory in the way.
    """
    target = Path(path)
    parent = target.parent
    if not parent.is_dir():
        problem = "is not a directory" if parent.exists() else "does not exist"
        raise OutputError(f"cannot write {what} {target}: directory {parent} {problem}")
    if target.is_dir():
        raise OutputError(f"cannot write {what} {target}: it is a directory")
    return target


@contextmanager
def atomic_text(path: str | os.PathLike[str]) -> Iterator[IO[str]]:
    """
    A UTF-8 text stream that becomes the file ``path`` when the block ends without error.

    It is written under a hidden temporary name beside ``path`` and renamed into place;
    on an error the temporary file is removed and ``path`` is left as it was.
    """
    target = writable_path(path)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
    ) as tmp:
        try:
            yield tmp
        except BaseException:
            tmp.close()
            Path(tmp.name).unlink(missing_ok=True)
            raise
    Path(tmp.name).replace(target)


def write_claims_dir(claims: Iterable[Claim], directory: str | os.PathLike[str]) -> dict[str, int]:
    """
    Write ``claims`` as one JSON Lines file per source into ``directory``; return lines
    per file.

    Each file is written to a temporary name and renamed into place, so a reader never
    sees half a file; files are rewritten whole, so diffs show changes.
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[str]] = {}
    for claim in claims:
        files.setdefault(source_filename(claim.source), []).append(dump_row(claim_to_row(claim)))
    for name, lines in sorted(files.items()):
        target = root / name
        assert target.parent == root  # source_filename keeps to one path component
        temporary = target.with_name(f".{name}.tmp")
        temporary.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        temporary.replace(target)
    return {name: len(lines) for name, lines in sorted(files.items())}


def write_contradictions(judgements: Sequence[Judgement], directory: str | os.PathLike[str]) -> int:
    """
    Write ``judgements`` to :data:`CONTRADICTIONS_FILE` in ``directory``, one a line; with
    none, remove the file a former export left. Returns how many were written.
    """
    target = Path(directory) / CONTRADICTIONS_FILE
    if not judgements:
        target.unlink(missing_ok=True)
        return 0
    lines = [dump_row(converter.unstructure(j)) for j in judgements]
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    temporary.replace(target)
    return len(lines)
