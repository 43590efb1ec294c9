"""What an index holds, for comparing two indexes (or one before and after) in tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

TABLES = {  # table → columns compared (ingested_at is a time: never compared)
    "briefings": "id, title, date, source_url, source_path, content_hash, pages, format, "
                 "speakers, fingerprint, roster",
    "turns": "briefing_id, idx, speaker, role, text, answers_turn, page, role_hint",
    "chunks": "id, briefing_id, idx, kind, start, end, text, vector",
    "sentences": "briefing_id, idx, n, start, end, vector",
    "sources": "name, fingerprint, briefing_id, page",
    "pending": "briefing_id",
    "role_overrides": "speaker_key, speaker, role",
}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


def rows(home: Path) -> dict[str, list]:
    db = sqlite3.connect(f"file:{home / 'podium.sqlite'}?mode=ro", uri=True)
    try:
        return {table: sorted(db.execute(f"SELECT {cols} FROM {table}"), key=repr)
                for table, cols in TABLES.items()}
    finally:
        db.close()


def chroma(home: Path, collection: str = "podium_official") -> dict[str, tuple]:
    client = chromadb.PersistentClient(path=str(home / "chroma"),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    got = client.get_collection(collection).get(include=["embeddings", "documents",
                                                         "metadatas"])
    return {cid: (tuple(round(float(x), 6) for x in got["embeddings"][i]), got["documents"][i],
                  tuple(sorted(got["metadatas"][i].items())))
            for i, cid in enumerate(got["ids"])}


def bm25_files(home: Path) -> dict[str, str]:
    folder = home / "bm25"
    return {p.name: file_digest(p) for p in sorted(folder.iterdir())
            if p.name != "state.json"} if folder.is_dir() else {}


def snapshot(home: Path) -> dict:
    """Rows of every table, every Chroma entry, every BM25 file: two equal snapshots are
    the same index."""
    return {"rows": rows(home), "chroma": chroma(home), "bm25": bm25_files(home)}


def frozen(home: Path) -> dict:
    """The bytes of the turn store and BM25 plus the Chroma entries: unchanged means
    byte-identical (for a store nothing was written to)."""
    return {"sqlite": file_digest(home / "podium.sqlite"), "bm25": bm25_files(home),
            "chroma": sorted(chroma(home))}
