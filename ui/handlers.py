"""What the chat does, as plain functions over a session dict (tested without a browser).

A session is ``{"history": [...], "answers": [...], "context": {...} | None}``: the chat
messages (Markdown, escaped), one record per answer (its quotes as dicts, the filters used,
where its messages sit in the history) and the follow-up context. :func:`respond` is a
generator: it yields the session after each step so that the chat streams — the question,
how it was read, the summary, then each numbered quote.
"""

from __future__ import annotations

import copy
import logging
import re
import uuid
from collections.abc import Iterator

from rag import followup
from rag.answer import Podium
from rag.render import continued_from, quote_to_dict
from rag.types import Answer, Quote
from rag.whosaid import clean_phrase, sighting_quote, timeline, who_said
from ui.filters import UiFilters, to_engine
from ui.render import (  # noqa: F401  (re-exported for callers of the old module)
    EMPTY_SOURCE,
    md_escape,
    quote_markdown,
    source_html,
    summary_markdown,
    text_fragment_url,
)

log = logging.getLogger(__name__)

MODES = {"Answer": "answer", "Who said": "who", "Timeline": "timeline"}
_WHO = re.compile(r"^\s*who\s+(said|says|stated|used)\b", re.IGNORECASE)
_TIMELINE = re.compile(r"^\s*timeline\s*(?:of|for|on|about|:)?\s+", re.IGNORECASE)
SEARCHING = "*Searching the briefings…*"


def new_session() -> dict:
    return {"history": [], "answers": [], "context": None}


def detect_mode(message: str, mode: str | None) -> tuple[str, str]:
    """(mode, text): "who said …" and "timeline of …" switch mode from the Answer box."""
    mode = MODES.get(mode or "Answer", mode or "answer")
    if mode == "answer" and _WHO.match(message):
        return "who", clean_phrase(message)
    if mode == "answer" and _TIMELINE.match(message):
        return "timeline", _TIMELINE.sub("", message).strip()
    return mode, clean_phrase(message) if mode == "who" else message


def respond(engine: Podium, session: dict | None, message: str | None, filters: UiFilters,
            mode: str | None = "Answer") -> Iterator[dict]:
    """One chat turn, streamed: yields the session after each message is added."""
    session = copy.deepcopy(session) if session else new_session()
    message = " ".join((message or "").split())
    history = session["history"]
    history.append({"role": "user", "content": md_escape(message) or "…"})
    history.append({"role": "assistant", "content": SEARCHING})
    yield session
    context_before = session["context"]
    try:
        record = _answer(engine, session, message, filters, mode)
        content = summary_markdown(record)
    except ValueError as exc:  # empty question, unknown speaker, bad date: say what to fix
        record = {"id": uuid.uuid4().hex[:12], "asked": message, "question": message,
                  "mode": mode, "error": str(exc), "message": str(exc), "abstained": True,
                  "quotes": [], "others": [], "filters": filters.as_dict()}
        content = md_escape(str(exc))
    record.update(start=len(history) - 2, size=2 + len(record["quotes"]),
                  context_before=context_before)
    history[-1] = {"role": "assistant", "content": content}
    session["answers"].append(record)
    yield session
    for n, q in enumerate(record["quotes"]):
        history.append({"role": "assistant",
                        "content": quote_markdown(q, _continues(record["quotes"], n))})
        yield session


def _continues(quotes: list[dict], n: int) -> int | None:
    """The citation of the quote before quote ``n`` when both are of the same turn."""
    return continued_from([(q["turn_id"], q["citation"]) for q in quotes], n)


def _answer(engine: Podium, session: dict, message: str, ui: UiFilters, mode) -> dict:
    if not message:
        raise ValueError("the question is empty: type what you want officials' words on, "
                         "e.g. 'Does China back the Arab League on Libya?'")
    mode, text = detect_mode(message, mode)
    ctx = followup.Context(**session["context"]) if session["context"] else None
    rw = followup.rewrite(text, ctx, engine.reader.official_speakers) if mode == "answer" \
        else followup.Rewrite(question=text)
    filters = to_engine(engine, ui, speakers=rw.speakers, since=rw.since, until=rw.until)
    record = {"id": uuid.uuid4().hex[:12], "asked": message, "question": rw.question,
              "mode": mode, "followup": rw.followup, "notes": list(rw.notes),
              "filters": {**filters.as_dict(), "roles": list(ui.roles)}, "others": []}
    if mode == "who":
        answer = _who_said(engine, rw.question, ui, filters, record)
    else:
        if "official" not in ui.roles:
            raise ValueError("only officials can be quoted: add 'official' to the Roles filter "
                             "(other roles are searched by 'Who said' only)")
        answer = (timeline(engine, rw.question, filters) if mode == "timeline" else
                  engine.ask(rw.question, speakers=filters.speakers, briefings=filters.briefings,
                             since=filters.since, until=filters.until))
        session["context"] = _context(engine, rw, answer)
    record.update(message=answer.message, abstained=answer.abstained,
                  quotes=[quote_state(q, record["id"]) for q in answer.quotes])
    return record


def _who_said(engine: Podium, phrase: str, ui: UiFilters, filters, record: dict) -> Answer:
    sightings = who_said(engine.reader, phrase, roles=ui.roles, filters=filters)
    officials = [s for s in sightings if s.turn.role == "official"]
    quotes = tuple(sighting_quote(engine.reader, s, n) for n, s in enumerate(officials, 1))
    record["others"] = [{"speaker": s.turn.speaker, "role": s.turn.role, "title": s.briefing.title,
                         "date": s.briefing.date, "turn_index": s.turn.index,
                         "briefing_id": s.briefing.id} for s in sightings if s not in officials]
    if quotes:
        first = quotes[0]
        kind = "Exactly these words" if officials[0].exact else "Words close to these"
        message = (f"{kind} were said by {first.turn.speaker} ({first.turn.role}) in "
                   f"{first.briefing.title}, {first.briefing.date or 'date unknown'} [1]"
                   + (f"; {len(quotes) - 1} more below." if len(quotes) > 1 else "."))
    elif sightings:
        message = "No official said this; it appears only in the turns listed below."
    else:
        message = ("No stored turn contains these words or nearly these words. Check the "
                   "wording, widen the filters, or try an Answer search on the topic.")
    return Answer(question=phrase, quotes=quotes, abstained=not quotes, message=message,
                  filters=filters.as_dict())


def _context(engine: Podium, rw: followup.Rewrite, answer: Answer) -> dict:
    dates = [q.briefing.date for q in answer.quotes if q.briefing.date]
    known = [b.date for b in engine.reader.briefings.values() if b.date]
    anchor = max(dates) if dates else max(known, default=None)
    return {"question": rw.question, "since": rw.since, "until": rw.until,
            "speakers": tuple(rw.speakers), "anchor": anchor}


def quote_state(q: Quote, answer_id: str) -> dict:
    """A quote as the session keeps it: the JSON schema plus the turn text and a key."""
    titles = {s.name: s.title for s in q.briefing.speakers}
    return {**quote_to_dict(q), "turn_text": q.turn.text, "key": f"{answer_id}:{q.citation}",
            "speaker_title": titles.get(q.turn.speaker)}


def find_quote(session: dict | None, key: str | None) -> dict | None:
    for record in (session or {}).get("answers", []):
        for q in record["quotes"]:
            if q["key"] == key:
                return q
    return None


def record_of(session: dict | None, key: str | None) -> dict | None:
    """The answer record that holds quote ``key``."""
    for record in (session or {}).get("answers", []):
        if any(q["key"] == key for q in record["quotes"]):
            return record
    return None


def record_at(session: dict | None, index: int | None) -> dict | None:
    """The answer record whose messages include history ``index``."""
    for record in (session or {}).get("answers", []):
        if index is not None and record["start"] <= index < record["start"] + record["size"]:
            return record
    return None


def key_at(session: dict | None, index: int | None) -> str | None:
    """The quote shown by history message ``index`` (its summary opens quote [1])."""
    record = record_at(session, index)
    if record is None or not record["quotes"]:
        return None
    citation = max(1, index - record["start"] - 1)
    return record["quotes"][min(citation, len(record["quotes"])) - 1]["key"]


def quote_choices(record: dict | None) -> list[tuple[str, str]]:
    """Picker labels; a quote further on in the reply quoted just before says so."""
    quotes = (record or {}).get("quotes", [])
    return [(f"[{q['citation']}] {q['speaker']} — {q['briefing']['date'] or '?'}"
             + (f" (later in [{before}])" if (before := _continues(quotes, n)) else ""),
             q["key"]) for n, q in enumerate(quotes)]


def show_quote(engine: Podium, session: dict | None, key: str | None, before: int = 0,
               after: int = 0) -> str:
    """The sources panel for quote ``key`` with ``before``/``after`` neighbouring turns."""
    q = find_quote(session, key)
    if q is None:
        return EMPTY_SOURCE
    idx, bid = q["turn_index"], q["briefing"]["id"]
    asked = q["question"]["turn_index"] if q.get("question") else None
    first = min(idx, asked if asked is not None else idx)
    turns = [t for t in engine.reader.turns(bid) if t.index not in (idx, asked)]
    earlier = [_turn(t) for t in turns if first - max(before, 0) <= t.index < first]
    later = [_turn(t) for t in turns if idx < t.index <= idx + max(after, 0)]
    return source_html(q, earlier, later)


def _turn(t) -> dict:
    return {"speaker": t.speaker, "role": t.role, "index": t.index, "text": t.text}


def retry(engine: Podium, session: dict | None, filters: UiFilters,
          mode: str | None = "Answer") -> Iterator[dict]:
    """Ask the last question again (after the filters changed, or the index grew)."""
    session = copy.deepcopy(session) if session else new_session()
    if not session["answers"]:
        yield session
        return
    record = session["answers"].pop()
    del session["history"][record["start"]:]
    session["context"] = record["context_before"]
    yield from respond(engine, session, record["asked"], filters, record.get("mode") or mode)
