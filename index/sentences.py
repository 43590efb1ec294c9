"""Sentence spans and embedding windows inside a turn.

Spans are ``(start, end)`` character offsets into the turn's text, trimmed of
whitespace, so ``text[start:end]`` is always a clean, quotable sentence. Sentences never
cross a paragraph break. Splitting is rule-based (pysbd) and needs no data download.

pysbd costs ~0.3 ms per call however short the text, and a third of all paragraphs are one
sentence ("Go ahead.", "Thank you."). Two shortcuts give exactly pysbd's result, faster: a
paragraph without sentence marks (but one at its end), quotes or brackets cannot be split, so
it is one sentence without asking pysbd (checked against pysbd on generated text and on the
whole corpus); and paragraphs already split are remembered (the same paragraph recurs).

pysbd builds its regular expressions on the fly (one per abbreviation it meets, thousands in
all), which overflows ``re``'s own 512-pattern cache: more than half of its time went to
recompiling patterns. Its modules are therefore given :data:`_PYSBD_RE`, ``re`` with a larger
cache of compiled patterns — the same matches, compiled once (a third of the split stage).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import lru_cache

Span = tuple[int, int]
_PARAGRAPH = re.compile(r"\n\s*\n")
# pysbd splits at 。．.！!?？, and around quotes and brackets ('"“ (a) ”', "'x' Y"); a
# paragraph with none of those but one final mark (and at most one ASCII apostrophe) is one
# sentence, as pysbd would say (tests/index/test_sentences.py checks it against pysbd).
_ONE_SENTENCE = re.compile(r"[^.!?…。．！？\n\r\"“”()（）「」\[\]]*[.!?…。．！？]?\Z")


class _CachedRe:
    """The ``re`` functions pysbd calls, with compiled patterns kept in a 16k LRU cache;
    everything else (flags, ``escape``) is ``re``'s own."""

    compile = staticmethod(lru_cache(maxsize=16384)(re.compile))

    def __getattr__(self, name: str):
        return getattr(re, name)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).sub(repl, string, count)

    def search(self, pattern, string, flags=0):
        return self.compile(pattern, flags).search(string)

    def match(self, pattern, string, flags=0):
        return self.compile(pattern, flags).match(string)

    def findall(self, pattern, string, flags=0):
        return self.compile(pattern, flags).findall(string)

    def finditer(self, pattern, string, flags=0):
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern, string, maxsplit=0, flags=0):
        return self.compile(pattern, flags).split(string, maxsplit)


_PYSBD_RE = _CachedRe()


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    for name, module in list(sys.modules.items()):
        if name.startswith("pysbd") and getattr(module, "re", None) is re:
            module.re = _PYSBD_RE
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
    for piece in _segment(paragraph):
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


def _segment(text: str) -> list[str]:
    r"""``pysbd.Segmenter(clean=False).segment(text)``, computed the same way but without
    compiling one regular expression per sentence to find it again in ``text``.

    pysbd's processor returns the sentences; pysbd then finds each with
    ``re.finditer(re.escape(sentence) + r"\s*", text)`` and keeps the first match ending
    after the previous one. :func:`_find_with_space` does that search with ``str.find``.
    """
    if not text:
        return []
    found, prior_end = [], 0
    for sentence in _segmenter().processor(text).process():
        span = _find_with_space(text, sentence, prior_end)
        if span is not None:
            found.append(text[span[0]:span[1]])
            prior_end = span[1]
    return found


def _find_with_space(text: str, sentence: str, prior_end: int) -> Span | None:
    """The first non-overlapping match of ``sentence`` plus trailing whitespace in ``text``
    (scanning from the start, as ``re.finditer`` does) that ends after ``prior_end``."""
    pos = 0
    while pos <= len(text):
        start = text.find(sentence, pos)
        if start < 0:
            return None
        end = start + len(sentence)
        while end < len(text) and text[end].isspace():
            end += 1
        if end > prior_end:
            return start, end
        pos = end if end > start else end + 1
    return None


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
