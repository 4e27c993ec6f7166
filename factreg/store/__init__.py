"""
Persistence behind one small interface.

The Registry speaks only to :class:`Store`; ``sqlite.py`` is the embedded default and
``postgres.py`` the team server. Only modules of this package run SQL.
"""

from __future__ import annotations

import abc
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from factreg.errors import StoreError
from factreg.matching import Candidate
from factreg.model import Claim, Event, Judgement, Source, Suggestion, Verdict
from factreg.store.records import ClaimRecord

#: Seconds a write waits for the writer ahead of it before giving up, by default. The count
#: starts again each time another writer finishes a transaction, so a write waits its turn
#: behind any number of writers, and gives up only when one of them has held the registry
#: this long. ``open_store(wait=…)`` (``factreg.open``, ``--wait``, ``$FACTREG_WAIT``)
#: changes it; on PostgreSQL, without one, the server's ``lock_timeout`` is the limit.
DEFAULT_WAIT = 60.0

#: What a store calls when a write must wait for another writer (once per wait): the
#: library never prints, the CLI says "Waiting for another writer…" on stderr.
WaitHook = Callable[[], None]


@attrs.frozen
class OpenCluster:
    """
    A cluster with no verdict yet: its first claim, how many articles carry it, since when.
    """

    root: str
    articles: int
    size: int
    first_seen: datetime


class Store(abc.ABC):
    """
    What the Registry needs from a database.

    Writes happen inside :meth:`transaction`; each public Registry operation is one
    transaction together with its audit events. Reads may happen anywhere.
    """

    url: str

    # -- lifecycle ------------------------------------------------------------------------

    @abc.abstractmethod
    def close(self) -> None:
        """
        Release the connection.
        """

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """
        A write transaction; nested uses join the outermost one.
        """

    def settle(self) -> None:  # noqa: B027
        """
        After a bulk load has committed: bring what the database knows about its tables
        (planner statistics, visibility) up to date, if the load was large enough to
        matter. Called by the verbs that load in bulk; nothing to do in SQLite.
        """

    # -- claims ---------------------------------------------------------------------------

    @abc.abstractmethod
    def insert_claims(self, claims: Sequence[ClaimRecord], *, matched: bool = True) -> None:
        """
        Insert new claims (flattened by ``records.claim_record``) with their sources,
        keeping the candidate index in step.

        ``matched=False`` marks them for the deferred matching pass.
        """

    @abc.abstractmethod
    def unmatched(self, limit: int) -> list[str]:
        """
        Up to ``limit`` ids of claims still awaiting the deferred matching pass, oldest first.
        """

    @abc.abstractmethod
    def unmatched_among(self, ids: Iterable[str]) -> set[str]:
        """
        Those of ``ids`` still awaiting the deferred matching pass.
        """

    @abc.abstractmethod
    def mark_matched(self, ids: Iterable[str]) -> None:
        """
        Record that these claims went through matching.
        """

    @abc.abstractmethod
    def get_claims(self, ids: Iterable[str]) -> dict[str, Claim]:
        """
        The claims with these ids that exist, by id.
        """

    @abc.abstractmethod
    def ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """
        Up to ``limit`` claim ids starting with ``prefix``, sorted.
        """

    @abc.abstractmethod
    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """
        Those of ``ids`` that are registered.
        """

    @abc.abstractmethod
    def same_text_ids(self, claims: Sequence[ClaimRecord]) -> list[str | None]:
        """
        For each claim, the id of a registered claim with the same text and source, or None.
        """

    @abc.abstractmethod
    def update_claim(self, claim: Claim, expected_version: int) -> None:
        """
        Replace a claim's mutable fields if its stored version is ``expected_version``.

        Raises:
            StaleVersionError: the stored version differs; nothing is written.
        """

    @abc.abstractmethod
    def set_cluster(self, ids: Iterable[str], root: str) -> None:
        """
        Put the claims ``ids`` in the cluster whose root is ``root``.
        """

    def prefetch_sources(self, sources: Iterable[Source]) -> None:  # noqa: B027
        """
        A hint that :meth:`resolve_source` is about to be called for each of ``sources``.

        Optional (hence not abstract): a store may load them in one query; by default
        nothing happens and each is resolved on its own.
        """

    @abc.abstractmethod
    def resolve_source(self, source: Source) -> Source:
        """
        The registered source ``source`` names, gaps filled from it (or ``source`` if new).

        Raises:
            ValidationError: a field given on both sides differs.
        """

    @abc.abstractmethod
    def cluster_articles(self, roots: Iterable[str]) -> dict[str, int]:
        """
        How many distinct articles carry each cluster.
        """

    @abc.abstractmethod
    def cluster_members(self, root: str) -> list[Claim]:
        """
        The claims of the cluster ``root``, oldest first.
        """

    @abc.abstractmethod
    def iter_claims(self) -> Iterator[Claim]:
        """
        Every claim, oldest first (ties by id), streamed.
        """

    @abc.abstractmethod
    def document_frequencies(self, terms: Iterable[str]) -> tuple[int, dict[str, int]]:
        """
        The number of claims indexed, and how many hold each of ``terms`` (those held).
        """

    @abc.abstractmethod
    def candidates(self, terms: Sequence[str], limit: int) -> list[Candidate]:
        """
        The best ``limit`` claims for ``terms`` from the persistent index.
        """

    # -- pairs ----------------------------------------------------------------------------

    @abc.abstractmethod
    def add_link(self, a: str, b: str, *, origin: str, score: float | None, at: datetime) -> None:
        """
        Record a "same" edge between two claims (a no-op when present).
        """

    @abc.abstractmethod
    def remove_link(self, a: str, b: str) -> bool:
        """
        Remove the "same" edge between two claims; True when there was one.
        """

    @abc.abstractmethod
    def links_among(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """
        The edges ``(a, b, origin)`` with both ends in ``ids``.
        """

    @abc.abstractmethod
    def add_judgement(self, judgement: Judgement) -> None:
        """
        Append a reviewer's judgement (never updated, never deleted).
        """

    @abc.abstractmethod
    def judgements_among(self, ids: Iterable[str]) -> list[Judgement]:
        """
        Every judgement with both claims in ``ids``, oldest first.
        """

    @abc.abstractmethod
    def judgements_with(self, verdict: Verdict) -> list[Judgement]:
        """
        Every judgement with ``verdict``, oldest first (a scan: judgements are made by
        people, and few).
        """

    @abc.abstractmethod
    def judgements_of(self, claim_id: str) -> list[Judgement]:
        """
        Every judgement involving ``claim_id``, oldest first.
        """

    @abc.abstractmethod
    def add_suggestion(self, suggestion: Suggestion) -> None:
        """
        Queue a pair for a reviewer (replacing an open suggestion for the same pair).
        """

    @abc.abstractmethod
    def remove_suggestion(self, a: str, b: str) -> None:
        """
        Drop the open suggestion for a pair, in whichever order it was stored.
        """

    @abc.abstractmethod
    def suggestions(self, claim_id: str | None = None) -> list[Suggestion]:
        """
        Open suggestions, all or those involving ``claim_id``, best first.
        """

    # -- audit log ------------------------------------------------------------------------

    @abc.abstractmethod
    def append_events(self, events: Sequence[Event]) -> None:
        """
        Append to the audit log.
        """

    @abc.abstractmethod
    def events(self, claim_id: str | None = None, *, limit: int | None = None) -> list[Event]:
        """
        The audit log, oldest first; the last ``limit`` lines when given.
        """

    # -- queue, figures and maintenance ---------------------------------------------------

    @abc.abstractmethod
    def open_clusters(self, limit: int) -> list[OpenCluster]:
        """
        Clusters with no verdict, most articles first, then oldest.
        """

    @abc.abstractmethod
    def stats(self) -> dict[str, Any]:
        """
        Counts for ``factreg stats``.
        """

    @abc.abstractmethod
    def check(self) -> list[str]:
        """
        Verify integrity, index against table and audit log against claims; the problems.
        """

    @abc.abstractmethod
    def reindex(self) -> int:
        """
        Rebuild the candidate index from the claims; the number of claims indexed.
        """

    @abc.abstractmethod
    def backup(self, path: Path) -> None:
        """
        Write a consistent copy of the registry to ``path``.
        """

    # -- claim vectors (the optional semantic extra) --------------------------------------
    # Not abstract: a store without them says so, and factreg matches lexically.
    # -- full copies (store/dump.py) ------------------------------------------------------

    @abc.abstractmethod
    def dump_rows(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """
        Every row of the registry as plain JSON values, from one snapshot: its counts
        first, then claims, links, judgements, suggestions and audit events.
        """

    @abc.abstractmethod
    def restore_rows(
        self,
        rows: Iterable[tuple[str, dict[str, Any]]],
        *,
        progress: Callable[[int], None] | None = None,
        replace: bool = False,
    ) -> dict[str, int]:
        """
        Write what :meth:`dump_rows` yielded into this empty registry, in one transaction
        (with ``replace``, into this registry emptied first in the same transaction).
        """

    def vector_model(self) -> tuple[str | None, int]:
        """
        The name of the encoder that made the stored claim vectors (None: none made), and
        how many claims have one.
        """
        return None, 0

    def put_vectors(self, model: str, vectors: Sequence[tuple[str, bytes]]) -> None:
        """
        Store one vector per claim id (replacing any), all made by the encoder ``model``.

        Vectors of another encoder are removed first: one encoder per registry.
        """
        raise StoreError("this store keeps no claim vectors")

    def vectors_after(self, n: int, limit: int) -> list[tuple[int, str, str | None, bytes]]:
        """
        Up to ``limit`` stored vectors as ``(number, claim id, lang, vector)``, by claim
        number above ``n``.
        """
        return []

    def texts_after(self, n: int, limit: int) -> list[tuple[int, str, str]]:
        """
        Up to ``limit`` claims as ``(number, id, text)`` above claim number ``n``, in order.
        """
        raise StoreError("this store keeps no claim vectors")

    def clear_vectors(self) -> None:  # noqa: B027
        """
        Remove every claim vector and the encoder's name.
        """


def open_store(
    target: str | os.PathLike[str],
    *,
    create: bool = True,
    wait: float | None = None,
    on_wait: WaitHook | None = None,
) -> Store:
    """
    Open the store a path or URL names: ``postgresql://…`` or a SQLite file path.

    Opening, creating and upgrading a registry take their turn behind other writers like
    any write. ``wait`` is how long, in seconds, a write waits for one writer ahead of it
    (:data:`DEFAULT_WAIT`; on PostgreSQL the server's ``lock_timeout`` when not given);
    ``on_wait`` is called each time a write starts waiting.

    Raises:
        StoreError: also when a wait runs past ``wait``; nothing is written then.
    """
    if wait is not None and not 0 < wait < float("inf"):
        raise ValueError(f"wait must be a number of seconds above 0, got {wait!r}")
    text = os.fspath(target)
    if text.startswith(("postgresql://", "postgres://")):
        try:
            from factreg.store.postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(
                "PostgreSQL support is not installed: pip install 'factreg[postgres]'"
            ) from exc
        return PostgresStore(text, create=create, wait=wait, on_wait=on_wait)
    if "://" in text and not text.startswith("sqlite:"):
        raise StoreError(f"unsupported database URL {text!r}: use a file path or postgresql://")
    from factreg.store.sqlite import SQLiteStore

    return SQLiteStore(
        Path(text.removeprefix("sqlite:///").removeprefix("sqlite:")),
        create=create,
        wait=wait,
        on_wait=on_wait,
    )
