"""Files in, stored turns out: the one entry point of ``index``.

``ingest(paths, settings)`` takes files, folders and ``.zip``/``.tar.gz`` archives
(:mod:`index.sources`), decides what to do before embedding anything (:mod:`index.plan`:
unchanged briefings are skipped without even being parsed; pages are merged; roles decided;
duplicates refused), then writes the new and changed briefings in batches — one encode call,
one SQLite transaction and batched Chroma upserts per batch — and rebuilds BM25 once at the
end. A file that cannot be read is reported in ``failed`` with a message naming it and the
problem; it never stops the others, and nothing of it is written. Killed at any point, a
re-run finishes the job (see :mod:`index.store`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from index.plan import make_plan
from index.sources import Sources
from index.store import IndexWriter, Record
from rag.settings import Settings

log = logging.getLogger(__name__)

BATCH_TURNS = 400  # official turns per write batch (~2,000 sentences: one encode call)


@dataclass
class IngestReport:
    added: list[tuple[str, int]] = field(default_factory=list)  # (briefing id, turns)
    replaced: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (briefing id, why)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, message)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (briefing id, why)
    repaired: dict[str, int] = field(default_factory=dict)  # what an earlier crash left
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def turns_added(self) -> int:
        return sum(n for _, n in self.added + self.replaced)

    @property
    def turns_per_second(self) -> float:
        return self.turns_added / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "added": [{"briefing": b, "turns": n} for b, n in self.added],
            "replaced": [{"briefing": b, "turns": n} for b, n in self.replaced],
            "skipped": [{"briefing": b, "reason": r} for b, r in self.skipped],
            "failed": [{"path": p, "error": e} for p, e in self.failed],
            "removed": [{"briefing": b, "reason": r} for b, r in self.removed],
            "repaired": self.repaired,
            "turns_added": self.turns_added,
            "seconds": round(self.seconds, 3),
            "turns_per_second": round(self.turns_per_second, 1),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
        }


def ingest(
    paths: list[Path], settings: Settings, *, fmt: str | None = None, dry_run: bool = False
) -> IngestReport:
    """Ingest files, folders and archives into the index under ``settings.home``."""
    started = time.perf_counter()
    report = IngestReport()
    with Sources([Path(p) for p in paths]) as sources:
        report.failed.extend(sources.failed)
        writer = IndexWriter(settings, check=not dry_run)  # a dry run repairs nothing either
        try:
            report.repaired = writer.repaired
            with writer.timed("read"):
                plan = make_plan(sources.files, writer, fmt)
            report.skipped.extend(plan.skipped)
            report.failed.extend(plan.failed)
            report.removed.extend(plan.superseded)
            if dry_run:
                for record, status in plan.todo:
                    _bucket(report, status).append((record.briefing.id, len(record.turns)))
            else:
                writer.remember_sources(plan.remember)
                _write(writer, plan.todo, report, settings.progress)
        finally:
            report.timings = dict(writer.timings)
            writer.close()
    report.seconds = time.perf_counter() - started
    log.info("ingest: %d added, %d replaced, %d skipped, %d failed in %.1f s",
             len(report.added), len(report.replaced), len(report.skipped),
             len(report.failed), report.seconds)
    return report


def _bucket(report: IngestReport, status: str) -> list:
    return report.replaced if status == "changed" else report.added


def _write(writer: IndexWriter, todo: list[tuple[Record, str]], report: IngestReport,
           progress: bool) -> None:
    from tqdm.auto import tqdm

    total = sum(len(record.turns) for record, _ in todo)
    with tqdm(total=total, unit="turn", desc="indexing", disable=not progress or not total,
              smoothing=0.1) as bar:
        for batch in _batches(todo):
            step = _Step(bar, sum(len(record.turns) for record, _ in batch))
            writer.write_many([record for record, _ in batch], step.advance)
            for record, status in batch:
                _bucket(report, status).append((record.briefing.id, len(record.turns)))
            step.finish()
    writer.ensure_bm25()


class _Step:
    """Moves the progress bar through one batch's turns as its texts are encoded (95 %) and
    stored (the rest)."""

    def __init__(self, bar, turns: int) -> None:
        self.bar, self.turns, self.shown = bar, turns, 0

    def advance(self, share: float) -> None:
        step = int(self.turns * share * 0.95) - self.shown
        self.bar.update(step)
        self.shown += step

    def finish(self) -> None:
        self.bar.update(self.turns - self.shown)


def _batches(todo: list[tuple[Record, str]]):
    batch, size = [], 0
    for item in todo:
        batch.append(item)
        size += sum(1 for t in item[0].turns if t.role == "official")
        if size >= BATCH_TURNS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def remove(briefing_id: str, settings: Settings) -> bool:
    writer = IndexWriter(settings)
    try:
        found = writer.remove(briefing_id)
        if found:
            writer.ensure_bm25()
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
