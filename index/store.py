"""Writes briefings into podium's three stores, and keeps them in step.

- ``podium.sqlite`` (:mod:`index.schema`): the source of truth — briefings, every turn (all
  roles), and for official turns their chunks and sentence spans with vectors.
- Chroma (:mod:`index.chroma`): one vector per chunk of an *official* turn (a sentence window
  of the turn, or the journalist question it answers), and per passage of a transcript
  without questions (:mod:`index.chunks`).
- BM25 (:mod:`index.bm25`), saved beside Chroma, over the same chunks but passages.

**Crash safety.** A batch of briefings is committed to SQLite in one transaction together
with a ``pending`` row per briefing; only then is Chroma brought in line (upserts of new or
changed chunks, deletes of stale ones), and then the pending rows are cleared. BM25 is rebuilt
from SQLite and swapped in whole. Whatever instant a process dies at, SQLite holds either the
old or the new version of each briefing, and :meth:`IndexWriter.repair` — run on every open —
makes Chroma and BM25 agree with it again (:mod:`index.repair`). So re-running a killed ingest
converges to exactly the index a clean run makes.

Ids are stable (``{briefing_id}:{turn:04d}:{kind}{n:02d}``): re-ingesting replaces.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import numpy as np

from index import bm25, faults, repair
from index.chroma import ChromaIndex
from index.chunks import ENCODED_KINDS, Chunk, Prepared, embed, prepare
from index.schema import bump_generation, get_state, open_db, set_state
from rag.embed import get_embeddings, get_token_counter
from rag.settings import Settings
from rag.types import Briefing, Role, Speaker, Turn

__all__ = ["IndexWriter", "Record", "Chunk", "date_int", "open_db", "turns_by"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Record:
    """One briefing to store, with what re-deciding its roles later needs.

    ``roster`` is the roster as the source gave it (before podium's guesses) and ``hints``
    each turn's role hint; ``None`` when unknown (roles are then re-decided from the stored
    roles). ``sources``: ``(key, name, fingerprint, page)`` of each file it was read from.
    ``replaces``: other briefing ids this one supersedes (single pages now merged)."""

    briefing: Briefing
    turns: Sequence[Turn]
    roster: tuple[Speaker, ...] | None = None
    hints: tuple[Role | None, ...] | None = None
    fingerprint: str | None = None
    sources: tuple[tuple[str, str, str, int | None], ...] = ()
    replaces: tuple[str, ...] = ()


def date_int(date: str | None) -> int:
    """``"2020-06-24"`` → ``20200624`` (0 when unknown): a flat, range-filterable scalar."""
    return int(date.replace("-", "")) if date else 0


class IndexWriter:
    """Adds, replaces and removes briefings; keeps SQLite, Chroma and BM25 in step."""

    def __init__(self, settings: Settings, *, check: bool = True) -> None:
        self.settings = settings
        self.db = open_db(settings)
        self.chroma = ChromaIndex(settings)
        self.encoded = 0  # texts encoded by this writer (vectors not found in the store)
        self.timings: dict[str, float] = {}  # seconds per stage: split, encode, sqlite, …
        self.repaired: dict[str, int] = repair.repair(self) if check else {}

    @property
    def embeddings(self):
        s = self.settings
        return get_embeddings(s.model_path, s.device, s.batch_size)

    # -- reading what is there ------------------------------------------------------------
    def status(self, briefing: Briefing, fingerprint: str | None = None,
               strict: bool = False) -> str:
        """``"new"``, ``"unchanged"``, ``"changed"`` or ``"duplicate"`` (same bytes, other id).

        With a ``fingerprint``, a briefing whose bytes are the same but whose sidecars,
        parser or model changed is ``"changed"``. A briefing stored before fingerprints were
        kept has none: it counts as unchanged (upgraded in place), unless ``strict``."""
        row = self.db.execute("SELECT content_hash, fingerprint FROM briefings WHERE id = ?",
                              (briefing.id,)).fetchone()
        if row:
            same = row[0] == briefing.content_hash
            if fingerprint is not None and (strict or row[1] is not None):
                same = same and row[1] == fingerprint
            return "unchanged" if same else "changed"
        return "duplicate" if self.twin_of(briefing) else "new"

    def twin_of(self, briefing: Briefing) -> tuple[str, str] | None:
        """``(id, source path)`` of a stored briefing with the same bytes under another id."""
        row = self.db.execute("SELECT id, source_path FROM briefings WHERE content_hash = ? "
                              "AND id != ?", (briefing.content_hash, briefing.id)).fetchone()
        return (row[0], row[1]) if row else None

    def known_source(self, key: str, fingerprint: str) -> str | None:
        """The briefing id stored from this file when its fingerprint is unchanged."""
        row = self.db.execute("SELECT briefing_id FROM sources WHERE key = ? AND fingerprint = ?",
                              (key, fingerprint)).fetchone()
        return row[0] if row else None

    def remember_sources(self, items: list[tuple[str, str, tuple]]) -> None:
        """Record ``(briefing id, fingerprint, sources)`` of briefings found unchanged."""
        with self.db:
            for bid, fp, sources in items:
                self.db.execute("UPDATE briefings SET fingerprint = ? WHERE id = ?", (fp, bid))
                self.db.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)",
                                    [(k, n, f, bid, p) for k, n, f, p in sources])

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
        return self.write_many([Record(briefing, turns)])[0]

    def write_many(self, records: Sequence[Record],
                   progress: Callable[[float], None] | None = None) -> list[int]:
        """Store a batch of briefings: one encoding pass, one SQLite transaction, batched
        Chroma upserts. Returns the chunks of each. ``progress``: share of encoding done."""
        s = self.settings
        counter = get_token_counter(s.model_path)
        with self.timed("split"):
            batch = [prepare(r.briefing, list(r.turns), s.max_window_tokens, counter.counts)
                     for r in records]
        ids = [r.briefing.id for r in records]
        with self.timed("encode"):
            self.encoded += embed(batch, self.embeddings, counter.counts,
                                  self._known_vectors(ids), progress)
        touched = ids + [gone for r in records for gone in r.replaces]
        new = set(ids) - self._stored_ids(touched)
        with self.timed("sqlite"), self.db:
            for record, prepared in zip(records, batch, strict=True):
                for gone in record.replaces:
                    self._delete_rows(gone)
                self._delete_rows(record.briefing.id)
                self._insert_rows(record, prepared)
            self._mark_pending(touched)
            set_state(self.db, "model", s.model_path)
        faults.checkpoint("sqlite-commit")
        with self.timed("chroma"):
            repair.sync(self, touched, _entries(batch), new)
        faults.checkpoint("chroma-done")
        self._clear_pending(touched)
        faults.checkpoint("batch-done")
        return [len(p.chunks) for p in batch]

    def remove(self, briefing_id: str) -> bool:
        """Remove one briefing from every store (BM25 at the next :meth:`rebuild_bm25`)."""
        with self.db:
            found = self._delete_rows(briefing_id)
            if found:
                self._mark_pending([briefing_id])
        if found:
            faults.checkpoint("remove-commit")
            repair.sync(self, [briefing_id], {})
            self._clear_pending([briefing_id])
        return found

    def rebuild_bm25(self) -> int:
        """Re-index the chunks lexically (written beside the old index, then swapped in)."""
        with self.timed("bm25"):
            return bm25.rebuild(self.db, self.settings.bm25_dir)

    def ensure_bm25(self) -> bool:
        """Rebuild BM25 if it is not built from the store as it is now; True if rebuilt."""
        if bm25.is_current(self.db, self.settings.bm25_dir):
            return False
        self.rebuild_bm25()
        return True

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started

    # -- rows -------------------------------------------------------------------------
    def _mark_pending(self, ids: list[str]) -> None:
        now = time.time()
        self.db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)",
                            [(i, now) for i in ids])
        bump_generation(self.db)

    def _clear_pending(self, ids: list[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM pending WHERE briefing_id = ?", [(i,) for i in ids])

    def _stored_ids(self, ids: list[str]) -> set[str]:
        marks = ",".join("?" * len(ids))
        return {r[0] for r in self.db.execute(f"SELECT id FROM briefings WHERE id IN ({marks})",
                                              ids)}

    def _known_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these briefings by text (when stored with the same model)."""
        if not ids or get_state(self.db, "model") != self.settings.model_path:
            return {}
        marks = ",".join("?" * len(ids))
        known = {}
        for text, start, end, blob in self.db.execute(
                "SELECT t.text, s.start, s.end, s.vector FROM sentences s JOIN turns t ON "
                f"t.briefing_id = s.briefing_id AND t.idx = s.idx WHERE s.briefing_id IN ({marks})",
                ids):
            known[text[start:end]] = np.frombuffer(blob, dtype=np.float32)
        legacy = {}  # question vectors of a store from before they were kept in SQLite
        kinds = ",".join("?" * len(ENCODED_KINDS))
        for cid, text, blob in self.db.execute(
                f"SELECT id, text, vector FROM chunks WHERE briefing_id IN ({marks}) AND "
                f"kind IN ({kinds})", [*ids, *ENCODED_KINDS]):
            if blob is None:
                legacy[cid] = text
            else:
                known[text] = np.frombuffer(blob, dtype=np.float32)
        if legacy:
            got = self.chroma.collection.get(ids=sorted(legacy), include=["embeddings"])
            known.update((legacy[cid], np.asarray(vector, np.float32))
                         for cid, vector in zip(got["ids"], got["embeddings"], strict=True))
        return known

    def _delete_rows(self, briefing_id: str) -> bool:
        found = self.db.execute("DELETE FROM briefings WHERE id = ?", (briefing_id,)).rowcount
        for table in ("turns", "chunks", "sentences", "sources"):
            self.db.execute(f"DELETE FROM {table} WHERE briefing_id = ?", (briefing_id,))
        return bool(found)

    def _insert_rows(self, record: Record, prepared: Prepared) -> None:
        b, turns = record.briefing, prepared.turns
        roster = None if record.roster is None else json.dumps([asdict(s) for s in record.roster])
        self.db.execute(
            "INSERT INTO briefings (id, title, date, source_url, source_path, content_hash, "
            "pages, format, speakers, ingested_at, fingerprint, roster) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (b.id, b.title, b.date, b.source_url, b.source_path, b.content_hash, b.pages,
             b.format, json.dumps([asdict(s) for s in b.speakers]), time.time(),
             record.fingerprint, roster))
        hints = record.hints or (None,) * len(turns)
        self.db.executemany(
            "INSERT INTO turns (briefing_id, idx, speaker, role, text, answers_turn, page, "
            "role_hint) VALUES (?,?,?,?,?,?,?,?)",
            [(t.briefing_id, t.index, t.speaker, t.role, t.text, t.answers_turn, t.page, h)
             for t, h in zip(turns, hints, strict=True)])
        self.db.executemany(
            "INSERT INTO chunks (id, briefing_id, idx, kind, start, end, text, vector) "
            "VALUES (?,?,?,?,?,?,?,?)",
            [(c.id, c.briefing_id, c.turn_index, c.kind, c.start, c.end, c.text,
              v.tobytes() if c.kind in ENCODED_KINDS else None)
             for c, v in zip(prepared.chunks, prepared.chunk_vectors, strict=True)])
        rows, row = [], 0
        for idx, spans in prepared.sentences.items():
            for n, (a, c) in enumerate(spans):
                rows.append((b.id, idx, n, a, c, prepared.sentence_vectors[row].tobytes()))
                row += 1
        self.db.executemany("INSERT INTO sentences VALUES (?,?,?,?,?,?)", rows)
        self.db.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?)",
                            [(key, name, fp, b.id, page) for key, name, fp, page in
                             record.sources])


def metadata(chunk: Chunk, briefing: Briefing, speaker: str) -> dict:
    """The flat Chroma metadata of one chunk (what the reader filters on). A passage spans
    several speakers: it has none, so a search filtered by speaker never returns one."""
    speaker = "" if chunk.kind == "passage" else speaker
    return {"briefing_id": briefing.id, "turn_index": chunk.turn_index, "speaker": speaker,
            "role": "official", "kind": chunk.kind, "date": date_int(briefing.date)}


def _entries(batch: list[Prepared]) -> dict[str, tuple[np.ndarray, str, dict]]:
    entries = {}
    for prepared in batch:
        speakers = {t.index: t.speaker for t in prepared.turns}
        for chunk, vector in zip(prepared.chunks, prepared.chunk_vectors, strict=True):
            entries[chunk.id] = (vector, chunk.text,
                                 metadata(chunk, prepared.briefing, speakers[chunk.turn_index]))
    return entries


def turns_by(turns: list[Turn]) -> dict[int, Turn]:
    return {t.index: t for t in turns}
