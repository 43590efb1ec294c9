"""Who speaks in the index, and fixing a wrong role guess for good.

:func:`list_speakers` counts each speaker's turns and briefings by role. :func:`set_role`
stores an override (``role_overrides``: applied on every later ingest too, before the
briefing's own roster) and re-decides the roles of the briefings that speaker is in, from the
stored turns — the files are not read again. Only the work the change needs is done: a turn
that becomes official gets its sentences embedded (nothing else is), a turn that stops being
official loses its chunks, and a neighbour whose answered question changes gets its question
chunk replaced; every other vector is reused from the store (:mod:`index.chunks`).
``role="auto"`` drops the override and lets podium decide again.
"""

from __future__ import annotations

import difflib
import json
import logging
import sqlite3
import time
from dataclasses import dataclass, field

from index.roles import assign_roles, speaker_key
from rag.settings import Settings
from rag.types import ROLES, Briefing, RawTurn, Speaker, Transcript

log = logging.getLogger(__name__)

AUTO = "auto"


@dataclass
class RoleChange:
    """What :func:`set_role` did."""

    speaker: str
    role: str
    briefings: list[str] = field(default_factory=list)  # re-labelled
    turns: int = 0  # turns whose role changed
    embedded: int = 0  # texts encoded (sentences of newly official turns, new questions)

    def as_dict(self) -> dict:
        return {"speaker": self.speaker, "role": self.role, "briefings": self.briefings,
                "turns_relabelled": self.turns, "texts_embedded": self.embedded}


def overrides(db: sqlite3.Connection) -> dict[str, Speaker]:
    """The stored role overrides as a roster (name → :class:`Speaker`)."""
    return {name: Speaker(name, role) for name, role in
            db.execute("SELECT speaker, role FROM role_overrides ORDER BY speaker_key")}


def list_speakers(settings: Settings) -> list[dict]:
    """Every speaker: main role, turns by role, turn and briefing counts, override if any."""
    if not settings.db_path.exists():
        from rag.store import IndexMissing

        raise IndexMissing(f"no podium index in {settings.home}: run `podium ingest PATH` "
                           "first (or set PODIUM_HOME to the folder that holds one)")
    db = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
    try:
        stats: dict[str, dict] = {}
        for name, role, turns in db.execute(
                "SELECT speaker, role, COUNT(*) FROM turns GROUP BY speaker, role"):
            entry = stats.setdefault(name, {"speaker": name, "roles": {}, "turns": 0})
            entry["roles"][role] = turns
            entry["turns"] += turns
        for name, briefings in db.execute(
                "SELECT speaker, COUNT(DISTINCT briefing_id) FROM turns GROUP BY speaker"):
            stats[name]["briefings"] = briefings
        fixed = _table_overrides(db)
    finally:
        db.close()
    rows = []
    for entry in stats.values():
        entry["role"] = max(entry["roles"], key=lambda r: (entry["roles"][r], r == "official"))
        entry["override"] = fixed.get(speaker_key(entry["speaker"]))
        rows.append(entry)
    return sorted(rows, key=lambda e: (-e["turns"], e["speaker"]))


def _table_overrides(db: sqlite3.Connection) -> dict[str, str]:
    try:
        return dict(db.execute("SELECT speaker_key, role FROM role_overrides"))
    except sqlite3.OperationalError:  # an index made before overrides existed
        return {}


def set_role(name: str, role: str, settings: Settings) -> RoleChange:
    """Make ``name`` have ``role`` in every briefing, now and in later ingests."""
    from index.store import IndexWriter

    if role not in (*ROLES, AUTO):
        raise ValueError(f"unknown role {role!r}: expected one of {', '.join(ROLES)} or "
                         f"{AUTO!r} (let podium decide again)")
    writer = IndexWriter(settings)
    try:
        names = _matching(writer.db, name)
        with writer.db:
            writer.db.execute("DELETE FROM role_overrides WHERE speaker_key = ?",
                              (speaker_key(name),))
            if role != AUTO:
                writer.db.execute("INSERT INTO role_overrides VALUES (?, ?, ?, ?)",
                                  (speaker_key(name), names[0], role, time.time()))
        change = RoleChange(names[0], role)
        _relabel(writer, names, change)
        writer.ensure_bm25()
        return change
    finally:
        writer.close()


def _matching(db: sqlite3.Connection, name: str) -> list[str]:
    stored = [r[0] for r in db.execute("SELECT DISTINCT speaker FROM turns")]
    names = [s for s in stored if speaker_key(s) == speaker_key(name)]
    if names:
        return names
    close = difflib.get_close_matches(name, stored, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    raise ValueError(f"no speaker {name!r} in the index{hint}: see `podium speakers` for the "
                     "names as stored (names match exactly, case aside)")


def _relabel(writer, names: list[str], change: RoleChange) -> None:
    from index.store import Record

    marks = ",".join("?" * len(names))
    ids = [r[0] for r in writer.db.execute(
        f"SELECT DISTINCT briefing_id FROM turns WHERE speaker IN ({marks}) "
        "ORDER BY briefing_id", names)]
    rules = overrides(writer.db)
    records = []
    for bid in ids:
        briefing, raw, hints, stored = _stored(writer.db, bid)
        new_briefing, turns = assign_roles(Transcript(briefing, tuple(raw)), rules)
        moved = sum(1 for a, b in zip(stored, turns, strict=True)
                    if (a.role, a.answers_turn) != (b.role, b.answers_turn))
        if moved:
            change.turns += moved
            change.briefings.append(bid)
            records.append(Record(new_briefing, turns, roster=briefing.speakers if hints
                                  else None, hints=hints, fingerprint=_fingerprint(writer, bid),
                                  sources=_sources(writer.db, bid)))
    before = writer.encoded
    for start in range(0, len(records), 64):
        writer.write_many(records[start:start + 64])
    change.embedded = writer.encoded - before
    log.info("%s is now %s: %d turns in %d briefings re-labelled, %d texts embedded",
             change.speaker, change.role, change.turns, len(change.briefings), change.embedded)


def _stored(db: sqlite3.Connection, bid: str):
    """The briefing as its source gave it (roster before guesses), its raw turns, their hints
    (None for a briefing stored without them: its stored roles then stand as hints), and its
    stored turns."""
    from rag.types import Turn

    row = db.execute("SELECT title, date, source_url, source_path, content_hash, pages, format, "
                     "roster FROM briefings WHERE id = ?", (bid,)).fetchone()
    known = row[7] is not None
    roster = tuple(Speaker(**s) for s in json.loads(row[7])) if known else ()
    briefing = Briefing(bid, *row[:6], speakers=roster, format=row[6])
    rows = db.execute("SELECT briefing_id, idx, speaker, role, text, answers_turn, page, "
                      "role_hint FROM turns WHERE briefing_id = ? ORDER BY idx", (bid,)).fetchall()
    stored = [Turn(*r[:7]) for r in rows]
    hints = tuple(r[7] for r in rows) if known else None
    raw = [RawTurn(t.speaker, t.text, t.page, hints[i] if hints else t.role)
           for i, t in enumerate(stored)]
    return briefing, raw, hints, stored


def _fingerprint(writer, bid: str) -> str | None:
    row = writer.db.execute("SELECT fingerprint FROM briefings WHERE id = ?", (bid,)).fetchone()
    return row[0] if row else None


def _sources(db: sqlite3.Connection, bid: str) -> tuple:
    return tuple(db.execute("SELECT key, name, fingerprint, page FROM sources "
                            "WHERE briefing_id = ? ORDER BY page, key", (bid,)))
