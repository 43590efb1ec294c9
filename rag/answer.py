"""Question in, cited verbatim quotes out (or an honest abstention).

``Podium(settings).ask("Does China back the Arab League on Libya?")`` retrieves official
turns (``rag.retrieve``), picks the best 1–3 sentences in each (``rag.quotes``), orders them
(``rag.rerank``), abstains when nothing clears the checks of ``rag.abstain``, and otherwise
returns up to ``top`` quotes in ranked order, numbered [1], [2], …: the best-ranked turn
(twice when it goes on after its quote: then also at its best stretch further on), then
those whose support comes within ``quote_margin`` of the best, one quote each. Every
quote is a ``Quote(turn, start, end)``: its text is derived from the stored turn and nothing
else.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

import numpy as np

from rag.abstain import (
    CLOSE_SUPPORT,
    CONTEXT_CANDIDATES,
    CONTEXT_TURNS_BEFORE,
    NEAR_PERIOD_DAYS,
    added_details,
    after_last_briefing,
    near_period,
    unknown_names,
    unmentioned_names,
)
from rag.claim import reported_claim
from rag.dates import Period, named_period
from rag.embed import get_embeddings
from rag.figures import CLOSE as FIGURE_CLOSE
from rag.figures import QUOTES as FIGURE_QUOTES
from rag.figures import Asked, asked_for
from rag.quotes import Span
from rag.rerank import Candidate, named_speakers, quoted_text, rerank
from rag.retrieve import NO_BRIEFING, PIPELINES, Filters, Hit, Pipeline, retrieve
from rag.scope import quoted_officials, speaking_institution
from rag.settings import Settings
from rag.store import IndexReader
from rag.types import Answer, Quote

log = logging.getLogger(__name__)

class EmptyQuestion(ValueError):
    pass


class Podium:
    """The answering engine: one per process; the model and stores load on first use."""

    def __init__(self, settings: Settings | None = None, reader: IndexReader | None = None):
        self.settings = settings or Settings()
        self.reader = reader or IndexReader(self.settings)
        self._threads_set = False

    def reload(self) -> None:
        """Re-open the stores (after an ingest by this or another process)."""
        self.reader.close()
        self.reader = IndexReader(self.settings)

    @property
    def embeddings(self):
        s = self.settings
        if s.query_threads and s.model_path != "hash" and not self._threads_set:
            import torch

            torch.set_num_threads(s.query_threads)  # see Settings.query_threads
            self._threads_set = True
        return get_embeddings(s.model_path, s.device, s.batch_size)

    def resolve_speakers(self, names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """Match names case-insensitively and exactly ("Li Xiao" is not "Li Xiaomei")."""
        if not names:  # reading every speaker takes 45 ms among 365 briefings
            return ()
        known = {s["speaker"].casefold(): s["speaker"] for s in self.reader.speakers()}
        resolved = []
        for name in names:
            if name.strip().casefold() not in known:
                officials = sorted({s["speaker"] for s in self.reader.speakers()
                                    if s["role"] == "official"})
                raise ValueError(f"unknown speaker {name!r}: indexed officials are "
                                 f"{', '.join(officials[:20]) or 'none'}")
            resolved.append(known[name.strip().casefold()])
        return tuple(resolved)

    def ask(
        self, question: str, *, top: int | None = None, speakers: tuple[str, ...] = (),
        briefings: tuple[str, ...] = (), since: str | None = None, until: str | None = None,
        pipeline: Pipeline | None = None,
    ) -> Answer:
        """Up to ``top`` quotes of official turns, or an abstention."""
        question = (question or "").strip()
        if not question:
            raise EmptyQuestion("the question is empty: type what you want officials' words on, "
                                "e.g. 'Does China back the Arab League on Libya?'")
        pipeline = pipeline or PIPELINES["podium"]
        chosen = self.filters(speakers, briefings, since, until)
        filters, named = self.scope(question, chosen, pipeline)
        top = top or self.settings.top_quotes
        timings: dict[str, float] = {}
        ranked = self.rank(question, filters, pipeline, timings)

        t0 = time.perf_counter()
        period = named_period(question) \
            if pipeline.date_match and not (chosen.since or chosen.until) else None
        # when the best-ranked candidate is from a briefing far from the day or month the
        # question names (in-period briefings already rank higher), every candidate far
        # from it is set aside: what comes close is about another occasion
        near = [period is None
                or near_period(period, self.reader.briefings[c.hit.briefing_id].date, question)
                for c in ranked]
        # (and a reply far from it gives no figure for it, whatever it says: below)
        away = {id(c) for c, n in zip(ranked, near, strict=True) if not n}
        far = [c for c in ranked if id(c) in away] if near and not near[0] else []
        if far:
            ranked = [c for c in ranked if id(c) not in away]
        best = max((c.support for c in ranked), default=-1.0)
        unknown = unknown_names(question, self.reader.known_words, self.reader.initialisms)
        added = self.added_details(question, unknown, ranked) \
            if unknown and best >= self.settings.min_support else []
        unknown = [p for p in unknown if p not in added]
        unmentioned = [] if unknown or not self.settings.min_support <= best < CLOSE_SUPPORT \
            else [p for p in self.unmentioned(question, ranked) if p not in added]
        latest = self.reader.latest_date(filters.briefings, filters.speakers) if period else None
        ended = latest if after_last_briefing(period, latest, question) else None
        # abstain when even the best candidate is too weak, the question names what no
        # close candidate mentions, or a period after the briefings it could be answered
        # from; otherwise quote the best-ranked candidate and those whose support comes
        # close to the best support
        addressed = best >= self.settings.min_support and not unknown and not unmentioned \
            and not ended
        floor = best - self.settings.quote_margin
        kept = [c for n, c in enumerate(ranked) if n == 0 or c.support >= floor] \
            if addressed else []
        # a question asking for a percentage, a figure, a length of time or a date is
        # answered first by the first of those quotes that gives one (rag.figures), and not
        # at all when none does; however many quotes are shown (``top``)
        asked = asked_for(question) if pipeline.figure_check and kept else None
        if asked:
            giving = next((c for n, c in enumerate(kept[:FIGURE_QUOTES])
                           if (n == 0 or c.support >= best - FIGURE_CLOSE)
                           and id(c) not in away and asked.given_in(self._quoted_text(c))),
                          None)
            kept = [giving, *(c for c in kept if c is not giving)] if giving else []
        kept = kept[:top]
        # the first reply is also quoted at its best stretch after its quote: a reply often
        # opens on the topic ("We stated our position on the cases … many times.") and
        # answers further on ("Now Kovrig and Spavor are in sound health")
        spans = [(c, c.span) for c in kept[:1]] + [(c, c.later) for c in kept[:1] if c.later] \
            + [(c, c.span) for c in kept[1:]]
        quotes = [self.quote(c, n, span) for n, (c, span) in enumerate(spans[:top], start=1)]
        timings["quotes_ms"] += _ms(t0)
        timings["total_ms"] = round(sum(timings.values()), 2)

        scores = {"best_support": best, "threshold": self.settings.min_support,
                  "candidates": float(len(ranked))}
        far_best = max((c.support for c in far), default=-1.0)
        message = _message(quotes, best, self.settings.min_support, filters, unknown,
                           unmentioned, named, (period, ended) if ended else None,
                           asked if asked and not kept else None,
                           period if far_best >= self.settings.min_support > best else None)
        return Answer(question=question, quotes=tuple(quotes), abstained=not quotes,
                      message=message, scores=scores, timings_ms=timings,
                      filters=chosen.as_dict(), asks_for=named)

    def _quoted_text(self, candidate: Candidate) -> str:
        """What podium would quote of ``candidate`` if it came first."""
        turn = self.reader.turn(candidate.hit.briefing_id, candidate.hit.turn_index)
        return quoted_text(turn.text, candidate.span, candidate.later)

    def unmentioned(self, question: str, ranked: list[Candidate]) -> list[str]:
        """Rare names in the question that the best candidates' exchanges never mention."""
        briefings, frequency = self.reader.word_frequency
        return unmentioned_names(question, self._exchanges(ranked[:CONTEXT_CANDIDATES]),
                                 frequency, briefings)

    def added_details(self, question: str, unknown: list[str],
                      ranked: list[Candidate]) -> list[str]:
        """The ``unknown`` names that only add a detail to a question whose other rare names
        the exchanges of the best candidates close enough to quote mention
        (``rag.abstain.added_details``)."""
        quotable = [c for c in ranked[:CONTEXT_CANDIDATES]
                    if c.support >= self.settings.min_support]
        briefings, frequency = self.reader.word_frequency
        return added_details(question, unknown, self._exchanges(quotable), frequency, briefings)

    def _exchanges(self, candidates: list[Candidate]) -> list[str]:
        """Each candidate's exchange as one text: the official's turn, the question it
        answered, the turns before it with who spoke them (an outlet: "Globe and Mail"),
        the speaker's name and the briefing's title."""
        contexts = []
        for c in candidates:
            briefing_id, index = c.hit.briefing_id, c.hit.turn_index
            turn = self.reader.turn(briefing_id, index)
            asked = self.reader.indexed_question(briefing_id, index)
            if asked is None and turn.answers_turn is not None:  # a reply of a word or two
                asked = self.reader.turn(briefing_id, turn.answers_turn).text
            before = (self.reader.turn(briefing_id, i)
                      for i in range(max(0, index - CONTEXT_TURNS_BEFORE), index))
            contexts.append(" ".join([turn.text, asked or "", turn.speaker,
                                      self.reader.briefings[briefing_id].title,
                                      *(f"{t.speaker} {t.text}" for t in before
                                        if t is not None)]))
        return contexts

    def scope(self, question: str, filters: Filters,
              pipeline: Pipeline | None = None) -> tuple[Filters, str]:
        """``filters`` narrowed to whom the question asks to hear from (``rag.scope``), and
        who that is ("John Kirby", "the White House"; "" when unchanged).

        Filters the user set are kept: an official named with a verb of saying narrows
        only an unset speaker filter, an institution only when neither speakers nor
        briefings are set."""
        if not (pipeline or PIPELINES["podium"]).named_scope:
            return filters, ""
        if not filters.speakers:
            officials = quoted_officials(question, named_speakers(
                question, self.reader.official_speakers))
            if officials:
                return replace(filters, speakers=officials), " and ".join(officials)
        if filters.speakers or filters.briefings:
            return filters, ""
        institution = speaking_institution(question)
        owners = self.reader.institutions
        if institution is None or not owners:  # none named, or no briefing of a known one
            return filters, ""
        ids = tuple(b for b, who in owners.items() if who == institution.name)
        return replace(filters, briefings=ids or (NO_BRIEFING,)), institution.name

    def filters(self, speakers=(), briefings=(), since=None, until=None) -> Filters:
        for b in briefings:
            if b not in self.reader.briefings:
                raise ValueError(f"unknown briefing id {b!r}: see `podium stats --json` "
                                 "or the Browse tab for ids")
        return Filters(self.resolve_speakers(speakers), tuple(briefings), since, until)

    def rank(self, question: str, filters: Filters | None = None,
             pipeline: Pipeline | None = None,
             timings: dict[str, float] | None = None) -> list[Candidate]:
        """Every candidate official turn with its best span, best first (no threshold)."""
        pipeline = pipeline or PIPELINES["podium"]
        filters, _ = self.scope(question, filters or Filters(), pipeline)
        timings = {} if timings is None else timings
        t0 = time.perf_counter()
        vector = self.embeddings.embed_query(question)
        query = np.asarray(vector, dtype=np.float32)
        claim = reported_claim(question) if pipeline.claim_match else None
        plain = None
        if claim:  # score sentences by the reported words as much as by the question
            plain = query
            query = query + np.asarray(self.embeddings.embed_query(claim), dtype=np.float32)
            query /= np.linalg.norm(query)
        timings["embed_ms"] = _ms(t0)

        t0 = time.perf_counter()
        named = named_speakers(question, self.reader.official_speakers) \
            if pipeline.speaker_match and not filters.speakers else ()
        period = named_period(question) \
            if pipeline.date_match and not (filters.since or filters.until) else None
        search = [filters]
        if named:  # also look among the named speakers' own turns
            search.append(replace(filters, speakers=named))
        if period:  # and in the period the question names
            search.append(replace(filters, since=period.since, until=period.until))
        hits: list[Hit] = []
        for scope in search:
            hits = _merge(hits, retrieve(self.reader, question, vector, scope,
                                         self.settings.candidates, self.settings.rrf_k, pipeline))
        timings["retrieve_ms"] = _ms(t0)

        t0 = time.perf_counter()
        asked = asked_for(question) if pipeline.figure_check else None
        candidates = rerank(self.reader, query, hits, pipeline,
                            self.settings.max_quote_sentences, named, period, asked, plain)
        timings["quotes_ms"] = _ms(t0)
        return candidates

    def quote(self, candidate: Candidate, citation: int, span: Span | None = None) -> Quote:
        """The citable quote a ranked candidate stands for (its ``span`` unless another is
        given), numbered ``citation``."""
        hit, span = candidate.hit, span or candidate.span
        turn = self.reader.turn(hit.briefing_id, hit.turn_index)
        question = (self.reader.turn(hit.briefing_id, turn.answers_turn)
                    if turn.answers_turn is not None else None)
        return Quote(turn=turn, start=span.start, end=span.end,
                     briefing=self.reader.briefings[hit.briefing_id], question=question,
                     citation=citation,
                     scores=_scores(hit, span.score, candidate.support, candidate.final))


def _merge(first: list[Hit], second: list[Hit]) -> list[Hit]:
    best: dict[tuple[str, int], Hit] = {}
    for hit in first + second:
        key = (hit.briefing_id, hit.turn_index)
        if key not in best or hit.rrf > best[key].rrf:
            best[key] = hit
    return sorted(best.values(), key=lambda h: (-h.rrf, h.briefing_id, h.turn_index))


def _scores(hit: Hit, sentence: float, support: float, final: float) -> dict[str, float]:
    scores = {"final": final, "support": support, "rrf": hit.rrf, "quote_cosine": sentence}
    if hit.question_cosine is not None:
        scores["question_cosine"] = hit.question_cosine
    if hit.dense_rank is not None:
        scores.update(dense_rank=hit.dense_rank, dense_cosine=hit.dense_cosine)
    if hit.bm25_rank is not None:
        scores.update(bm25_rank=hit.bm25_rank, bm25=hit.bm25_score)
    return scores


def _message(quotes: list[Quote], best: float, threshold: float, filters: Filters,
             unknown: list[str], unmentioned: list[str], named: str = "",
             ended: tuple[Period, str] | None = None, asked: Asked | None = None,
             far_from: Period | None = None) -> str:
    scope = (f" (only the words of {named}, as the question asks)" if named else
             " matching your filters" if filters.active else "")
    if ended:
        period, latest = ended
        whose = f" with the words of {named}" if named else scope
        return (f"No official addressed this in the indexed briefings: the question asks "
                f"about {period.label}, and the indexed briefings{whose} end on {latest}. "
                "Ingest later briefings, or ask about an earlier period.")
    if named and not quotes and best < -0.5:
        return (f"No indexed briefing has the words of {named}, whom the question asks "
                "for, so there is nothing to quote.")
    if unknown:
        names = ", ".join(unknown)
        return (f"No official addressed this in the indexed briefings: none of them mentions "
                f"{names}. Check the spelling, or ingest the briefings that do.")
    if unmentioned:
        names = ", ".join(unmentioned)
        return (f"No official in the indexed briefings{scope} addressed this question: the "
                f"closest answers never mention {names}. Try other words for it, or ingest "
                "the briefings that cover it.")
    if asked:
        return (f"No official in the indexed briefings{scope} answered this question: it "
                f"asks for {asked.label} (\"{asked.words}\"), and none of the closest "
                f"answers gives {'them' if asked.names > 1 else 'one'}. Ask more broadly to see "
                "what officials said on the subject.")
    if far_from and not quotes:
        return (f"No official in the indexed briefings{scope} addressed this question: it "
                f"asks about {far_from.label}, and the answers that come close are from "
                f"briefings held before it or more than {NEAR_PERIOD_DAYS // 30} months "
                "away from it. Ask without the date to see them.")
    if not quotes and named:
        return (f"None of the words of {named} in the indexed briefings addresses this "
                f"question: the closest scored {_below(best, threshold)} needed "
                "to quote it. Ask without naming who spoke to see what others said.")
    if not quotes:
        if best < -0.5:
            return f"No official turn{scope} is indexed, so there is nothing to quote."
        return (f"No official in the indexed briefings{scope} addressed this question: the "
                f"closest passage scored {_below(best, threshold)} needed to quote "
                "it. Try other words, or widen the filters.")
    briefings = {q.briefing.id for q in quotes}
    speakers = sorted({q.turn.speaker for q in quotes})
    return (f"{len(quotes)} quote{'s' if len(quotes) > 1 else ''} from "
            f"{', '.join(speakers)} in {len(briefings)} briefing"
            f"{'s' if len(briefings) > 1 else ''}{scope}.")


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


def _below(best: float, threshold: float) -> str:
    """"0.50, below the 0.54", with the digits it takes to tell them apart ("0.538, below
    the 0.540")."""
    digits = next((d for d in range(2, 7) if f"{best:.{d}f}" != f"{threshold:.{d}f}"), 6)
    return f"{best:.{digits}f}, below the {threshold:.{digits}f}"
