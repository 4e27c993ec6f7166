"""
Article keys recomputed in canonical form: the migration that makes ``Source.key`` compare
URLs as :func:`factreg.urls.canonical_url` does (schema 5 in SQLite, 4 in PostgreSQL).

Registries written before stored each article's URL, as given, as its key, and each
claim's fingerprint (the same-text lookup) from it. After this step every key is
canonical; two sources that turn out to be one article (``…/a`` and ``…/a?utm_source=x``)
become one, the first registered kept with its URL as given and the other's claims moved
to it; the fingerprints of the claims of every source touched are recomputed. Claim ids
are never changed: an id derived from the old key stays the claim's id, and re-importing
an export (which carries ids) still adds nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factreg.model import Source, claim_fingerprint
from factreg.store.sql import _chunks, _marks
from factreg.urls import canonical_url

if TYPE_CHECKING:
    from factreg.store.sql import SQLStore


def rekey_sources(store: SQLStore) -> int:
    """
    Make every stored article key canonical, inside the caller's transaction; return how
    many sources changed key or were merged into another.
    """
    survivor: dict[str, int] = {}  # canonical key: the source that keeps it
    merged: list[tuple[int, int]] = []  # (source folded in, the one it joins)
    rekeyed: list[tuple[str, int]] = []
    for sid, key, url in store._query(
        "SELECT id, key, url FROM sources WHERE url IS NOT NULL ORDER BY id"
    ):
        new = canonical_url(url)
        if new in survivor:
            merged.append((sid, survivor[new]))
            continue
        survivor[new] = sid
        if new != key:
            rekeyed.append((new, sid))
    # Merges first: a key is free for its new owner only once the rows holding it are gone.
    for gone, kept in merged:
        store._execute("UPDATE claims SET source_id = ? WHERE source_id = ?", (kept, gone))
        store._execute("DELETE FROM sources WHERE id = ?", (gone,))
    if rekeyed:
        store._executemany("UPDATE sources SET key = ? WHERE id = ?", rekeyed)
    touched = list(dict.fromkeys([sid for _, sid in rekeyed] + [kept for _, kept in merged]))
    for chunk in _chunks(touched):
        rows = store._query(
            f"SELECT c.n, c.text, s.url FROM claims c JOIN sources s ON s.id = c.source_id "
            f"WHERE c.source_id IN ({_marks(len(chunk))})",
            chunk,
        )
        store._executemany(
            "UPDATE claims SET fingerprint = ? WHERE n = ?",
            [(claim_fingerprint(text, Source(url=url)), n) for n, text, url in rows],
        )
    store._forget_cache()
    return len(rekeyed) + len(merged)


__all__ = ["rekey_sources"]
