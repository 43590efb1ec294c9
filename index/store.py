"""Writes briefings into podium's three stores.

- ``podium.sqlite``: the source of truth — briefings, every turn (all roles), and for
  official turns their chunks and sentence spans with sentence vectors.
- Chroma (through langchain-chroma): one vector per chunk of an *official* turn. A chunk is
  a sentence window of the turn (``kind="text"``) or the journalist question the turn
  answers (``kind="question"``), so an answer is also found through its question.
- BM25 (bm25s), saved beside Chroma, over the same chunks.

Ids are stable (``{briefing_id}:{turn:04d}:{kind}{n:02d}``): re-ingesting replaces.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import sqlite3
import time
from dataclasses import asdict, dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from index.sentences import Span, sentence_spans, windows
from rag.embed import get_embeddings, get_token_counter
from rag.settings import Settings, chroma_client
from rag.types import Briefing, Turn

log = logging.getLogger(__name__)
_WORD = re.compile(r"\w+")

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefings (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, source_url TEXT,
    source_path TEXT NOT NULL, content_hash TEXT NOT NULL, pages INTEGER NOT NULL,
    format TEXT NOT NULL, speakers TEXT NOT NULL, ingested_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS turns (
    briefing_id TEXT NOT NULL, idx INTEGER NOT NULL, speaker TEXT NOT NULL,
    role TEXT NOT NULL, text TEXT NOT NULL, answers_turn INTEGER, page INTEGER,
    PRIMARY KEY (briefing_id, idx));
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, briefing_id TEXT NOT NULL, idx INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    briefing_id TEXT NOT NULL, idx INTEGER NOT NULL, n INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (briefing_id, idx, n));
CREATE INDEX IF NOT EXISTS chunks_briefing ON chunks (briefing_id);
CREATE INDEX IF NOT EXISTS briefings_hash ON briefings (content_hash);
"""


class PrecomputedEmbeddings(Embeddings):
    """Hands langchain-chroma the chunk vectors the writer computed from sentence vectors.

    ``load(vectors)`` before each ``add_texts``; the texts must come in the same order.
    """

    def __init__(self) -> None:
        self._vectors: list[list[float]] = []

    def load(self, vectors: list[list[float]]) -> None:
        self._vectors = list(vectors)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if len(texts) != len(self._vectors):
            raise RuntimeError(f"{len(texts)} texts but {len(self._vectors)} vectors loaded")
        vectors, self._vectors = self._vectors, []
        return vectors

    def embed_query(self, text: str) -> list[float]:
        raise RuntimeError("the index writer does not search")


@dataclass(frozen=True)
class Chunk:
    id: str
    briefing_id: str
    turn_index: int
    kind: str  # "text" (a window of the turn) or "question" (the question it answers)
    start: int  # offsets into the turn for "text"; into the question turn for "question"
    end: int
    text: str


def date_int(date: str | None) -> int:
    """``"2020-06-24"`` → ``20200624`` (0 when unknown): a flat, range-filterable scalar."""
    return int(date.replace("-", "")) if date else 0


def open_db(settings: Settings) -> sqlite3.Connection:
    settings.home.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(settings.db_path)
    db.executescript(SCHEMA)
    return db


class IndexWriter:
    """Adds, replaces and removes briefings; keeps SQLite, Chroma and BM25 in step."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = open_db(settings)
        self._vectorstore = None
        self._precomputed = PrecomputedEmbeddings()

    @property
    def embeddings(self):
        s = self.settings
        return get_embeddings(s.model_path, s.device, s.batch_size)

    @property
    def vectorstore(self):
        if self._vectorstore is None:
            from langchain_chroma import Chroma

            self._vectorstore = Chroma(
                collection_name=self.settings.collection,
                embedding_function=self._precomputed,
                client=chroma_client(self.settings),
                collection_metadata={"hnsw:space": "cosine"},
            )
        return self._vectorstore

    # -- reading what is there ------------------------------------------------------------
    def status(self, briefing: Briefing) -> str:
        """``"new"``, ``"unchanged"``, ``"changed"`` or ``"duplicate"`` (same bytes, other id)."""
        row = self.db.execute(
            "SELECT content_hash FROM briefings WHERE id = ?", (briefing.id,)
        ).fetchone()
        if row:
            return "unchanged" if row[0] == briefing.content_hash else "changed"
        twin = self.db.execute(
            "SELECT id FROM briefings WHERE content_hash = ?", (briefing.content_hash,)
        ).fetchone()
        return "duplicate" if twin else "new"

    def counts(self) -> dict[str, int]:
        q = self.db.execute
        return {
            "briefings": q("SELECT COUNT(*) FROM briefings").fetchone()[0],
            "turns": q("SELECT COUNT(*) FROM turns").fetchone()[0],
            "chunks": q("SELECT COUNT(*) FROM chunks").fetchone()[0],
        }

    # -- writing ----------------------------------------------------------------------
    def write(self, briefing: Briefing, turns: list[Turn]) -> int:
        """Store one briefing (replacing any earlier version). Returns chunks written."""
        chunks, sentences = self._prepare(turns)
        vectors, chunk_vectors = self._embed(turns, chunks, sentences)
        old_ids = [r[0] for r in self.db.execute(
            "SELECT id FROM chunks WHERE briefing_id = ?", (briefing.id,))]
        new_ids = {c.id for c in chunks}
        if stale := [i for i in old_ids if i not in new_ids]:
            self.vectorstore.delete(ids=stale)
        if chunks:
            by_index = turns_by(turns)
            self._precomputed.load(chunk_vectors)
            self.vectorstore.add_texts(
                [c.text for c in chunks],
                metadatas=[self._metadata(c, briefing, by_index[c.turn_index]) for c in chunks],
                ids=[c.id for c in chunks],
            )
        with self.db:
            self._delete_rows(briefing.id)
            self._insert_rows(briefing, turns, chunks, sentences, vectors)
        return len(chunks)

    def remove(self, briefing_id: str) -> bool:
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM chunks WHERE briefing_id = ?", (briefing_id,))]
        if ids:
            self.vectorstore.delete(ids=ids)
        with self.db:
            found = self._delete_rows(briefing_id)
        return found

    def _prepare(self, turns: list[Turn]) -> tuple[list[Chunk], dict[int, list[Span]]]:
        count = get_token_counter(self.settings.model_path).count
        by_index = turns_by(turns)
        chunks: list[Chunk] = []
        sentences: dict[int, list[Span]] = {}
        for turn in turns:
            if turn.role != "official":
                continue
            spans = sentence_spans(turn.text)
            sentences[turn.index] = spans
            for n, (a, b) in enumerate(
                windows(spans, turn.text, self.settings.max_window_tokens, count)
            ):
                chunk_id = f"{turn.id}:text{n:02d}"
                chunks.append(Chunk(chunk_id, turn.briefing_id, turn.index, "text", a, b,
                                    turn.text[a:b]))
            question = by_index.get(turn.answers_turn) if turn.answers_turn is not None else None
            if question is not None:
                chunks.append(Chunk(f"{turn.id}:question00", turn.briefing_id, turn.index,
                                    "question", 0, len(question.text), question.text))
        return chunks, sentences

    def _embed(self, turns: list[Turn], chunks: list[Chunk], sentences: dict[int, list[Span]]):
        """Encode every sentence and question once; a window's vector is the normalised
        mean of its sentences' vectors (so no text is encoded twice)."""
        by_index = turns_by(turns)
        texts = [by_index[i].text[a:b] for i, spans in sentences.items() for a, b in spans]
        questions = [c.text for c in chunks if c.kind == "question"]
        if not texts and not questions:
            return np.zeros((0, 1), dtype=np.float32), []
        encoded = np.asarray(self.embeddings.embed_documents(texts + questions), np.float32)
        sentence_vectors, question_vectors = encoded[: len(texts)], iter(encoded[len(texts):])
        offsets, row = {}, 0
        for i, spans in sentences.items():
            offsets[i] = row
            row += len(spans)
        chunk_vectors = []
        for chunk in chunks:
            if chunk.kind == "question":
                chunk_vectors.append(next(question_vectors))
                continue
            spans = sentences[chunk.turn_index]
            inside = [n for n, (a, b) in enumerate(spans) if a >= chunk.start and b <= chunk.end]
            mean = sentence_vectors[[offsets[chunk.turn_index] + n for n in inside]].mean(axis=0)
            chunk_vectors.append(mean / (np.linalg.norm(mean) or 1.0))
        return sentence_vectors, [v.tolist() for v in chunk_vectors]

    @staticmethod
    def _metadata(chunk: Chunk, briefing: Briefing, turn: Turn) -> dict:
        return {"briefing_id": briefing.id, "turn_index": chunk.turn_index,
                "speaker": turn.speaker, "role": turn.role, "kind": chunk.kind,
                "date": date_int(briefing.date)}

    def _delete_rows(self, briefing_id: str) -> bool:
        found = self.db.execute("DELETE FROM briefings WHERE id = ?", (briefing_id,)).rowcount
        for table in ("turns", "chunks", "sentences"):
            self.db.execute(f"DELETE FROM {table} WHERE briefing_id = ?", (briefing_id,))
        return bool(found)

    def _insert_rows(self, briefing, turns, chunks, sentences, vectors) -> None:
        speakers = json.dumps([asdict(s) for s in briefing.speakers])
        self.db.execute(
            "INSERT INTO briefings VALUES (?,?,?,?,?,?,?,?,?,?)",
            (briefing.id, briefing.title, briefing.date, briefing.source_url,
             briefing.source_path, briefing.content_hash, briefing.pages, briefing.format,
             speakers, time.time()))
        self.db.executemany(
            "INSERT INTO turns VALUES (?,?,?,?,?,?,?)",
            [(t.briefing_id, t.index, t.speaker, t.role, t.text, t.answers_turn, t.page)
             for t in turns])
        self.db.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?)",
            [(c.id, c.briefing_id, c.turn_index, c.kind, c.start, c.end, c.text)
             for c in chunks])
        rows, row = [], 0
        for idx, spans in sentences.items():
            for n, (a, b) in enumerate(spans):
                rows.append((briefing.id, idx, n, a, b, vectors[row].tobytes()))
                row += 1
        self.db.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?)", rows)

    # -- BM25 --------------------------------------------------------------------------
    def rebuild_bm25(self) -> int:
        """Re-index every chunk lexically; written to a temp folder, then swapped in."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        rows = self.db.execute("SELECT id, text FROM chunks ORDER BY id").fetchall()
        target = self.settings.bm25_dir
        tmp = target.with_name(target.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if rows:
            tokens = bm25s.tokenize([r[1] for r in rows], stopwords="en",
                                    return_ids=False, show_progress=False)
            model = bm25s.BM25()
            model.index(tokens, show_progress=False)
            model.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps([r[0] for r in rows]))
        (tmp / "vocabulary.json").write_text(json.dumps(sorted(self._vocabulary())))
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
        return len(rows)

    def _vocabulary(self) -> set[str]:
        words: set[str] = set()
        query = "SELECT text FROM turns UNION ALL SELECT title FROM briefings"
        for (text,) in self.db.execute(query):
            words.update(_WORD.findall(text.lower()))
        return words

    def close(self) -> None:
        self.db.close()


def turns_by(turns: list[Turn]) -> dict[int, Turn]:
    return {t.index: t for t in turns}
