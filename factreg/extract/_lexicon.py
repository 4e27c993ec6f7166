"""
The extractor's cue lists, read once from the package data in ``factreg/data/extract/``.

The files and their format are described in ``factreg/data/extract/README.md``: one entry
per line, ``#`` lines document the list, and a plain space in an entry matches any run of
whitespace. Arabic entries are folded here as the analysis view folds the text.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from factreg.extract._view import _k


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``factreg/data/extract/NAME.txt``, in file order, as written."""
    resource = files("factreg") / "data" / "extract" / f"{name}.txt"
    lines = resource.read_text(encoding="utf-8").splitlines()
    return tuple(
        line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )


def words(name: str) -> frozenset[str]:
    """The entries of a word list as a set of folded words (for membership tests)."""
    return frozenset(_k(entry) for entry in entries(name))


def alternation(name: str) -> str:
    """
    The entries of a list as one folded regex alternation (no group around it).

    Spaces become ``\\s+``; entries are used as written, so lists of patterns keep their
    syntax and plain word lists match literally (they hold no regex metacharacters).
    """
    return "|".join(_k(_spaced(entry)) for entry in entries(name))


def literal_alternation(name: str) -> str:
    """The entries of a list of literal names as one folded, escaped regex alternation."""
    return "|".join(
        _k(r"\s+".join(re.escape(word) for word in entry.split())) for entry in entries(name)
    )


def named_patterns(name: str) -> tuple[tuple[str, str], ...]:
    """
    The ``NAME = PATTERN`` entries of a list, pattern folded; ``*`` as name gives "".
    """
    out: list[tuple[str, str]] = []
    for entry in entries(name):
        label, sep, pattern = entry.partition(" = ")
        if not sep:
            raise ValueError(f"{name}.txt: entry without ' = ': {entry!r}")
        out.append(("" if label.strip() == "*" else label.strip(), _k(_spaced(pattern))))
    return tuple(out)


def _spaced(entry: str) -> str:
    return re.sub(r" +", r"\\s+", entry)


def named_literals(name: str) -> tuple[tuple[str, str], ...]:
    """The ``KEY = VALUE`` entries of a list of literal pairs, as written."""
    out: list[tuple[str, str]] = []
    for entry in entries(name):
        key, sep, value = entry.partition(" = ")
        if not sep:
            raise ValueError(f"{name}.txt: entry without ' = ': {entry!r}")
        out.append((key.strip(), value.strip()))
    return tuple(out)
