"""
Registry's verbs that move claims out of it, and in from published fact checks: JSON Lines
and directory exports, ClaimReview in and out, the full-fidelity dump, restore and copy,
and backups. :class:`factreg.Registry` inherits them; they are kept here so the facade
stays one screen of verbs per job.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING

from factreg._files import atomic_text, writable_path, write_claims_dir, write_contradictions
from factreg._importing import Importer, as_inputs
from factreg._reviewing import Reviewer
from factreg.convert import Input, write_jsonl
from factreg.model import Status
from factreg.results import ImportReport
from factreg.store import Store

if TYPE_CHECKING:  # loaded on first use
    from factreg.claimreview import Organization
    from factreg.registry import Registry


class Exchange:
    """
    Export, ClaimReview, dump, restore, copy and backup verbs of :class:`factreg.Registry`.
    """

    store: Store
    _importer: Importer
    _reviewer: Reviewer

    def export_jsonl(self, target: str | os.PathLike[str] | IO[str]) -> int:
        """
        Write every claim as JSON Lines, oldest first, to a file (replaced atomically) or
        a text stream; return how many.
        """
        if isinstance(target, (str, os.PathLike)):
            with atomic_text(target) as stream:
                return write_jsonl(self.store.iter_claims(), stream)
        return write_jsonl(self.store.iter_claims(), target)

    def export_dir(self, directory: str | os.PathLike[str]) -> dict[str, int]:
        """
        Write one JSON Lines file per source into ``directory``; return lines per file.

        Each file is written to a temporary name and renamed into place, so a reader never
        sees half a file. Files are rewritten whole on each export: diffs show changes.
        The confirmed contradictions go to ``_contradictions.json`` beside them (not
        counted in the result). Read back with :meth:`import_jsonl` on the directory.
        """
        written = write_claims_dir(self.store.iter_claims(), directory)
        write_contradictions(self._reviewer.contradictions(), directory)
        return written

    def import_claimreview(
        self,
        inputs: Input | Sequence[Input] | IO[bytes] | IO[str],
        *,
        labels: Mapping[str, Status | str] | None = None,
        match: bool = True,
        skip_invalid: bool = False,
    ) -> ImportReport:
        """
        Import schema.org ClaimReview feeds (or Fact Check Tools responses) as claims:
        a file, a directory of ``*.json``/``*.jsonld``, a stream, or a sequence of these.

        Each reviewed claim becomes a claim per article it appeared in, its status read
        from the rating (``labels`` extend the label table), matched like any other, the
        review kept as a FactCheck; one text from several articles is one cluster. A
        claim registered before gets the reviews it lacks (``reviewed``), and their
        status unless a reviewer gave a verdict. All-or-nothing: a malformed feed raises
        InputError (file, JSON path, field); with ``skip_invalid`` each malformed review
        is left out and reported in ``invalid`` (file, JSON path, reason) and the rest is
        imported in one transaction. Unknown labels (counted per label) and disagreements
        are reported in ``notes``; details in ``docs/claimreview.md``.
        """
        from factreg import _claimreview_io

        report = _claimreview_io.import_feeds(
            self._importer,
            as_inputs(inputs),
            labels=labels,
            match=match,
            skip_invalid=skip_invalid,
        )
        self.store.settle()
        return report

    def export_claimreview(
        self,
        target: str | os.PathLike[str] | IO[str] | None = None,
        *,
        org: Organization | None = None,
        directory: str | os.PathLike[str] | None = None,
    ) -> int:
        """
        Write the registry's ClaimReviews to ``target`` (a file or text stream: one JSON
        array) or into ``directory`` (one file each); return how many.

        One review authored by ``org`` per cluster with a verdict of its own, and every
        imported fact check as published (see :func:`factreg.claimreview.build_reviews`).

        Raises:
            TypeError: neither or both of ``target`` and ``directory`` were given.
        """
        from factreg import _claimreview_io

        return _claimreview_io.export_reviews(self._importer, target, org=org, directory=directory)

    def dump(self, target: str | os.PathLike[str] | IO[str]) -> dict[str, int]:
        """
        Write the full copy of the registry to a file (replaced atomically) or a text
        stream: claims with their sources, clusters and versions, links, judgements, open
        suggestions and the complete audit log, read in one snapshot and streamed.
        Return how many rows of each kind were written.

        Unlike :meth:`export_jsonl` (the claims alone, for reading and diffing), a dump
        restored into an empty registry (:meth:`restore`) gives back the same registry:
        same stats, queue, history and check.
        """
        from factreg import _dumping

        return _dumping.dump(self.store, target)

    def restore(
        self,
        source: str | os.PathLike[str] | IO[bytes],
        *,
        progress: Callable[[int], None] | None = None,
        replace: bool = False,
    ) -> dict[str, int]:
        """
        Restore a file written by :meth:`dump` (a path, ``"-"`` for standard input, or a
        byte stream) into this registry, which must be empty; return the rows per kind.

        One transaction: a bad line, a truncated file or an interruption leaves the
        registry as it was. ``progress`` is called with rows written. With ``replace``
        a registry that holds claims is emptied first, in the same transaction: all it
        held, its audit log included, is replaced by the dump's.

        Raises:
            StoreError: the registry is not empty (and ``replace`` was not given).
            InputError: the file is not a complete, valid dump (file:line: problem).
        """
        from factreg import _dumping

        counts = _dumping.restore(self.store, source, progress=progress, replace=replace)
        self.store.settle()
        return counts

    def copy_to(
        self,
        target: Registry,
        *,
        progress: Callable[[int], None] | None = None,
        replace: bool = False,
    ) -> dict[str, int]:
        """
        Copy everything in this registry into ``target``, which must be empty (between
        SQLite and PostgreSQL in either direction): the dump's rows, streamed from one
        snapshot into one transaction of the target. Return the rows per kind. With
        ``replace`` a target that holds claims is emptied first, in that transaction.
        """
        from factreg import _dumping

        counts = _dumping.copy(self.store, target.store, progress=progress, replace=replace)
        target.store.settle()
        return counts

    def backup(self, path: str | os.PathLike[str]) -> None:
        """
        Write a consistent copy of the registry to a new file, even while writes go on.

        Raises:
            OutputError: the file's directory does not exist.
        """
        self.store.backup(writable_path(path, "backup"))
