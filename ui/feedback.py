"""Thumbs up/down on an answer or one of its quotes, kept locally as JSON lines.

Each line records what was asked, how it was read, the filters, every quote (turn id and
character span, so the exact words can be re-derived) and the rating; ``podium eval
feedback`` turns the file into eval items. Nothing leaves the machine.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path

from ui.handlers import record_at

log = logging.getLogger(__name__)
FILE_NAME = "feedback.jsonl"
_LOCK = threading.Lock()


def feedback_path(home: Path) -> Path:
    return Path(home) / FILE_NAME


def rating(liked) -> str:
    """Gradio sends True/False, or the option's label ("Like"/"Dislike"), or None to undo."""
    if liked is True or str(liked).lower() in ("like", "true", "up"):
        return "up"
    if liked is False or str(liked).lower() in ("dislike", "false", "down"):
        return "down"
    return "cleared"


def entry(session: dict | None, index: int | None, liked) -> dict | None:
    """The JSONL entry for a rating of history message ``index`` (None: not an answer)."""
    record = record_at(session, index)
    if record is None:
        return None
    offset = index - record["start"]
    citation = offset - 1 if offset >= 2 else None
    return {
        "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "rating": rating(liked), "target": "quote" if citation else "answer",
        "citation": citation, "asked": record["asked"], "question": record["question"],
        "mode": record.get("mode"), "followup": record.get("followup", False),
        "filters": record.get("filters", {}), "abstained": record.get("abstained", True),
        "message": record.get("message"),
        "quotes": [{"citation": q["citation"], "turn_id": q["turn_id"], "start": q["start"],
                    "end": q["end"], "text": q["text"], "speaker": q["speaker"],
                    "briefing_id": q["briefing"]["id"], "date": q["briefing"]["date"]}
                   for q in record["quotes"]],
    }


def record_feedback(home: Path, session: dict | None, index: int | None, liked) -> dict | None:
    """Append one rating to ``home/feedback.jsonl``; returns what was written."""
    item = entry(session, index, liked)
    if item is None:
        return None
    path = feedback_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK, path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    log.info("feedback %s on %r written to %s", item["rating"], item["question"], path)
    return item
