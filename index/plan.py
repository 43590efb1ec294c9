"""Decide what an ingest has to do, before anything is embedded or written.

For every source file: read its bytes and :func:`~index.load.fingerprint`; a stored briefing
whose files all come back with the fingerprints they were stored with is *unchanged* and
skipped without even parsing them (unless it lacks some of its pages, which may come now).
Every other file is parsed; pages of one briefing are merged (:mod:`index.pages`); roles are
decided with the stored role overrides; and each
briefing is classified ``new``/``changed`` (to write), ``unchanged`` (skip) or ``duplicate``
(the same content already stored or read under another name: refused). If one page of a
stored multi-page briefing is given, its other pages are read from where they were found, so
the briefing is rebuilt whole.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from index.chunks import CHUNKING
from index.encoding import read_limited
from index.formats import LoadError
from index.load import Loaded, fingerprint, load_source
from index.pages import group_pages, merge
from index.roles import assign_roles
from index.sources import SourceFile
from index.speakers import overrides
from index.store import IndexWriter, Record
from rag.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Plan:
    """What to write (``todo``: record and status), and what was decided on the way."""

    todo: list[tuple[Record, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    superseded: list[tuple[str, str]] = field(default_factory=list)
    remember: list[tuple[str, str, tuple]] = field(default_factory=list)  # (id, fp, sources)


def writer_key(settings: Settings) -> str:
    """What of the writer's settings decides a stored briefing: model, windows, chunking."""
    return f"{settings.model_path}\0{settings.max_window_tokens}\0{CHUNKING}"


def make_plan(files: list[SourceFile], writer: IndexWriter, fmt: str | None) -> Plan:
    plan = Plan()
    files = _complete_groups(files, writer)
    extra = writer_key(writer.settings)
    read: dict[str, tuple[SourceFile, bytes, str]] = {}
    for source in files:
        try:
            data = read_limited(source.path, shown=Path(source.name))
        except LoadError as exc:
            plan.failed.append((source.name, str(exc)))
            continue
        read[source.key] = (source, data, fingerprint(source, data, fmt, extra))
    to_parse = _skip_unchanged(read, writer, plan)
    loaded: list[tuple[Loaded, str]] = []
    for source, data, fp in to_parse:
        try:
            loaded.append((load_source(source, format=fmt, data=data), fp))
        except (LoadError, UnicodeError, RecursionError) as exc:
            plan.failed.append((source.name, str(exc)))
    _classify(loaded, writer, plan)
    return plan


def _complete_groups(files: list[SourceFile], writer: IndexWriter) -> list[SourceFile]:
    """Add the other stored pages of any multi-page briefing one of ``files`` belongs to."""
    keys = {f.key for f in files}
    extra = []
    for key, name in writer.db.execute(
            "SELECT s.key, s.name FROM sources s JOIN sources t ON s.briefing_id = t.briefing_id "
            f"WHERE t.key IN ({','.join('?' * len(keys))}) AND s.key != t.key", sorted(keys)):
        if key not in keys and "!" not in key and Path(key).is_file():
            extra.append(SourceFile(Path(key), name, key))
            keys.add(key)
    return files + extra


def _skip_unchanged(read: dict, writer: IndexWriter, plan: Plan) -> list[tuple]:
    """Files whose briefing is stored from exactly these files, unchanged, are skipped."""
    stored = {key: writer.known_source(key, fp) for key, (_, _, fp) in read.items()}
    members: dict[str, set[str]] = {}
    for bid in {b for b in stored.values() if b}:
        pages = writer.db.execute("SELECT pages FROM briefings WHERE id = ?", (bid,)).fetchone()
        keys = {r[0] for r in writer.db.execute(
            "SELECT key FROM sources WHERE briefing_id = ?", (bid,))}
        if pages and (pages[0] <= 1 or len(keys) >= pages[0]):
            members[bid] = keys  # pages missing from it could come in this time: parse those
    unchanged = {bid for bid, keys in members.items()
                 if all(stored.get(k) == bid for k in keys)}
    plan.skipped.extend((bid, "unchanged") for bid in sorted(unchanged))
    return [entry for key, entry in read.items() if stored[key] not in unchanged]


def _classify(loaded: list[tuple[Loaded, str]], writer: IndexWriter, plan: Plan) -> None:
    fps = {item.source.key: fp for item, fp in loaded}
    groups, dropped = group_pages([item for item, _ in loaded])
    plan.failed.extend((item.source.name, f"{item.source.name}: {why}") for item, why in dropped)
    rules = overrides(writer.db)
    seen: dict[str, str] = {}  # content hash → names, within this ingest
    for group in groups:
        transcript = merge(group)
        briefing, turns = assign_roles(transcript, rules)
        sources = tuple((m.source.key, m.source.name, fps[m.source.key], m.page) for m in group)
        fp = sources[0][2] if len(group) == 1 else hashlib.sha256(
            "".join(f for _, _, f, _ in sources).encode()).hexdigest()
        status = writer.status(briefing, fp)
        if _duplicate(briefing, status, sources, writer, seen, plan):
            continue
        if status == "unchanged":
            plan.skipped.append((briefing.id, "unchanged"))
            if any(writer.known_source(key, f) != briefing.id for key, _, f, _ in sources):
                plan.remember.append((briefing.id, fp, sources))  # stored before fingerprints
            continue
        record = Record(briefing, turns, roster=transcript.briefing.speakers,
                        hints=tuple(t.role_hint for t in transcript.turns), fingerprint=fp,
                        sources=sources, replaces=_superseded(writer, sources, briefing.id, plan))
        plan.todo.append((record, status))


def _duplicate(briefing, status: str, sources: tuple, writer: IndexWriter,
               seen: dict[str, str], plan: Plan) -> bool:
    """Refuse a briefing whose content is stored, or read in this ingest, under another name."""
    names = ", ".join(name for _, name, _, _ in sources)
    twin = writer.twin_of(briefing) if status != "unchanged" else None
    if twin is None and briefing.content_hash not in seen:
        seen[briefing.content_hash] = names
        return False
    where = f"{twin[1]} (stored as {twin[0]})" if twin else seen[briefing.content_hash]
    plan.failed.append((names, f"{names} has the same content as {where}: skipped (remove one "
                        "of the two copies)"))
    return True


def _superseded(writer: IndexWriter, sources: tuple, briefing_id: str, plan: Plan) -> tuple:
    """Briefings stored from some of these files under another id (pages now merged)."""
    old = set()
    for key, *_ in sources:
        row = writer.db.execute("SELECT briefing_id FROM sources WHERE key = ?", (key,)).fetchone()
        if row and row[0] != briefing_id:
            old.add(row[0])
    plan.superseded.extend((bid, f"now part of {briefing_id}") for bid in sorted(old))
    return tuple(sorted(old))
