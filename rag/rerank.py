"""Order candidate turns and choose the span each would quote.

For each fused hit (``rag.retrieve``) the turn's stored sentence vectors are scored against
the question (``rag.quotes``). A turn's **support** is the better of its best sentence's
cosine and the cosine of the journalist question it answered; when the question is the
better match, the quote is the opening of the reply. Candidates are ordered by::

    final = support + RRF_WEIGHT × rrf / best rrf
          + SPEAKER_BONUS      (the question names this turn's speaker)
          + DATE_BONUS         (the briefing falls in the period the question names)
          + PASSAGE_WEIGHT × cosine of the best passage it is in (transcripts without questions)

Each term is a lever the eval switches on and off (``rag.retrieve.Pipeline``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rag.dates import Period
from rag.quotes import Span, best_span, opening_span
from rag.retrieve import Hit, Pipeline
from rag.store import IndexReader

CANDIDATE_TURNS = 20  # fused hits whose sentences are scored
RRF_WEIGHT = 1.0
SPEAKER_BONUS = 0.1
DATE_BONUS = {"day": 0.5, "month": 0.3, "year": 0.1}  # the briefing falls in the named period
PASSAGE_WEIGHT = 1.5


@dataclass(frozen=True)
class Candidate:
    """A fused hit with its best span and the score it is finally ordered by."""

    hit: Hit
    span: Span
    support: float  # max(best-sentence cosine, cosine of the question it answered)
    final: float


def named_speakers(question: str, speakers: list[str]) -> tuple[str, ...]:
    """Speakers the question names: by full name, or by a surname only one of them has."""
    text = question.casefold()
    found = [s for s in speakers if re.search(rf"\b{re.escape(s.casefold())}\b", text)]
    surnames: dict[str, list[str]] = {}
    for s in speakers:
        parts = s.split()
        if len(parts) > 1 and len(parts[-1]) >= 4:
            surnames.setdefault(parts[-1].casefold(), []).append(s)
    for surname, owners in surnames.items():
        if len(owners) == 1 and owners[0] not in found and \
                re.search(rf"\b{re.escape(surname)}\b", text):
            found.append(owners[0])
    return tuple(found)


def _candidate(reader: IndexReader, query: np.ndarray, hit: Hit, max_sentences: int):
    spans, vectors = reader.sentences(hit.briefing_id, hit.turn_index)
    span = best_span(query, spans, vectors, max_sentences)
    if span is None:
        return None
    if hit.question_cosine is not None and hit.question_cosine > span.score:
        # found through the journalist's question: quote how the reply begins
        return opening_span(spans, hit.question_cosine, max_sentences), hit.question_cosine
    return span, span.score


def rerank(reader: IndexReader, query: np.ndarray, hits: list[Hit], pipeline: Pipeline,
           max_sentences: int, named: tuple[str, ...] = (),
           period: Period | None = None) -> list[Candidate]:
    """Candidates best first. With ``sentence_rerank`` off, the fused order is kept."""
    top_rrf = max((h.rrf for h in hits), default=1.0) or 1.0
    candidates = []
    for position, hit in enumerate(hits[:CANDIDATE_TURNS]):
        found = _candidate(reader, query, hit, max_sentences)
        if found is None:
            continue
        span, support = found
        final = support + RRF_WEIGHT * hit.rrf / top_rrf if pipeline.sentence_rerank \
            else -float(position)
        if pipeline.sentence_rerank and pipeline.passages and hit.passage_cosine is not None:
            final += PASSAGE_WEIGHT * hit.passage_cosine
        if pipeline.speaker_match and named and \
                reader.speaker_of(hit.briefing_id, hit.turn_index) in named:
            final += SPEAKER_BONUS
        if period is not None and _in_period(reader, hit.briefing_id, period):
            final += DATE_BONUS[period.granularity]
        candidates.append(Candidate(hit, span, support, final))
    candidates.sort(key=lambda c: -c.final)
    return candidates


def _in_period(reader: IndexReader, briefing_id: str, period: Period) -> bool:
    date = reader.briefings[briefing_id].date
    return bool(date) and period.since <= date <= period.until
