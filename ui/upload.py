"""Ingest files dropped on the chat's upload box, then re-open the index.

Uploaded files are copied under ``settings.home/uploads`` with their own names (sidecars such
as ``NAME.meta.json`` keep sitting beside their transcript there), so uploading the same file
again is a no-op and an edited one replaces its briefing. The report names every briefing
added, replaced or skipped and every file refused, with the reason.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from rag.answer import Podium
from ui.render import md_escape

log = logging.getLogger(__name__)
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml", ".speakers.yaml", ".speakers.yml")


def _paths(files) -> list[Path]:
    """Gradio passes paths, file objects with ``.name`` or dicts with ``path``; or None."""
    out = []
    for f in files or []:
        path = f.get("path") if isinstance(f, dict) else getattr(f, "name", f)
        if path:
            out.append(Path(str(path)))
    return out


def stage(files, home: Path) -> list[Path]:
    """Copy uploads into ``home/uploads``; return the transcripts (not the sidecars)."""
    folder = Path(home) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    staged = []
    for src in _paths(files):
        dest = folder / src.name
        if src.resolve() != dest.resolve():
            shutil.copyfile(src, dest)
        if not src.name.lower().endswith(SIDECAR_SUFFIXES):
            staged.append(dest)
    return staged


def ingest_uploads(engine: Podium, files) -> str:
    """Ingest uploaded files into the engine's index; a Markdown report (escaped)."""
    from index.ingest import ingest

    staged = stage(files, engine.settings.home)
    if not staged:
        return "Choose one or more transcript files (.txt, .md, .html) first."
    report = ingest(staged, engine.settings)
    engine.reload()
    lines = []
    lines += [f"- added **{md_escape(b)}** ({n} turns)" for b, n in report.added]
    lines += [f"- replaced **{md_escape(b)}** ({n} turns)" for b, n in report.replaced]
    lines += [f"- skipped {md_escape(b)}: {md_escape(why)}" for b, why in report.skipped]
    lines += [f"- refused {md_escape(Path(p).name)}: {md_escape(err)}" for p, err in report.failed]
    head = (f"Added {len(report.added)}, replaced {len(report.replaced)}, skipped "
            f"{len(report.skipped)}, refused {len(report.failed)} "
            f"({report.turns_added} turns indexed).")
    log.info("upload: %s", head)
    return "\n".join([head, "", *lines])
