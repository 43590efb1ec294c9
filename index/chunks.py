"""What gets embedded for a briefing: chunks of official turns, sentences, and their vectors.

An official turn is split into sentences (:mod:`index.sentences`); consecutive sentences form
windows of at most ``settings.max_window_tokens`` word pieces (``kind="text"``), and the
journalist question the turn answers is one more chunk (``kind="question"``), so an answer is
found through its question too (read with the question before it when it is a short
follow-up; a reply of a word or two gets none).

A transcript with no journalist questions at all (a meeting, a committee hearing) has no
exchange to give a turn its context, so it gets *passages* instead (``kind="passage"``):
windows of consecutive turns of about ``PASSAGE_WORDS`` words, each starting halfway through
the one before, encoded whole ("Speaker: text" per turn). A turn is then also found through
the discussion around it; ``start``/``end`` of a passage are turn indexes. Chunk ids are
stable: ``{briefing}:{turn:04d}:{kind}{n:02d}``.

:func:`embed` encodes what a batch of briefings needs in *one* call: every distinct sentence
and question text once (``"Go ahead."`` is said hundreds of times), minus the texts whose
vectors are already known (``known``: the stored vectors of the briefings being replaced, so
an edit or a role change re-embeds only what changed). A window's vector is the normalised
mean of its sentences' vectors, so no text is encoded twice; questions and passages are
encoded as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from langchain_core.embeddings import Embeddings

from index.sentences import Span, sentence_spans, windows
from rag.types import Briefing, Turn

log = logging.getLogger(__name__)

# Part of every file's fingerprint (index.plan): when what gets embedded changes, re-ingesting
# an unchanged file re-chunks its briefing (re-using its stored vectors where it can).
CHUNKING = "4"  # 2: real windows, follow-ups; 3: same journalist only; 4: passages
SHORT_QUESTION_WORDS = 10  # a shorter journalist turn is read with the question before it
MIN_REPLY_WORDS = 4  # "Yeah." or "Go ahead." answers nothing on its own: no question chunk
PASSAGE_WORDS = 200  # a passage of a transcript without questions: about this many words
ENCODED_KINDS = ("question", "passage")  # chunks encoded as text (not a mean of sentences)


@dataclass(frozen=True)
class Chunk:
    id: str
    briefing_id: str
    turn_index: int
    kind: str  # "text" (a window of the turn), "question" (the question it answers), "passage"
    start: int  # offsets into the turn for "text"; into the question turn for "question";
    end: int  # for "passage", the turn indexes it spans (end exclusive)
    text: str  # for "question": see exchange_question


@dataclass
class Prepared:
    """One briefing ready to store: chunks and sentence spans, then (after :func:`embed`)
    one vector per sentence (in turn order) and per chunk."""

    briefing: Briefing
    turns: list[Turn]
    chunks: list[Chunk]
    sentences: dict[int, list[Span]]
    sizes: dict[str, int] = field(default_factory=dict)  # word pieces of each sentence text
    sentence_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    chunk_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    def sentence_texts(self) -> list[str]:
        by_index = {t.index: t for t in self.turns}
        return [by_index[i].text[a:b] for i, spans in self.sentences.items() for a, b in spans]


def prepare(briefing: Briefing, turns: list[Turn], max_tokens: int,
            count_tokens: Callable[[list[str]], list[int]]) -> Prepared:
    """Chunks and sentence spans of the official turns of one briefing.

    ``count_tokens``: word pieces of each of a list of texts (one tokenizer call for all the
    briefing's sentences)."""
    by_index = {t.index: t for t in turns}
    official = [t for t in turns if t.role == "official"]
    sentences: dict[int, list[Span]] = {t.index: sentence_spans(t.text) for t in official}
    texts = [t.text[a:b] for t in official for a, b in sentences[t.index]]
    sizes = dict(zip(texts, count_tokens(texts), strict=True))
    chunks: list[Chunk] = []
    for turn in official:
        spans = sentences[turn.index]
        for n, (a, b) in enumerate(windows(spans, turn.text, max_tokens, sizes.__getitem__)):
            chunks.append(Chunk(f"{turn.id}:text{n:02d}", turn.briefing_id, turn.index,
                                "text", a, b, turn.text[a:b]))
        question = by_index.get(turn.answers_turn) if turn.answers_turn is not None else None
        if question is not None and len(turn.text.split()) >= MIN_REPLY_WORDS:
            chunks.append(Chunk(f"{turn.id}:question00", turn.briefing_id, turn.index,
                                "question", 0, len(question.text),
                                exchange_question(question, by_index)))
    if official and not any(c.kind == "question" for c in chunks):
        chunks += passages(turns, {t.index for t in official})
    return Prepared(briefing, list(turns), chunks, sentences, sizes)


def passages(turns: list[Turn], official: set[int]) -> list[Chunk]:
    """Overlapping windows of consecutive turns, each holding at least one official turn.

    A window takes turns until it holds ``PASSAGE_WORDS`` words; the next one starts at the
    middle turn of the one before, so every boundary between turns falls inside some window.
    On QMSum (ALL, val) they raise podium's nDCG@10 from 0.318 to 0.367 (README, Measuring)."""
    chunks: list[Chunk] = []
    start = 0
    while start < len(turns):
        end, words = start, 0
        while end < len(turns) and (words < PASSAGE_WORDS or end == start):
            words += len(turns[end].text.split())
            end += 1
        first = turns[start].index
        if any(t.index in official for t in turns[start:end]):
            text = "\n".join(f"{t.speaker}: {t.text}" for t in turns[start:end])
            chunks.append(Chunk(f"{turns[start].id}:passage00", turns[start].briefing_id, first,
                                "passage", first, turns[end - 1].index + 1, text))
        if end >= len(turns):
            break
        start += max(1, (end - start) // 2)
    return chunks


def exchange_question(question: Turn, by_index: dict[int, Turn]) -> str:
    """The text a reply is found through: the journalist question it answers, preceded by
    the same journalist's previous question when this one is a short follow-up.

    "Yes." or "That's a very specific number." only make sense after the question before
    them ("Can you tell us how the U.S. settled on the number of tanks: 31?"), and the reply
    to such a follow-up is often the real answer to that earlier question. A short question
    from another journalist (another outlet) is a new question, and stays alone; transcripts
    that call every journalist "Q" cannot tell the two apart."""
    if len(question.text.split()) >= SHORT_QUESTION_WORDS:
        return question.text
    for index in range(question.index - 1, max(-1, question.index - 4), -1):
        earlier = by_index.get(index)
        if earlier is None or earlier.role == "moderator":
            break
        if earlier.role == "journalist":
            if earlier.speaker != question.speaker:
                break
            return f"{earlier.text}\n\n{question.text}"
    return question.text


ENCODE_SLICE = 256  # texts per encode call: progress moves, batches stay full


def embed(batch: list[Prepared], embeddings: Embeddings,
          count_tokens: Callable[[list[str]], list[int]],
          known: dict[str, np.ndarray] | None = None,
          progress: Callable[[float], None] | None = None) -> int:
    """Fill the vectors of every briefing in ``batch``; returns how many texts were encoded.

    Texts are encoded shortest first in word pieces (sentences were counted when they were
    windowed; ``count_tokens`` counts the questions and passages). The model pads each batch
    of 32 to its longest text, and sentence-transformers sorts by characters, which pads a
    fifth more word pieces than sorting by word pieces does (measured on the White House
    sample).
    ``progress`` is told the share of the texts done after each slice."""
    known = dict(known or {})
    wanted = [t for p in batch for t in p.sentence_texts()]
    wanted += [c.text for p in batch for c in p.chunks if c.kind in ENCODED_KINDS]
    todo = [t for t in dict.fromkeys(wanted) if t not in known]
    sizes = {t: n for p in batch for t, n in p.sizes.items()}
    uncounted = [t for t in todo if t not in sizes]
    sizes.update(zip(uncounted, count_tokens(uncounted), strict=True))
    todo.sort(key=sizes.__getitem__)
    for start in range(0, len(todo), ENCODE_SLICE):
        part = todo[start:start + ENCODE_SLICE]
        encoded = np.asarray(embeddings.embed_documents(part), dtype=np.float32)
        known.update(zip(part, encoded, strict=True))
        if progress is not None:
            progress(min(1.0, (start + len(part)) / len(todo)))
    for prepared in batch:
        _fill(prepared, known)
    log.debug("embedded %d texts (%d needed, %d known)", len(todo), len(wanted),
              len(wanted) - len(todo))
    return len(todo)


def _fill(prepared: Prepared, known: dict[str, np.ndarray]) -> None:
    texts = prepared.sentence_texts()
    dim = len(next(iter(known.values()))) if known else 0
    vectors = np.stack([known[t] for t in texts]) if texts else np.zeros((0, dim), np.float32)
    offsets, row = {}, 0
    for index, spans in prepared.sentences.items():
        offsets[index] = row
        row += len(spans)
    chunk_vectors = []
    for chunk in prepared.chunks:
        if chunk.kind in ENCODED_KINDS:
            chunk_vectors.append(known[chunk.text])
            continue
        spans = prepared.sentences[chunk.turn_index]
        rows = [offsets[chunk.turn_index] + n for n, (a, b) in enumerate(spans)
                if a >= chunk.start and b <= chunk.end]
        chunk_vectors.append(window_vector(vectors[rows]))
    prepared.sentence_vectors = vectors
    prepared.chunk_vectors = (np.stack(chunk_vectors).astype(np.float32) if chunk_vectors
                              else np.zeros((0, dim), np.float32))


def window_vector(sentence_vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of a window's sentence vectors."""
    mean = sentence_vectors.mean(axis=0)
    return (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32)
