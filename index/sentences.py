"""Sentence spans and embedding windows inside a turn.

Spans are ``(start, end)`` character offsets into the turn's text, trimmed of
whitespace, so ``text[start:end]`` is always a clean, quotable sentence. Sentences never
cross a paragraph break. Splitting is rule-based (pysbd) and needs no data download.

pysbd costs ~0.3 ms per call however short the text, and a third of all paragraphs are one
sentence ("Go ahead.", "Thank you."). Two shortcuts give exactly pysbd's result, faster: a
paragraph without sentence marks (but one at its end), quotes or brackets cannot be split, so
it is one sentence without asking pysbd (checked against pysbd on generated text and on the
whole corpus); and paragraphs already split are remembered (the same paragraph recurs).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Span = tuple[int, int]
_PARAGRAPH = re.compile(r"\n\s*\n")
# pysbd splits at 。．.！!?？, and around quotes and brackets ('"“ (a) ”', "'x' Y"); a
# paragraph with none of those but one final mark (and at most one ASCII apostrophe) is one
# sentence, as pysbd would say (tests/index/test_sentences.py checks it against pysbd).
_ONE_SENTENCE = re.compile(r"[^.!?…。．！？\n\r\"“”()（）「」\[\]]*[.!?…。．！？]?\Z")


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
        spans.extend((p_start + a, p_start + b) for a, b in split_paragraph(text[p_start:p_end]))
    return spans


def split_paragraph(paragraph: str) -> tuple[Span, ...]:
    """Sentence spans within one trimmed paragraph (pysbd's, see the module docstring)."""
    if _ONE_SENTENCE.match(paragraph) and paragraph.count("'") <= 1:
        return ((0, len(paragraph)),)
    return _pysbd_spans(paragraph)


@lru_cache(maxsize=16384)
def _pysbd_spans(paragraph: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    cursor, end = 0, len(paragraph)
    for piece in _segmenter().segment(paragraph):
        found = paragraph.find(piece, cursor)
        if found < 0:  # pysbd altered the text: fall back to the rest of the paragraph
            found, piece = cursor, paragraph[cursor:]
        span = _trim(paragraph, found, found + len(piece))
        if span:
            spans.append(span)
        cursor = found + len(piece)
    if cursor < end and (rest := _trim(paragraph, cursor, end)):
        spans.append(rest)
    return tuple(spans)


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
