"""QMSum as an external benchmark of turn retrieval.

Each QMSum meeting becomes one briefing whose turns are its ``meeting_transcripts``; every
participant is treated as quotable (role ``official``), because QMSum asks which turns are
relevant, not who may be quoted. The adapter's one normalisation: QMSum's ``{vocalsound}``
/ ``{disfmarker}`` markers are removed and whitespace is collapsed. Each *specific* query is
asked within its own meeting (a briefing filter); its gold turns are the union of its
``relevant_text_span`` ranges (inclusive, 0-based turn indexes).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path

from eval.metrics import latency, ranking_metrics
from rag.answer import Podium
from rag.retrieve import PIPELINES, Filters
from rag.settings import Settings
from rag.types import Briefing, Turn, turn_id

_MARKER = re.compile(r"\{[a-z_]+\}")


def meeting_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(path.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no QMSum meeting JSON files in {path}: expected e.g. "
                                "../shared/eval/qmsum/data/ALL/val")
    return files


def load_meeting(path: Path) -> tuple[Briefing, list[Turn], list[dict]]:
    """One QMSum meeting file → (briefing, turns, specific queries with gold turn indexes)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if "meeting_transcripts" not in data:
        raise ValueError(f"{path} is not a QMSum meeting: expected a 'meeting_transcripts' list")
    bid = "qmsum-" + re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    turns = []
    for i, row in enumerate(data["meeting_transcripts"]):
        text = " ".join(_MARKER.sub(" ", row["content"]).split()) or "…"
        turns.append(Turn(bid, i, row["speaker"].strip() or "Unknown", "official", text))
    briefing = Briefing(id=bid, title=f"QMSum meeting {path.stem}", date=None, source_url=None,
                        source_path=str(path),
                        content_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
                        format="qmsum")
    queries = []
    for n, q in enumerate(data.get("specific_query_list", [])):
        gold = {i for a, b in q["relevant_text_span"] for i in range(int(a), int(b) + 1)}
        queries.append({"id": f"{bid}#{n}", "query": q["query"], "gold": gold})
    return briefing, turns, queries


def build_index(files: list[Path], home: Path, model: str = "") -> tuple[Settings, list]:
    """Index the meetings in ``home``; a meeting stored by other code or settings (model,
    windows, chunking: :func:`index.plan.writer_key`) is written again."""
    from index.plan import writer_key
    from index.store import IndexWriter, Record

    settings = Settings(home=home, model=model, progress=False)
    writer = IndexWriter(settings)
    meetings = []
    try:
        for path in files:
            briefing, turns, queries = load_meeting(path)
            key = f"{briefing.content_hash}\0{writer_key(settings)}"
            fingerprint = hashlib.sha256(key.encode()).hexdigest()
            if writer.status(briefing, fingerprint, strict=True) != "unchanged":
                writer.write_many([Record(briefing, turns, fingerprint=fingerprint)])
            meetings.append((briefing, queries))
        writer.rebuild_bm25()
    finally:
        writer.close()
    return settings, meetings


def run_qmsum(path: Path, home: Path, systems: list[str], model: str = "",
              limit: int | None = None) -> dict:
    files = meeting_files(path)[:limit]
    settings, meetings = build_index(files, home, model)
    engine = Podium(settings)
    engine.ask("warm up the model")
    results = {}
    for system in systems:
        gold, runs, ms = {}, {}, []
        for briefing, queries in meetings:
            filters = Filters(briefings=(briefing.id,))
            for q in queries:
                t0 = time.perf_counter()
                ranked = engine.rank(q["query"], filters, PIPELINES[system])
                ms.append((time.perf_counter() - t0) * 1000)
                runs[q["id"]] = [turn_id(c.hit.briefing_id, c.hit.turn_index)
                                 for c in ranked][:10]
                gold[q["id"]] = {turn_id(briefing.id, i) for i in q["gold"]}
        metrics = ranking_metrics(gold, runs)
        metrics.update(latency(ms))
        results[system] = metrics
    return {"benchmark": "qmsum", "path": str(path), "meetings": len(meetings),
            "queries": sum(len(q) for _, q in meetings), "systems": results}
