"""Sentence spans and embedding windows inside a turn.

Spans are ``(start, end)`` character offsets into the turn's text, trimmed of
whitespace, so ``text[start:end]`` is always a clean, quotable sentence. Sentences never
cross a paragraph break. Splitting is rule-based (pysbd) and needs no data download.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Span = tuple[int, int]
_PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _paragraph_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for brk in _PARAGRAPH.finditer(text):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(text)))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str) -> list[Span]:
    """Character spans of the sentences of ``text``, in order, whitespace-trimmed."""
    spans: list[Span] = []
    for p_start, p_end in _paragraph_spans(text):
        cursor = p_start
        for piece in _segmenter().segment(text[p_start:p_end]):
            found = text.find(piece, cursor, p_end)
            if found < 0:  # pysbd altered the text: fall back to the rest of the paragraph
                found, piece = cursor, text[cursor:p_end]
            span = _trim(text, found, found + len(piece))
            if span:
                spans.append(span)
            cursor = found + len(piece)
        if cursor < p_end and (rest := _trim(text, cursor, p_end)):
            spans.append(rest)
    return spans


def windows(
    sentences: list[Span], text: str, max_tokens: int, count_tokens: Callable[[str], int]
) -> list[Span]:
    """Group consecutive sentences into spans of at most ``max_tokens`` word pieces.

    A single sentence longer than the limit becomes a window of its own (the model
    truncates it; its sentence vector still covers it for quoting).
    """
    result: list[Span] = []
    start = end = None
    used = 0
    for s_start, s_end in sentences:
        n = count_tokens(text[s_start:s_end])
        if start is not None and used + n > max_tokens:
            result.append((start, end))
            start = None
        if start is None:
            start, used = s_start, 0
        end, used = s_end, used + n
    if start is not None:
        result.append((start, end))
    return result
