"""The SQLite turn store's tables, and the upgrade of stores made by earlier versions.

``podium.sqlite`` is the source of truth; Chroma and BM25 are derived from it and can always
be rebuilt from it (every chunk's vector is stored or derivable here):

- ``briefings``: one row per briefing; ``fingerprint`` is what the file(s), sidecars, format,
  parser and model looked like when stored (unchanged → nothing to do); ``roster`` is the
  roster as the source gave it, before podium's guesses (re-deciding roles needs it);
- ``turns``: every turn of every role; ``role_hint`` is what the format said;
- ``chunks``: what Chroma and BM25 index, one row per chunk of an official turn; ``vector``
  is stored for question chunks (a text window's vector is the mean of its sentences');
- ``sentences``: sentence spans of official turns with their vectors;
- ``sources``: which file (by identity) with which fingerprint made which briefing;
- ``pending``: briefings whose Chroma entries may lag behind SQLite (written before Chroma is
  touched, deleted after: a row left by a crash is repaired on the next open);
- ``role_overrides``: ``podium speakers --set-role`` decisions, applied on every ingest;
- ``state``: key/value (``generation`` counts committed writes; ``model``).
"""

from __future__ import annotations

import sqlite3

from rag.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS briefings (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, source_url TEXT,
    source_path TEXT NOT NULL, content_hash TEXT NOT NULL, pages INTEGER NOT NULL,
    format TEXT NOT NULL, speakers TEXT NOT NULL, ingested_at REAL NOT NULL,
    fingerprint TEXT, roster TEXT);
CREATE TABLE IF NOT EXISTS turns (
    briefing_id TEXT NOT NULL, idx INTEGER NOT NULL, speaker TEXT NOT NULL,
    role TEXT NOT NULL, text TEXT NOT NULL, answers_turn INTEGER, page INTEGER,
    role_hint TEXT,
    PRIMARY KEY (briefing_id, idx));
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, briefing_id TEXT NOT NULL, idx INTEGER NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL,
    vector BLOB);
CREATE TABLE IF NOT EXISTS sentences (
    briefing_id TEXT NOT NULL, idx INTEGER NOT NULL, n INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (briefing_id, idx, n));
CREATE TABLE IF NOT EXISTS sources (
    key TEXT PRIMARY KEY, name TEXT NOT NULL, fingerprint TEXT NOT NULL,
    briefing_id TEXT NOT NULL, page INTEGER);
CREATE TABLE IF NOT EXISTS pending (
    briefing_id TEXT PRIMARY KEY, since REAL NOT NULL);
CREATE TABLE IF NOT EXISTS role_overrides (
    speaker_key TEXT PRIMARY KEY, speaker TEXT NOT NULL, role TEXT NOT NULL, set_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_briefing ON chunks (briefing_id);
CREATE INDEX IF NOT EXISTS briefings_hash ON briefings (content_hash);
CREATE INDEX IF NOT EXISTS sources_briefing ON sources (briefing_id);
CREATE INDEX IF NOT EXISTS turns_speaker ON turns (speaker);
"""

# columns added since the first release: (table, column, declaration)
_ADDED = [
    ("briefings", "fingerprint", "TEXT"), ("briefings", "roster", "TEXT"),
    ("turns", "role_hint", "TEXT"), ("chunks", "vector", "BLOB"),
]


def open_db(settings: Settings) -> sqlite3.Connection:
    """The writer's connection: tables created, older stores upgraded in place."""
    settings.home.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(settings.db_path)
    db.execute("PRAGMA foreign_keys = OFF")
    with db:
        legacy = _exists(db, "briefings") and not _exists(db, "state")
        for table, column, declaration in _ADDED:
            if _exists(db, table) and column not in _columns(db, table):
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    db.executescript(SCHEMA)
    if legacy:  # the first release kept no model name: it can only have been this one
        with db:
            set_state(db, "model", settings.model_path)
    return db


def _exists(db: sqlite3.Connection, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                      (table,)).fetchone() is not None


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def get_state(db: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_state(db: sqlite3.Connection, key: str, value: object) -> None:
    db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, str(value)))


def bump_generation(db: sqlite3.Connection) -> int:
    """Count one committed change (call inside the write's transaction)."""
    generation = int(get_state(db, "generation", "0")) + 1
    set_state(db, "generation", generation)
    return generation
