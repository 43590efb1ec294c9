"""The Browse tab: read any briefing as a transcript, with a cited turn marked and in view."""

from __future__ import annotations

from rag.answer import Podium
from ui.render import EMPTY_TRANSCRIPT, transcript_html


def briefing_dict(engine: Podium, briefing_id: str) -> dict | None:
    b = engine.reader.briefings.get(briefing_id or "")
    if b is None:
        return None
    return {"id": b.id, "title": b.title, "date": b.date, "url": b.source_url, "pages": b.pages,
            "speakers": [{"name": s.name, "role": s.role, "title": s.title} for s in b.speakers]}


def transcript(engine: Podium, briefing_id: str | None, cited: dict | None = None) -> str:
    """The transcript HTML of ``briefing_id``; ``cited`` (a quote dict) is marked."""
    briefing = briefing_dict(engine, briefing_id or "")
    if briefing is None:
        return EMPTY_TRANSCRIPT
    turns = [{"index": t.index, "speaker": t.speaker, "role": t.role, "text": t.text,
              "page": t.page} for t in engine.reader.turns(briefing["id"])]
    if cited is not None and cited["briefing"]["id"] != briefing["id"]:
        cited = None
    return transcript_html(briefing, turns, cited)


def anchor(cited: dict | None) -> str:
    """The element id to scroll to (empty when nothing is cited)."""
    return f"podium-turn-{int(cited['turn_index'])}" if cited else ""
