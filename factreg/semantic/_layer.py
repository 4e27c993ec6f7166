"""
The semantic layer over a store: claim vectors written with the claims, lexical matches
re-ranked by fusion with the embedding similarity, and a cross-language pass.

Vectors are kept as float16 (1,024 bytes for USE's 512 dimensions) in the store's
``claim_vectors`` table and, in this process, in one numpy matrix read incrementally
(by claim number) and scored by brute force: a matrix product over every claim of the
other language. That is a few milliseconds up to some hundred thousand claims; from
about a million (2 GB of float32, 100 ms or more per query on two cores) an approximate
index pays: HNSW, with hnswlib or FAISS for SQLite, or pgvector's ``hnsw`` index on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from factreg.model import Claim, Match
from factreg.semantic import Encoder
from factreg.semantic._crosslang import cross_relate
from factreg.semantic._encoders import Vectors
from factreg.store import Store
from factreg.store.records import ClaimRecord

#: Reciprocal-rank fusion: a match's fused rank score is 1/(FUSION_K + lexical rank) +
#: EMBEDDING_WEIGHT/(FUSION_K + embedding rank), ranks counted from 1 among the lexical
#: matches. Chosen on the CheckThat! train splits (``bench/quality.py --only fusion
#: --split train``, K in 5..60, W in 0..3): MAP@5 en 0.806 -> 0.843, ar 0.875 -> 0.881
#: (ar alone would take W 0.5: 0.883, en 0.834); a weight above 1 lets the embedding
#: lead and loses (W 1.5: en 0.791, ar 0.864), as embedding-only ranking does (0.633 /
#: 0.750). Dev is only reported.
FUSION_K = 5.0
EMBEDDING_WEIGHT = 0.75
#: Cosine similarity from which a claim in another language is proposed. Chosen on the
#: dev two thirds of bench/gold/parallel with 1,000 CheckThat! claims per language as
#: distractors (``bench/quality.py --only parallel``; USE v3): 0.45 keeps 94 % of the true
#: pairs among each query's top 5 and proposes 0.07 unrelated claims a query (0.40: 97 %,
#: 0.40 unrelated; 0.50: 82 %, 0.03), plus 0.5 a query from the same story (other
#: figures of the same event, which a reviewer wants to see: they are the conflicts).
CROSS_MIN_SIMILARITY = 0.45
#: At most this many claims in other languages are proposed per claim.
CROSS_MATCHES = 3
#: Vectors read from the store per query.
READ_CHUNK = 5_000

_DTYPE = np.dtype("<f2")


def pack(vector: npt.NDArray[np.float32]) -> bytes:
    """
    A vector as stored: little-endian float16.
    """
    return np.asarray(vector, dtype=_DTYPE).tobytes()


def unpack(blob: bytes) -> npt.NDArray[np.float32]:
    """
    A stored vector as float32.
    """
    return np.frombuffer(blob, dtype=_DTYPE).astype(np.float32)


@attrs.define
class _Cache:
    """
    The store's vectors read so far, by claim number.
    """

    last: int = 0
    ids: list[str] = attrs.Factory(list)
    langs: list[str | None] = attrs.Factory(list)
    rows: dict[str, int] = attrs.Factory(dict)
    chunks: list[Vectors] = attrs.Factory(list)
    matrix: Vectors | None = None


class SemanticLayer:
    """
    Claim vectors for one store and one encoder, and the matching that uses them.
    """

    def __init__(self, store: Store, encoder: Encoder) -> None:
        self.store = store
        self.encoder = encoder
        self._cache = _Cache()
        # The last text encoded: a search re-ranks and then looks across languages with
        # one vector (encoding one sentence costs 30-100 ms; reading a stored one, none).
        self._last: tuple[str, Vectors] | None = None

    # -- writing ----------------------------------------------------------------------------

    def write(self, claims: Sequence[ClaimRecord]) -> None:
        """
        Encode and store the vectors of newly inserted claims (in the caller's transaction).
        """
        if not claims:
            return
        vectors = self.encoder.encode([c.text for c in claims])
        self.store.put_vectors(
            self.encoder.name, [(c.id, pack(v)) for c, v in zip(claims, vectors, strict=True)]
        )

    def rebuild(self, *, batch: int = 256) -> int:
        """
        Replace every claim's vector with this encoder's; the number written.
        """
        count = last = 0
        with self.store.transaction():
            self.store.clear_vectors()
            while rows := self.store.texts_after(last, batch):
                vectors = self.encoder.encode([text for _, _, text in rows])
                self.store.put_vectors(
                    self.encoder.name,
                    [(cid, pack(v)) for (_, cid, _), v in zip(rows, vectors, strict=True)],
                )
                last = rows[-1][0]
                count += len(rows)
        self._cache = _Cache()
        return count

    # -- reading ----------------------------------------------------------------------------

    def _refresh(self) -> _Cache:
        cache = self._cache
        grew = False
        while rows := self.store.vectors_after(cache.last, READ_CHUNK):
            for _, claim_id, lang, _ in rows:
                cache.rows[claim_id] = len(cache.ids)
                cache.ids.append(claim_id)
                cache.langs.append(lang)
            cache.chunks.append(np.stack([unpack(blob) for _, _, _, blob in rows]))
            cache.last = rows[-1][0]
            grew = True
        if grew:  # one matrix again (an empty registry keeps None: no width yet)
            cache.matrix = (
                np.concatenate(cache.chunks) if len(cache.chunks) > 1 else cache.chunks[0]
            )
            cache.chunks = [cache.matrix]
        return cache

    def vector_of(self, text: str, claim_id: str | None = None) -> npt.NDArray[np.float32]:
        """
        The vector of a registered claim (from the store) or of a text (encoded).
        """
        cache = self._refresh()
        if claim_id is not None and claim_id in cache.rows and cache.matrix is not None:
            stored: Vectors = cache.matrix[cache.rows[claim_id]]
            return stored
        if self._last is None or self._last[0] != text:
            self._last = (text, self.encoder.encode([text])[0])
        return self._last[1]

    def similarities(
        self, query: npt.NDArray[np.float32], ids: Sequence[str]
    ) -> list[float | None]:
        """
        Cosine similarity of ``query`` with each claim of ``ids`` (None: no vector).
        """
        cache = self._refresh()
        found = [cache.rows.get(i) for i in ids]
        rows = [r for r in found if r is not None]
        if not rows or cache.matrix is None:
            return [None] * len(ids)
        scores = iter((cache.matrix[rows] @ query).tolist())
        return [next(scores) if r is not None else None for r in found]

    # -- matching ---------------------------------------------------------------------------

    def rerank(
        self, text: str, matches: Sequence[Match], *, claim_id: str | None = None
    ) -> list[Match]:
        """
        ``matches`` (ranked lexically) re-ranked by reciprocal-rank fusion with the
        embedding similarity; scores and reasons unchanged. A match without a vector
        keeps only its lexical share.
        """
        if len(matches) < 2:
            return list(matches)
        query = self.vector_of(text, claim_id)
        sims = self.similarities(query, [m.claim_id for m in matches])
        by_embedding = sorted(
            (i for i, s in enumerate(sims) if s is not None), key=lambda i: -(sims[i] or 0.0)
        )
        embedding_rank = {i: r for r, i in enumerate(by_embedding, start=1)}
        fused = [
            1.0 / (FUSION_K + lexical)
            + (EMBEDDING_WEIGHT / (FUSION_K + embedding_rank[i]) if i in embedding_rank else 0.0)
            for i, lexical in enumerate(range(1, len(matches) + 1))
        ]
        order = sorted(range(len(matches)), key=lambda i: -fused[i])
        return [matches[i] for i in order]

    def across(
        self,
        text: str,
        lang: str | None,
        *,
        claim_id: str | None = None,
        keep: Callable[[Claim], bool] = lambda _: True,
        skip: Callable[[Sequence[str]], set[str]] = lambda _: set(),
        limit: int = CROSS_MATCHES,
        min_similarity: float = CROSS_MIN_SIMILARITY,
    ) -> list[Match]:
        """
        Claims in other languages than ``lang`` whose vectors are nearest ``text``'s.

        At least ``min_similarity``, best first, leaving out the ids ``skip`` returns
        (given the nearest ids) and the claims ``keep`` refuses. Each is related by
        :func:`cross_relate` (never SAME), with the similarity as score (0..100).
        """
        cache = self._refresh()
        if cache.matrix is None or not cache.ids or lang is None:
            return []
        query = self.vector_of(text, claim_id)
        other = np.fromiter((x is not None and x != lang for x in cache.langs), dtype=bool)
        if not other.any():
            return []
        scores = cache.matrix @ query
        scores[~other] = -1.0
        nearest = np.argsort(-scores)[: limit * 4].tolist()
        near = [(cache.ids[r], float(scores[r])) for r in nearest if scores[r] >= min_similarity]
        if not near:
            return []
        left_out = skip([i for i, _ in near])
        claims = self.store.get_claims([i for i, _ in near if i not in left_out])
        found = [
            self._cross_match(text, claims[i], s)
            for i, s in near
            if i in claims and keep(claims[i])
        ]
        return found[:limit]

    @staticmethod
    def _cross_match(text: str, other: Claim, similarity: float) -> Match:
        relation, reasons = cross_relate(
            text, other.text, old_lang=other.lang, similarity=similarity
        )
        return Match(
            claim=other, score=round(100.0 * similarity, 1), relation=relation, reasons=reasons
        )
