"""
The word lists normalize.py and relate.py read, shipped as package data.

Each list is one documented plain-text file under ``factreg/data/lexicon/`` (its header
says what it holds, where it comes from and its format). A file is read once, when the
module that needs it is imported; ``#`` starts a comment, blank lines are ignored.

Two shapes:

word list
    words separated by spaces or new lines (:func:`words`, :func:`word_lines`).
table
    one row a line, ``KEY: words …`` (:func:`rows` and the typed helpers built on it).
"""

from __future__ import annotations

from importlib.resources import files

from factreg.errors import FactregError


class LexiconFileError(FactregError, ValueError):
    """A shipped lexicon file does not have the shape its reader expects."""


def lines(name: str, folder: str = "lexicon") -> list[tuple[int, str]]:
    """
    The (line number, text) of every line of ``data/<folder>/<name>`` holding something
    once comments are cut off, stripped.
    """
    text = (files("factreg") / "data" / folder / name).read_text(encoding="utf-8")
    out: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if content:
            out.append((number, content))
    return out


def word_lines(name: str) -> list[tuple[str, ...]]:
    """
    The words of each line of a word-list file, in file order.
    """
    return [tuple(content.split()) for _, content in lines(name)]


def words(name: str) -> frozenset[str]:
    """
    Every word of a word-list file.
    """
    return frozenset(word for row in word_lines(name) for word in row)


def rows(name: str) -> list[tuple[str, str]]:
    """
    The (key, rest) of every ``KEY: rest`` row of a table file, in file order.

    Raises:
        LexiconFileError: a row without ``:`` or with nothing on one side.
    """
    out: list[tuple[str, str]] = []
    for number, content in lines(name):
        key, sep, rest = content.partition(":")
        if not sep or not key.strip() or not rest.strip():
            raise LexiconFileError(f"data/lexicon/{name}:{number}: expected 'KEY: words'")
        out.append((" ".join(key.split()), rest.strip()))
    return out


def int_table(name: str) -> dict[str, int]:
    """
    ``VALUE: words …`` rows as a map from each word to its integer value.
    """
    table: dict[str, int] = {}
    for key, rest in rows(name):
        for word in rest.split():
            table[word] = int(key)
    return table


def word_pair_table(name: str) -> dict[tuple[str, str], str]:
    """
    ``WORD WORD: value`` rows as a map from the two words to the value.

    Raises:
        LexiconFileError: a key that is not two words.
    """
    table: dict[tuple[str, str], str] = {}
    for key, rest in rows(name):
        pair = key.split()
        if len(pair) != 2:
            raise LexiconFileError(f"data/lexicon/{name}: '{key}' is not two words")
        table[(pair[0], pair[1])] = rest
    return table
