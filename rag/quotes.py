"""Choose, inside one official turn, the 1–3 consecutive sentences that best answer.

Sentence vectors are computed at ingest (same bi-encoder as the query), so this is one
small matrix-vector product per candidate turn. The best sentence anchors the quote; a
neighbour joins when it is nearly as relevant (within ``EXTEND_MARGIN`` cosine), or when
the quote so far is too short to stand alone (``MIN_QUOTE_CHARS``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EXTEND_MARGIN = 0.08
MIN_QUOTE_CHARS = 60


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    score: float  # cosine of the best sentence with the question (higher is better)


def best_span(
    query: np.ndarray, spans: list[tuple[int, int]], vectors: np.ndarray, max_sentences: int
) -> Span | None:
    """The best quotable span of a turn, or None when the turn has no sentences."""
    if not spans:
        return None
    sims = vectors @ query
    best = int(np.argmax(sims))
    lo = hi = best
    while hi - lo + 1 < max_sentences:
        left = sims[lo - 1] if lo > 0 else -np.inf
        right = sims[hi + 1] if hi + 1 < len(spans) else -np.inf
        if max(left, right) == -np.inf:
            break
        short = spans[hi][1] - spans[lo][0] < MIN_QUOTE_CHARS
        if not short and max(left, right) < sims[best] - EXTEND_MARGIN:
            break
        if right >= left or short and hi + 1 < len(spans):
            hi += 1
        else:
            lo -= 1
    return Span(spans[lo][0], spans[hi][1], float(sims[best]))
