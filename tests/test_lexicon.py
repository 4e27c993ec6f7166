"""
The shipped word lists: every file documented, every row readable, bad rows one error.
"""

from __future__ import annotations

from importlib.resources import files

import pytest

from factreg import lexicon
from factreg.lexicon import LexiconFileError

LEXICON_FILES = sorted(
    entry.name
    for entry in (files("factreg") / "data" / "lexicon").iterdir()
    if entry.name.endswith(".txt")
)


class TestShippedFiles:
    def test_every_list_is_shipped(self) -> None:
        """
        The lists normalize and facts read are package data files.
        """
        assert {"stopwords-ar.txt", "opposites.txt", "places.txt", "months.txt"} <= set(
            LEXICON_FILES
        )

    @pytest.mark.parametrize("name", LEXICON_FILES)
    def test_each_file_opens_with_its_documentation(self, name: str) -> None:
        """
        A file starts with a comment saying what it holds, where it comes from and who
        reads it, and holds at least one row.
        """
        text = (files("factreg") / "data" / "lexicon" / name).read_text(encoding="utf-8")

        assert text.startswith("# ")
        assert "Used by:" in text
        assert lexicon.lines(name)


class TestRows:
    def test_a_row_without_a_key_is_one_clear_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """
        A table row lacking ``KEY:`` names the file and line.
        """
        monkeypatch.setattr(lexicon, "lines", lambda name, folder="lexicon": [(7, "no key")])

        with pytest.raises(LexiconFileError, match=r"data/lexicon/x\.txt:7: expected 'KEY: words'"):
            lexicon.rows("x.txt")

    def test_comments_are_cut_off(self) -> None:
        """
        A trailing comment (the meaning of a contrast cue) is not part of the row.
        """
        rows = dict(lexicon.rows("contrast-cues.txt"))

        assert "فشل فشلت يفشل تفشل يفشلون" == rows["فشل"]
