"""Make Chroma and BM25 agree with the SQLite turn store: after each write, and on every open.

:func:`sync` brings the Chroma entries of some briefings to exactly a given set (``id →
(vector, document, metadata)``): it reads what Chroma holds for them, deletes what should not
be there and upserts only what is missing or different — so replacing a briefing, or changing
a speaker's role, touches only the chunks that changed.

:func:`repair` runs when an :class:`~index.store.IndexWriter` opens. It finishes what a killed
process left half done: briefings still marked ``pending`` are synced from SQLite (every
chunk's vector is in SQLite or derivable from it, so nothing is re-embedded); if Chroma's count
still disagrees with SQLite's, every id is compared (orphans deleted, missing chunks added);
and BM25 is rebuilt when it was not built from the store as it is now.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import numpy as np

from index.chunks import ENCODED_KINDS, Chunk, window_vector
from index.schema import get_state

if TYPE_CHECKING:
    from index.store import IndexWriter

log = logging.getLogger(__name__)

Entry = tuple[np.ndarray, str, dict]


def sync(writer: IndexWriter, briefing_ids: list[str], entries: dict[str, Entry],
         new: set[str] = frozenset()) -> None:
    """Make Chroma hold exactly ``entries`` for ``briefing_ids``.

    ``new``: briefings that were not in the store before this write. Chroma holds nothing
    for them (what a crash left was repaired when the writer opened), so they are added
    without asking Chroma first — a metadata lookup is a scan of the whole collection."""
    if not briefing_ids:
        return
    collection = writer.chroma.collection
    present = {}
    asked = sorted(set(briefing_ids) - set(new))
    for start in range(0, len(asked), 200):
        part = asked[start:start + 200]
        where = {"briefing_id": part[0]} if len(part) == 1 else {"briefing_id": {"$in": part}}
        got = collection.get(where=where, include=["embeddings", "documents", "metadatas"])
        for i, cid in enumerate(got["ids"]):
            present[cid] = (got["embeddings"][i], got["documents"][i], got["metadatas"][i])
    stale = [cid for cid in present if cid not in entries]
    changed = [cid for cid, entry in entries.items()
               if cid not in present or not _same(entry, present[cid])]
    if stale:
        writer.chroma.delete(stale)
    if changed:
        writer.chroma.upsert(changed, np.stack([entries[c][0] for c in changed]),
                             [entries[c][1] for c in changed], [entries[c][2] for c in changed])
    log.debug("chroma: %d upserted, %d deleted, %d unchanged", len(changed), len(stale),
              len(entries) - len(changed))


def _same(entry: Entry, present: tuple) -> bool:
    vector, document, meta = entry
    return (document == present[1] and meta == present[2]
            and np.array_equal(np.asarray(present[0], np.float32), vector))


def repair(writer: IndexWriter) -> dict[str, int]:
    """Finish interrupted writes; returns what was repaired (empty when all was well)."""
    db, done = writer.db, {}
    pending = [r[0] for r in db.execute("SELECT briefing_id FROM pending ORDER BY briefing_id")]
    if pending:
        log.warning("finishing %d interrupted briefing write(s) in %s", len(pending),
                    writer.settings.home)
        sync(writer, pending, stored_entries(writer, pending))
        with db:
            db.executemany("DELETE FROM pending WHERE briefing_id = ?", [(b,) for b in pending])
        done["pending"] = len(pending)
    chunks = db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
    if writer.chroma.count() != chunks:
        done["resynced"] = _resync_all(writer)
    fresh = get_state(db, "generation", "0") == "0" and not writer.settings.bm25_dir.exists()
    if not fresh and writer.ensure_bm25():
        done["bm25"] = 1
    return done


def _resync_all(writer: IndexWriter) -> int:
    """Compare every id; delete orphans, sync briefings with missing chunks."""
    db = writer.db
    stored = dict(db.execute("SELECT id, briefing_id FROM chunks"))
    present = writer.chroma.ids()
    orphans = present - stored.keys()
    missing = sorted({stored[cid] for cid in stored.keys() - present})
    log.warning("Chroma disagrees with the turn store in %s: %d orphan chunk(s), %d briefing(s) "
                "with missing chunks; repairing", writer.settings.home, len(orphans), len(missing))
    if orphans:
        writer.chroma.delete(orphans)
    if missing:
        sync(writer, missing, stored_entries(writer, missing))
    return len(orphans) + len(missing)


def stored_entries(writer: IndexWriter, briefing_ids: list[str]) -> dict[str, Entry]:
    """The Chroma entries of these briefings, rebuilt from SQLite alone."""
    from index.store import metadata

    db, entries = writer.db, {}
    for bid in briefing_ids:
        row = db.execute("SELECT title, date, source_url, source_path, content_hash, pages, "
                         "format, speakers FROM briefings WHERE id = ?", (bid,)).fetchone()
        if row is None:
            continue
        briefing = _briefing(bid, row)
        speakers = dict(db.execute("SELECT idx, speaker FROM turns WHERE briefing_id = ?",
                                   (bid,)))
        sentences: dict[int, list] = {}
        for idx, start, end, blob in db.execute(
                "SELECT idx, start, end, vector FROM sentences WHERE briefing_id = ? "
                "ORDER BY idx, n", (bid,)):
            sentences.setdefault(idx, []).append((start, end, np.frombuffer(blob, np.float32)))
        for cid, idx, kind, start, end, text, blob in db.execute(
                "SELECT id, idx, kind, start, end, text, vector FROM chunks "
                "WHERE briefing_id = ?", (bid,)):
            chunk = Chunk(cid, bid, idx, kind, start, end, text)
            if kind in ENCODED_KINDS:
                vector = np.frombuffer(blob, np.float32) if blob is not None else \
                    _encode(writer, text)  # stored before question vectors were kept
            else:
                vector = window_vector(np.stack([v for a, b, v in sentences[idx]
                                                 if a >= start and b <= end]))
            entries[cid] = (vector, text, metadata(chunk, briefing, speakers[idx]))
    return entries


def _encode(writer: IndexWriter, text: str) -> np.ndarray:
    return np.asarray(writer.embeddings.embed_documents([text])[0], np.float32)


def _briefing(bid: str, row: tuple):
    from rag.types import Briefing, Speaker

    return Briefing(id=bid, title=row[0], date=row[1], source_url=row[2], source_path=row[3],
                    content_hash=row[4], pages=row[5], format=row[6],
                    speakers=tuple(Speaker(**s) for s in json.loads(row[7])))
