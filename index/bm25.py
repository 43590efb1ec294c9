"""The lexical index (bm25s) over the turn store's chunks, rebuilt whole and swapped in.

Passages (:mod:`index.chunks`) are left out: they are dense context, and a word of a
passage belongs to several turns.

Files in ``settings.bm25_dir``: bm25s's own, ``ids.json`` (chunk id of each BM25 row, sorted),
``vocabulary.json`` (every lower-cased word of every turn and title, with the number of
briefings it occurs in, and the initials of their runs of capitalised words, for the name
checks of :mod:`rag.abstain`) and ``state.json``
(``generation``: the turn store's write counter it was built from; ``format``).
:func:`is_current` compares that counter with the store's, so a BM25 left behind by a crash
(or written by an older podium) is noticed and rebuilt on the next open.

A rebuild writes a new folder beside the old one, moves the old one away, moves the new one in,
then deletes the old: at every instant there is one complete index on disk (a crash between
the two moves leaves none, which :func:`is_current` also reports).
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

from index import faults
from index.schema import get_state
from rag.abstain import initialisms, words_of

log = logging.getLogger(__name__)

STATE_FILE = "state.json"
# 4: vocabulary.json reads "D.C." as "dc" too; 3: it also lists initialisms; 2: it counts
# briefings per word
FORMAT = 4


def is_current(db: sqlite3.Connection, folder: Path) -> bool:
    """Is the BM25 folder built from the store as it is now?"""
    try:
        state = json.loads((folder / STATE_FILE).read_text())
    except (OSError, ValueError):
        return False
    return (str(state.get("generation")) == get_state(db, "generation", "0")
            and state.get("format", 1) == FORMAT)


def rebuild(db: sqlite3.Connection, folder: Path) -> int:
    """Re-index the chunks (passages aside) lexically; returns the number of chunks."""
    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    rows = db.execute("SELECT id, text FROM chunks WHERE kind != 'passage' ORDER BY id").fetchall()
    generation = get_state(db, "generation", "0")
    tmp = folder.with_name(folder.name + ".tmp")
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    if rows:
        tokens = bm25s.tokenize([r[1] for r in rows], stopwords="en", return_ids=False,
                                show_progress=False)
        model = bm25s.BM25()
        model.index(tokens, show_progress=False)
        model.save(str(tmp), show_progress=False)
    (tmp / "ids.json").write_text(json.dumps([r[0] for r in rows]))
    (tmp / "vocabulary.json").write_text(json.dumps(_vocabulary(db)))
    state = {"generation": generation, "chunks": len(rows), "format": FORMAT}
    (tmp / STATE_FILE).write_text(json.dumps(state))
    faults.checkpoint("bm25-tmp")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    faults.checkpoint("bm25-swap")
    tmp.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
    log.debug("BM25: %d chunks, generation %s", len(rows), generation)
    return len(rows)


def _vocabulary(db: sqlite3.Connection) -> dict:
    """``{"briefings": N, "frequency": {word: briefings whose turns or title contain it},
    "initialisms": [initials of a run of capitalised words, e.g. "tsmc" for "Taiwan
    Semiconductor Manufacturing Company"]}``."""
    words: dict[str, set[str]] = {}
    initials: set[str] = set()
    query = "SELECT briefing_id, text FROM turns UNION ALL SELECT id, title FROM briefings"
    for briefing, text in db.execute(query):
        words.setdefault(briefing, set()).update(words_of(text))
        initials |= initialisms(text)
    frequency: Counter[str] = Counter()
    for found in words.values():
        frequency.update(found)
    return {"briefings": len(words), "frequency": dict(sorted(frequency.items())),
            "initialisms": sorted(initials)}
