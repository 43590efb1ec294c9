"""Hybrid retrieval of official turns: dense (Chroma) + lexical (BM25), fused by rank.

Both retrievers rank *chunks* (sentence windows of official turns, and the journalist
questions those turns answer). A turn takes the best rank of its chunks in each list, and
the lists are fused with reciprocal rank fusion::

    rrf(turn) = 1 / (k + rank_dense) + 1 / (k + rank_bm25)        (ranks start at 1)

Transcripts without questions also have *passages* (windows of consecutive turns,
:mod:`index.chunks`); the dense search ranks them separately, each passage stands for the
official turns in it, and that ranking is a third term of the fusion.

``k`` is ``Settings.rrf_k`` (60, the constant of Cormack et al. 2009): it flattens the
head so that agreement between the two retrievers outweighs a lone first place.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from rag.store import IndexReader

NO_BRIEFING = "(none)"  # a briefing id that matches nothing
# a dense search filters an unfiltered search of up to this many chunks itself rather than
# ask Chroma to filter (see _own_chunks)
MAX_UNFILTERED = 400
# up to this many passages in reach, a filtered dense search skips them itself rather than
# ask Chroma to leave them out (a QMSum meeting has 14 to 225)
MAX_PASSAGES_SKIPPED = 400


@dataclass(frozen=True)
class Filters:
    """Restrict answers to some speakers, briefings or dates (ISO, inclusive)."""

    speakers: tuple[str, ...] = ()
    briefings: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ValueError(
                        f"--{name} {value!r} is not a date: use YYYY-MM-DD, e.g. 2020-06-24"
                    ) from None

    @property
    def active(self) -> bool:
        return bool(self.speakers or self.briefings or self.since or self.until)

    def as_dict(self) -> dict[str, object]:
        return {"speakers": list(self.speakers), "briefings": list(self.briefings),
                "since": self.since, "until": self.until}

    def _dates(self) -> tuple[int | None, int | None]:
        def to_int(value: str | None) -> int | None:
            return int(value.replace("-", "")) if value else None

        return to_int(self.since), to_int(self.until)

    def briefing_ids(self, reader: IndexReader) -> set[str] | None:
        """The briefings these filters keep by briefing and date (None: every one)."""
        if not (self.briefings or self.since or self.until):
            return None
        return {b.id for b in reader.briefings.values()
                if (not self.briefings or b.id in self.briefings) and
                (not (self.since or self.until) or
                 b.date and (self.since or b.date) <= b.date <= (self.until or b.date))}

    def chroma_where(self, reader: IndexReader | None = None) -> dict | None:
        """The Chroma ``where`` of these filters. With ``reader``, a date range is given as
        the briefings it holds: Chroma filters on a list of ids faster than on a range of
        numbers (about 12 against 21 ms on the podium QA index), with the same results."""
        clauses: list[dict] = []
        if self.speakers:
            clauses.append({"speaker": {"$in": list(self.speakers)}})
        since, until = self._dates()
        briefings = list(self.briefings)
        if reader is not None and (since or until):
            briefings = sorted(self.briefing_ids(reader) or ()) or [NO_BRIEFING]
            since = until = None
        if briefings:
            clauses.append({"briefing_id": {"$in": briefings}})
        if since:
            clauses.append({"date": {"$gte": since}})
        if until:
            clauses.append({"date": {"$lte": until}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def mask(self, reader: IndexReader) -> np.ndarray | None:
        if not self.active:
            return None
        table = reader.chunk_table
        keep = np.ones(len(table.ids), dtype=bool)
        if self.speakers:
            keep &= table.among("speaker", self.speakers)
        if self.briefings:
            keep &= table.among("briefing", self.briefings)
        since, until = self._dates()
        if since:
            keep &= table.date >= since
        if until:
            keep &= table.date <= until
        return keep


@dataclass(frozen=True)
class Pipeline:
    """Which stages run. The defaults are podium; the eval's baselines switch stages off."""

    dense: bool = True
    lexical: bool = True
    question_chunks: bool = True  # an answer is also found through the question it answers
    sentence_rerank: bool = True  # order candidates by their best sentence, not only by rank
    speaker_match: bool = True  # favour the speaker the question names ("What did Psaki…")
    date_match: bool = True  # favour briefings in the period the question names
    passages: bool = True  # find turns through the passage around them (no-question transcripts)
    claim_match: bool = True  # choose sentences by the claim a "who said…" question reports
    named_scope: bool = True  # quote only the official or institution the question asks to hear
    figure_check: bool = True  # "how many" needs a number, "who led" a name (rag.figures)
    later_quote: bool = True  # the first reply is quoted again at its best stretch further on


_NAIVE = {"question_chunks": False, "sentence_rerank": False, "speaker_match": False,
          "date_match": False, "passages": False, "claim_match": False, "named_scope": False,
          "figure_check": False, "later_quote": False}
PIPELINES: dict[str, Pipeline] = {
    "bm25": Pipeline(dense=False, **_NAIVE),
    "dense": Pipeline(lexical=False, **_NAIVE),
    "fusion": Pipeline(**_NAIVE),
    "podium": Pipeline(),
    # ablations: podium with one lever off
    "podium-no-questions": Pipeline(question_chunks=False),
    "podium-no-rerank": Pipeline(sentence_rerank=False),
    "podium-no-speaker": Pipeline(speaker_match=False),
    "podium-no-dates": Pipeline(date_match=False),
    "podium-no-passages": Pipeline(passages=False),
    "podium-no-claims": Pipeline(claim_match=False),
    "podium-no-scope": Pipeline(named_scope=False),
    "podium-no-figures": Pipeline(figure_check=False),
    "podium-no-later-quote": Pipeline(later_quote=False),
}


@dataclass(frozen=True)
class Hit:
    """One candidate official turn with its score from each stage (higher is better)."""

    briefing_id: str
    turn_index: int
    rrf: float
    dense_rank: int | None = None
    dense_cosine: float | None = None
    bm25_rank: int | None = None
    bm25_score: float | None = None
    question_cosine: float | None = None  # dense cosine of the journalist question it answers
    passage_rank: int | None = None
    passage_cosine: float | None = None  # dense cosine of the best passage it is part of


def _turn_ranks(
    chunk_hits: list[tuple[str, float]], question_chunks: bool
) -> dict[tuple[str, int], tuple[int, float]]:
    """Best (rank, score) per turn from a ranked list of chunk ids."""
    ranks: dict[tuple[str, int], tuple[int, float]] = {}
    for chunk_id, score in chunk_hits:
        briefing_id, index, kind = chunk_id.rsplit(":", 2)
        if not question_chunks and kind.startswith("question"):
            continue
        key = (briefing_id, int(index))
        if key not in ranks:
            ranks[key] = (len(ranks) + 1, score)
    return ranks


def _question_cosines(chunk_hits: list[tuple[str, float]]) -> dict[tuple[str, int], float]:
    """Cosine of each turn's journalist-question chunk, where it was among the hits."""
    found: dict[tuple[str, int], float] = {}
    for chunk_id, score in chunk_hits:
        briefing_id, index, kind = chunk_id.rsplit(":", 2)
        if kind.startswith("question"):
            found.setdefault((briefing_id, int(index)), score)
    return found


def _passage_ranks(reader: IndexReader, passage_hits: list[tuple[str, float]]
                   ) -> dict[tuple[str, int], tuple[int, float]]:
    """(rank, cosine) per official turn, from a ranked list of passages: a turn takes the
    rank of the first passage it is in."""
    ranks: dict[tuple[str, int], tuple[int, float]] = {}
    for chunk_id, score in passage_hits:
        briefing_id = chunk_id.rsplit(":", 2)[0]
        start, end = reader.passages.get(chunk_id, (0, 0))
        for index in range(start, end):
            key = (briefing_id, index)
            if key not in ranks and reader.speaker_of(briefing_id, index) is not None:
                ranks[key] = (len(ranks) + 1, score)
    return ranks


def _own_chunks(reader: IndexReader, vector: list[float], k: int, keep: np.ndarray | None,
                filters: Filters) -> list[tuple[str, float]]:
    """The ``k`` chunks nearest ``vector`` that pass ``filters`` and are no passage (a
    turn's own words, or the question it answers).

    Chroma filters slowly when a filter keeps much of the index: its cost grows with the
    chunks kept (among 37,000 chunks, 30 ms for the chunks of 40 briefings, 150 ms for 330,
    110 ms for "no passage"), while an unfiltered search of 400 takes 20 ms. So when what
    the filters keep is a large enough share that an unfiltered search of at most
    ``MAX_UNFILTERED`` chunks holds ``k`` of them, podium filters that search itself; a
    narrow filter (one meeting, one official) goes to Chroma, skipping passages by fetching
    that many more chunks while they are few."""
    share = 1.0 if keep is None else float(keep.mean()) if len(keep) else 0.0
    passages = reader.passage_count(filters.briefings)
    fetch = k + passages if keep is None else math.ceil(k / share * 1.2) + passages \
        if share else 0
    if fetch and fetch <= max(MAX_UNFILTERED, k + passages):
        hits = reader.dense(vector, fetch, None)
        rows = reader.chunk_rows
        own = [h for h in hits if h[0] in rows and (keep is None or keep[rows[h[0]]])]
        if len(own) >= k or len(hits) < fetch:
            return own[:k]
    where = filters.chroma_where(reader)
    if not passages:
        return reader.dense(vector, k, where)
    if passages <= MAX_PASSAGES_SKIPPED:
        hits = reader.dense(vector, k + passages, where)
        return [h for h in hits if h[0] not in reader.passages][:k]
    return reader.dense(vector, k, _and(where, {"kind": {"$ne": "passage"}}))


def _and(where: dict | None, clause: dict) -> dict:
    return clause if where is None else {"$and": [where, clause]}


def retrieve(
    reader: IndexReader, question: str, vector: list[float], filters: Filters,
    candidates: int, rrf_k: int, pipeline: Pipeline = PIPELINES["podium"],
) -> list[Hit]:
    """Official turns for ``question``, best first (by fused rank)."""
    fetch = candidates if pipeline.question_chunks else candidates * 2
    dense = lexical = question_cos = passage = {}
    keep = filters.mask(reader)
    if pipeline.dense:
        dense_hits = _own_chunks(reader, vector, fetch, keep, filters)
        dense = _turn_ranks(dense_hits, pipeline.question_chunks)
        if pipeline.question_chunks:
            question_cos = _question_cosines(dense_hits)
        if pipeline.passages and reader.passages and not filters.speakers:
            passage = _passage_ranks(reader, reader.nearest_passages(
                vector, candidates, filters.briefing_ids(reader)))
    if pipeline.lexical:
        lexical = _turn_ranks(reader.lexical(question, fetch, keep), pipeline.question_chunks)
    hits = []
    for key in dense.keys() | lexical.keys() | passage.keys():
        d_rank, d_score = dense.get(key, (None, None))
        b_rank, b_score = lexical.get(key, (None, None))
        p_rank, p_score = passage.get(key, (None, None))
        rrf = sum(1.0 / (rrf_k + r) for r in (d_rank, b_rank, p_rank) if r is not None)
        hits.append(Hit(key[0], key[1], rrf, d_rank, d_score, b_rank, b_score,
                        question_cos.get(key), p_rank, p_score))
    hits.sort(key=lambda h: (-h.rrf, h.briefing_id, h.turn_index))
    return hits
