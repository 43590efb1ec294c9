"""The writer's side of the Chroma collection: batched upserts and deletes, id listings.

The collection is opened exactly as langchain-chroma opens it for the reader
(:class:`rag.store.IndexReader`): ``get_or_create_collection(name, embedding_function=None,
metadata=CHROMA_METADATA)`` — so Chroma's default (downloading) embedding function is never
used. Vectors always come from the writer. A collection made before ``SEARCH_EF`` was raised
is given it when the writer opens it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import numpy as np

from index import faults
from rag.settings import CHROMA_METADATA, SEARCH_EF, Settings, chroma_client

log = logging.getLogger(__name__)


class ChromaIndex:
    """Upsert/delete chunk vectors by id; list what is there."""

    def __init__(self, settings: Settings) -> None:
        self._client = chroma_client(settings)
        self.collection = self._client.get_or_create_collection(
            name=settings.collection, embedding_function=None, metadata=CHROMA_METADATA)
        hnsw = (self.collection.configuration_json or {}).get("hnsw") or {}
        if hnsw.get("ef_search", SEARCH_EF) < SEARCH_EF:
            self.collection.modify(configuration={"hnsw": {"ef_search": SEARCH_EF}})
        self.batch = max(1, min(4096, self._client.get_max_batch_size()))

    def count(self) -> int:
        return self.collection.count()

    def ids(self, briefing_ids: Iterable[str] | None = None) -> set[str]:
        """Every id, or the ids of chunks of ``briefing_ids``."""
        if briefing_ids is None:
            found: set[str] = set()
            total = self.count()
            for offset in range(0, total, 10_000):
                found.update(self.collection.get(include=[], limit=10_000, offset=offset)["ids"])
            return found
        wanted = sorted(set(briefing_ids))
        found = set()
        for start in range(0, len(wanted), 500):
            part = wanted[start:start + 500]
            where = {"briefing_id": part[0]} if len(part) == 1 else {"briefing_id": {"$in": part}}
            found.update(self.collection.get(where=where, include=[])["ids"])
        return found

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str],
               metadatas: Sequence[dict]) -> None:
        for start in range(0, len(ids), self.batch):
            end = start + self.batch
            self.collection.upsert(ids=list(ids[start:end]), embeddings=vectors[start:end],
                                   documents=list(documents[start:end]),
                                   metadatas=list(metadatas[start:end]))
            faults.checkpoint("chroma-upsert")

    def delete(self, ids: Iterable[str]) -> None:
        ids = sorted(set(ids))
        for start in range(0, len(ids), self.batch):
            self.collection.delete(ids=ids[start:start + self.batch])
            faults.checkpoint("chroma-delete")
