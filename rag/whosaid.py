""""Who said X?" phrase search, and timeline mode (one quote per briefing, by date).

:func:`who_said` finds stored turns containing a phrase, exactly (the same words in order,
ignoring case and punctuation) or near-exactly (a window of the turn whose words are at least
``NEAR`` similar: a typo, a missing or extra word). Each :class:`Sighting` is a span of a
stored turn: what was *actually* said. The phrase the user typed is never shown as a quote;
a sighting in an official's turn becomes a :class:`~rag.types.Quote` (the sentence that
contains it), one in a journalist's turn is context only.

:func:`timeline` ranks official turns for a topic (``Podium.rank``) and keeps the best quote
of each briefing that clears the abstention threshold, ordered by briefing date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from rag.answer import Podium
from rag.retrieve import Filters
from rag.store import IndexReader
from rag.types import ROLES, Answer, Briefing, Quote, Turn

log = logging.getLogger(__name__)

NEAR = 0.82  # minimum similarity of a near-exact match (difflib ratio on the words)
MAX_CANDIDATES = 2000  # turns read per search (the rarest words are looked up first)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*\s+")
_SURROUNDING_QUOTES = "\"'“”‘’«» "


@dataclass(frozen=True)
class Sighting:
    """Where a phrase occurs: ``turn.text[start:end]`` is the matched words."""

    turn: Turn
    start: int
    end: int
    briefing: Briefing
    exact: bool
    similarity: float

    @property
    def text(self) -> str:
        return self.turn.text[self.start : self.end]


def clean_phrase(phrase: str | None) -> str:
    """The phrase without "who said", surrounding quotation marks or a question mark."""
    text = " ".join((phrase or "").split())
    text = re.sub(r"^\s*who\s+(?:said|says|stated|used)\s*:?\s*", "", text, flags=re.IGNORECASE)
    return text.strip().rstrip("?").strip(_SURROUNDING_QUOTES)


def who_said(reader: IndexReader, phrase: str, *, roles: tuple[str, ...] = ("official",),
             filters: Filters | None = None, limit: int = 10) -> list[Sighting]:
    """Turns containing ``phrase``: exact matches first, then near-exact, each by date."""
    words = [w.casefold() for w in _WORD.findall(clean_phrase(phrase))]
    if not words:
        raise ValueError(f"nothing to search for in {phrase!r}: type the words you remember, "
                         "e.g. who said a dead end in Libya")
    bad = [r for r in roles if r not in ROLES]
    if bad or not roles:
        raise ValueError(f"unknown role(s) {bad or roles!r}: choose from {', '.join(ROLES)}")
    found = []
    for turn in _candidates(reader, words, roles, filters or Filters()):
        match = _best_match(turn.text, words)
        if match:
            start, end, similarity = match
            found.append(Sighting(turn, start, end, reader.briefings[turn.briefing_id],
                                  similarity >= 1.0, similarity))
    found.sort(key=lambda s: (not s.exact, s.briefing.date or "9999", s.turn.briefing_id,
                              s.turn.index))
    return found[:limit]


def _candidates(reader: IndexReader, words: list[str], roles, filters: Filters) -> list[Turn]:
    keys = sorted(set(words), key=len, reverse=True)[:3]
    clauses = " OR ".join("instr(lower(t.text), ?) > 0" for _ in keys)
    sql = (f"SELECT t.briefing_id, t.idx, t.speaker, t.role, t.text, t.answers_turn, t.page "
           f"FROM turns t JOIN briefings b ON b.id = t.briefing_id "
           f"WHERE t.role IN ({','.join('?' * len(roles))}) AND ({clauses})")
    params: list = [*roles, *keys]
    if filters.speakers:
        sql += f" AND t.speaker IN ({','.join('?' * len(filters.speakers))})"
        params += filters.speakers
    if filters.briefings:
        sql += f" AND t.briefing_id IN ({','.join('?' * len(filters.briefings))})"
        params += filters.briefings
    if filters.since:
        sql += " AND b.date >= ?"
        params.append(filters.since)
    if filters.until:
        sql += " AND b.date <= ?"
        params.append(filters.until)
    rows = reader.db.execute(sql + f" LIMIT {MAX_CANDIDATES}", params).fetchall()
    return [Turn(*row) for row in rows]


def _best_match(text: str, words: list[str]) -> tuple[int, int, float] | None:
    """(start, end, similarity) of the best window of ``text`` matching ``words``."""
    tokens = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
    n, target = len(words), " ".join(words)
    for i in range(len(tokens) - n + 1):
        if [t[2] for t in tokens[i : i + n]] == words:
            return tokens[i][0], tokens[i + n - 1][1], 1.0
    wanted, best = set(words), None
    for size in {max(1, n - 1), n, n + 1}:
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            if len(wanted & {t[2] for t in window}) < max(1, len(wanted) // 2):
                continue
            matcher = SequenceMatcher(None, target, " ".join(t[2] for t in window))
            if matcher.quick_ratio() < NEAR:
                continue
            ratio = matcher.ratio()
            if ratio >= NEAR and (best is None or ratio > best[2]):
                best = (window[0][0], window[-1][1], min(ratio, 0.999))
    return best


def sentence_span(text: str, start: int, end: int, limit: int = 500) -> tuple[int, int]:
    """The sentence(s) of ``text`` around ``start:end``; the match alone when they are long."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    right = after.start() + len(after.group().rstrip()) if after else len(text.rstrip())
    right = max(right, end)
    return (left, right) if right - left <= limit else (start, end)


def sighting_quote(reader: IndexReader, sighting: Sighting, citation: int) -> Quote:
    """An official sighting as a citable quote: the sentence that contains the words."""
    turn = sighting.turn
    start, end = sentence_span(turn.text, sighting.start, sighting.end)
    question = (reader.turn(turn.briefing_id, turn.answers_turn)
                if turn.answers_turn is not None else None)
    return Quote(turn=turn, start=start, end=end, briefing=sighting.briefing, question=question,
                 citation=citation, scores={"similarity": sighting.similarity,
                                            "match_start": float(sighting.start - start),
                                            "match_end": float(sighting.end - start)})


def sighting_to_dict(reader: IndexReader, sighting: Sighting, citation: int) -> dict:
    """A sighting for JSON (CLI, API): who, where, and the quote when an official said it."""
    s = sighting
    row = {"speaker": s.turn.speaker, "role": s.turn.role, "turn_id": s.turn.id,
           "briefing": {"id": s.briefing.id, "title": s.briefing.title,
                        "date": s.briefing.date, "url": s.briefing.source_url},
           "exact": s.exact, "similarity": round(s.similarity, 3),
           "match": {"start": s.start, "end": s.end}}
    if s.turn.role == "official":  # only an official's words may become a quote
        q = sighting_quote(reader, s, citation)
        row["quote"] = {"text": q.text, "start": q.start, "end": q.end}
    return row


def timeline(engine: Podium, topic: str, filters: Filters | None = None,
             limit: int = 12) -> Answer:
    """One quote per briefing for ``topic``, oldest first (an Answer, numbered by date)."""
    topic = (topic or "").strip()
    if not topic:
        raise ValueError("the timeline topic is empty: type a topic, e.g. student loans")
    filters = filters or Filters()
    ranked = engine.rank(topic, filters)
    best: dict[str, object] = {}
    for cand in ranked:
        if cand.support >= engine.settings.min_support:
            best.setdefault(cand.hit.briefing_id, cand)
    chosen = sorted(best.values(), key=lambda c: (
        engine.reader.briefings[c.hit.briefing_id].date or "9999", c.hit.briefing_id))[:limit]
    quotes = tuple(engine.quote(c, n) for n, c in enumerate(chosen, start=1))
    if quotes:
        first, last = quotes[0].briefing.date or "?", quotes[-1].briefing.date or "?"
        message = (f"Timeline: {len(quotes)} briefing{'s' if len(quotes) > 1 else ''} "
                   f"addressed this, from {first} to {last}, oldest first.")
    else:
        message = ("No official in the indexed briefings addressed this topic closely enough "
                   "to quote. Try other words, or widen the filters.")
    return Answer(question=topic, quotes=quotes, abstained=not quotes, message=message,
                  scores={"candidates": float(len(ranked))}, filters=filters.as_dict())
