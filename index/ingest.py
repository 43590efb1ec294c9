"""Files in, stored turns out: the one entry point of ``index``.

``ingest(paths, settings)`` reads every file first (a file that cannot be read is reported,
never half-written), decides roles, then writes each new or changed briefing and rebuilds
BM25 once at the end. Unchanged briefings (same content hash) are skipped without
embedding; a changed file replaces its briefing's turns.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from index.load import LoadError, iter_files, load_file
from index.roles import assign_roles
from index.store import IndexWriter
from rag.settings import Settings
from rag.types import Briefing, Turn

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (briefing id, turns)
    replaced: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (briefing id, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)

    @property
    def turns_added(self) -> int:
        return sum(n for _, n in self.added + self.replaced)

    def as_dict(self) -> dict:
        return {
            "added": [{"briefing": b, "turns": n} for b, n in self.added],
            "replaced": [{"briefing": b, "turns": n} for b, n in self.replaced],
            "skipped": [{"briefing": b, "reason": r} for b, r in self.skipped],
            "failed": [{"path": p, "error": e} for p, e in self.failed],
            "turns_added": self.turns_added,
        }


def _read(paths: list[Path], report: IngestReport, fmt: str | None):
    parsed: list[tuple[Briefing, list[Turn]]] = []
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            report.failed.append((str(path), f"cannot read {path}: no such file or folder"))
        elif path.is_dir():
            found = iter_files([path])
            if not found:
                report.failed.append((str(path), f"no briefing files in folder {path}: "
                                      "expected .txt, .html, .htm or .md files"))
            files.extend(found)
        else:
            files.append(path)
    for file in files:
        try:
            parsed.append(assign_roles(load_file(file, format=fmt)))
        except (LoadError, OSError) as exc:
            report.failed.append((str(file), str(exc)))
    return parsed


def ingest(
    paths: list[Path], settings: Settings, *, fmt: str | None = None, dry_run: bool = False
) -> IngestReport:
    """Ingest files and folders into the index under ``settings.home``."""
    report = IngestReport()
    parsed = _read([Path(p) for p in paths], report, fmt)
    writer = IndexWriter(settings)
    try:
        todo = []
        for briefing, turns in parsed:
            status = writer.status(briefing)
            if status in ("unchanged", "duplicate"):
                why = "unchanged" if status == "unchanged" else "same content as a stored briefing"
                report.skipped.append((briefing.id, why))
            else:
                todo.append((briefing, turns, status))
        if not dry_run:
            _write(writer, todo, report, settings.progress)
        else:
            for briefing, turns, status in todo:
                bucket = report.replaced if status == "changed" else report.added
                bucket.append((briefing.id, len(turns)))
    finally:
        writer.close()
    return report


def _write(writer: IndexWriter, todo, report: IngestReport, progress: bool) -> None:
    from tqdm.auto import tqdm

    total = sum(len(turns) for _, turns, _ in todo)
    with tqdm(total=total, unit="turn", desc="indexing", disable=not progress or not total,
              smoothing=0.1) as bar:
        for briefing, turns, status in todo:
            writer.write(briefing, turns)
            bucket = report.replaced if status == "changed" else report.added
            bucket.append((briefing.id, len(turns)))
            bar.update(len(turns))
    if todo or not writer.settings.bm25_dir.exists():
        writer.rebuild_bm25()


def remove(briefing_id: str, settings: Settings) -> bool:
    writer = IndexWriter(settings)
    try:
        found = writer.remove(briefing_id)
        if found:
            writer.rebuild_bm25()
        return found
    finally:
        writer.close()


def ensure_demo_index(settings: Settings) -> IngestReport | None:
    """Build the index of the bundled demo corpus on first use (no-op when one exists)."""
    if settings.db_path.exists():
        writer = IndexWriter(settings)
        try:
            if writer.counts()["briefings"]:
                return None
        finally:
            writer.close()
    log.info("first run: indexing the demo corpus in %s", settings.demo_corpus)
    return ingest([settings.demo_corpus], settings)
