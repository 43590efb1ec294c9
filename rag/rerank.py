"""Order candidate turns and choose the span each would quote.

For each fused hit (``rag.retrieve``) the turn's stored sentence vectors are scored against
the question (``rag.quotes``). A turn's **support** is the better of its best sentence's
cosine and the cosine of the journalist question it answered; when the question is the
better match, the quote is the opening of the reply (unless a later sentence answers
clearly better, and the question is not nearly the reporter's own: ``SAME_QUESTION``).
Each candidate also keeps its best stretch after that quote, which ``rag.answer`` quotes
for the first one. A reply that only asks the reporter back ("The people of Georgia?")
answers nothing and is dropped. A reply that says next to nothing (a quip met with
laughter, "It's quite a day. (Laughter.)", or words cut off, "That is — that is —") but
matches through the question it follows is an *aside*: the exchange was addressed, so its
support still counts, but it is ranked after every other candidate (the official's answer
usually comes a turn later). Candidates are ordered by::

    final = support + RRF_WEIGHT × rrf / best rrf
          + SPEAKER_BONUS      (the question names this turn's speaker)
          + DATE_BONUS         (the briefing falls in the period the question names)
          + PASSAGE_WEIGHT × cosine of the best passage it is in (transcripts without questions)

Each term is a lever the eval switches on and off (``rag.retrieve.Pipeline``). Then a
reply cut off on a dash ("… working with Kenya on the force on the ground. So —") is put
after the same official's next turn in the exchange when that is a candidate too: the
reporter cut in, and the answer came next ("I would not expect a U.S. force presence on
the ground.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from rag.dates import Period
from rag.figures import Asked
from rag.quotes import CLAIM_LEAD, LEAD, Span, answers_later, best_span, opening_span
from rag.retrieve import Hit, Pipeline
from rag.store import IndexReader

CANDIDATE_TURNS = 20  # fused hits whose sentences are scored
RRF_WEIGHT = 1.0
SPEAKER_BONUS = 0.1
DATE_BONUS = {"day": 0.5, "month": 0.3, "year": 0.1}  # the briefing falls in the named period
# (a named day: that day or the three after it, ``rag.dates.Period.spoken_of``)
PASSAGE_WEIGHT = 1.5
# a question this close to the journalist's question a reply answered asks what the reporter
# asked: the reply's opening answers it, even when a later sentence matches the words better
# (the official starts with the answer, "I don't think that's the correct interpretation of
# it.", then gives the reasons; the later stretch is quoted too)
SAME_QUESTION = 0.8
ASIDE_WORDS = 12  # at most this many words, besides stage directions, make a reply an aside
# stage directions in White House transcripts: "(Laughter.)", "(Laughs.)", "(Inaudible.)"
_STAGE = re.compile(r"\((?:laughter|laughs|applause|inaudible|cross-?talk)\b[^)]*\)",
                    re.IGNORECASE)
_CUT_OFF = re.compile(r"[—–-]\s*$")  # words that end on a dash: "That is — that is —"
_FRAGMENT = re.compile(r"^\s*[—–-]")  # the rest of a sentence cut off: "— in order to arrive."
# a sentence asking to hear the question again
_ASKS_AGAIN = re.compile(
    r"^\W*(?:(?:I[’']m )?sorry\W*|pardon\W*|excuse me\W*)*(?:(?:can|could) you )?"
    r"(?:say (?:that|it) again|repeat (?:that|it|the question|your question))"
    r"|^\W*(?:I[’']m )?sorry,? I (?:didn[’']t|did not|couldn[’']t) (?:hear|catch)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A fused hit with its best span and the score it is finally ordered by."""

    hit: Hit
    span: Span
    support: float  # max(best-sentence cosine, cosine of the question it answered)
    final: float
    later: Span | None = None  # the best stretch of the turn after ``span``, if any
    aside: bool = False  # says next to nothing, found through its question: ranked last
    cut_off: bool = False  # the reply ends on a dash: the official was cut off


def named_speakers(question: str, speakers: list[str]) -> tuple[str, ...]:
    """Speakers the question names.

    - by full name ("What did Jen Psaki say…", "…the Project Manager…");
    - by a surname only one of them has ("…Psaki…"), unless that word only follows another
      speaker's full name ("the user interface designer" names User Interface, not
      Industrial Designer);
    - by the role of an anonymised label ("Professor B", "PhD A", "Grad E" in a meeting
      transcript): "the professor" names every speaker labelled Professor."""
    text = question.casefold()
    full = [(s, m) for s in speakers
            for m in re.finditer(rf"\b{re.escape(s.casefold())}\b", text)]
    found = list(dict.fromkeys(s for s, _ in full))
    after_full = {m.end() for _, m in full}
    surnames: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}
    for s in speakers:
        parts = s.split()
        if len(parts) == 2 and len(parts[1]) == 1 and len(parts[0]) >= 3:
            roles.setdefault(parts[0].casefold(), []).append(s)
        elif len(parts) > 1 and len(parts[-1]) >= 4:
            surnames.setdefault(parts[-1].casefold(), []).append(s)
    for surname, owners in surnames.items():
        if len(owners) == 1 and owners[0] not in found and any(
                m.start() - 1 not in after_full
                for m in re.finditer(rf"\b{re.escape(surname)}\b", text)):
            found.append(owners[0])
    for role, owners in roles.items():
        if re.search(rf"\b{re.escape(role)}\b", text):
            found += [s for s in owners if s not in found]
    return tuple(found)


def _candidate(reader: IndexReader, query: np.ndarray, hit: Hit, max_sentences: int,
               asked: Asked | None = None, plain: np.ndarray | None = None):
    spans, vectors = reader.sentences(hit.briefing_id, hit.turn_index)
    turn = reader.turn(hit.briefing_id, hit.turn_index)
    if turn.answers_turn is not None and asks_back(turn.text, spans):
        return None
    span = best_span(query, spans, vectors, max_sentences, turn.text)
    if span is None:
        return None
    aside = False
    # how well the turn's own words match: by ``query``, or by the question alone
    # (``plain``) when the query also holds the words a "who said" question reports
    own = span.score if plain is None else max(span.score, float((vectors @ plain).max()))
    if hit.question_cosine is not None and hit.question_cosine > own:
        # found through the journalist's question: quote how the reply begins, unless a
        # later sentence answers clearly better and the question is not nearly the
        # reporter's own
        support = hit.question_cosine
        aside = says_little(turn.text)
        lead = LEAD if plain is None else CLAIM_LEAD  # (a "who said" question: sooner)
        if support >= SAME_QUESTION or not answers_later(query, vectors, max_sentences, lead):
            span = opening_span(spans, support, max_sentences)
    else:
        support = own
    later = _later(query, spans, vectors, span, max_sentences, turn.text)
    if asked is not None \
            and (asked.anywhere or asked.given_in(quoted_text(turn.text, span, later))) \
            and not asked.plainly_in(turn.text[span.start:span.end]):
        # a reply that gives the figure asked for is quoted where it gives it plainly:
        # "Since 2018, more than 20 Chinese journalists' visa applications have been
        # denied", not "a maximum 90-day stay" in the sentence that scores best (a count
        # or a day of the month is looked for in the whole reply)
        plain = [k for k, (a, b) in enumerate(spans) if asked.plainly_in(turn.text[a:b])]
        if plain:
            span = best_span(query, spans, vectors, max_sentences, turn.text, among=plain)
            later = _later(query, spans, vectors, span, max_sentences, turn.text)
    return span, support, later, aside, bool(_CUT_OFF.search(turn.text))


def quoted_text(text: str, span: Span, later: Span | None) -> str:
    """What a candidate whose turn reads ``text`` quotes when it comes first: its span and
    its later stretch."""
    return "\n".join(text[s.start:s.end] for s in (span, later) if s)


def _later(query: np.ndarray, spans: list[tuple[int, int]], vectors: np.ndarray, span: Span,
           max_sentences: int, text: str) -> Span | None:
    """The best stretch of the turn after ``span``, if any."""
    after = [k for k, (start, _) in enumerate(spans) if start >= span.end]
    return best_span(query, [spans[k] for k in after], vectors[after], max_sentences,
                     text) if after else None


def says_little(text: str) -> bool:
    """Is this reply a quip met with laughter or words cut off ("That is — that is —"):
    at most ``ASIDE_WORDS`` words besides stage directions, with a stage direction, ending
    on a dash, or opening on one (the rest of a sentence cut into: "— in order to
    arrive.")?"""
    words = re.findall(r"[\w’']+", _STAGE.sub(" ", text))
    return len(words) <= ASIDE_WORDS and bool(
        _STAGE.search(text) or _CUT_OFF.search(text) or _FRAGMENT.match(text))


def asks_back(text: str, spans: list[tuple[int, int]]) -> bool:
    """Is this reply only questions back to the reporter ("The people of Georgia?", "Like
    who?") or asking to hear the question again ("I'm sorry, say that again.")? Such a
    turn asks for clarification; it answers nothing."""
    return bool(spans) and all(text[a:b].rstrip(" \"'”’)").endswith("?")
                               or _ASKS_AGAIN.search(text[a:b]) for a, b in spans)


def rerank(reader: IndexReader, query: np.ndarray, hits: list[Hit], pipeline: Pipeline,
           max_sentences: int, named: tuple[str, ...] = (),
           period: Period | None = None, asked: Asked | None = None,
           plain: np.ndarray | None = None) -> list[Candidate]:
    """Candidates best first. With ``sentence_rerank`` off, the fused order is kept.
    ``asked``: the figure the question asks for, which each candidate is quoted where it
    gives (``rag.figures``). ``plain``: the question's own vector, when ``query`` also
    holds a "who said" question's reported words; a turn's support is the better of the
    two matches (the reported words choose the quote, but never lower the support)."""
    top_rrf = max((h.rrf for h in hits), default=1.0) or 1.0
    candidates = []
    for position, hit in enumerate(hits[:CANDIDATE_TURNS]):
        found = _candidate(reader, query, hit, max_sentences, asked, plain)
        if found is None:
            continue
        span, support, later, aside, cut_off = found
        final = support + RRF_WEIGHT * hit.rrf / top_rrf if pipeline.sentence_rerank \
            else -float(position)
        if pipeline.sentence_rerank and pipeline.passages and hit.passage_cosine is not None:
            final += PASSAGE_WEIGHT * hit.passage_cosine
        if pipeline.speaker_match and named and \
                reader.speaker_of(hit.briefing_id, hit.turn_index) in named:
            final += SPEAKER_BONUS
        if period is not None and _in_period(reader, hit.briefing_id, period):
            final += DATE_BONUS[period.granularity]
        candidates.append(Candidate(hit, span, support, final,
                                    later if pipeline.later_quote else None,
                                    aside and pipeline.sentence_rerank, cut_off))
    candidates.sort(key=lambda c: (c.aside, -c.final))
    if pipeline.sentence_rerank:
        candidates = _continued(reader, candidates)
    return candidates


def _continued(reader: IndexReader, candidates: list[Candidate]) -> list[Candidate]:
    """A reply cut off on a dash comes after its continuation when both are candidates
    (unless the continuation is an aside: "Okay. I did — I — I missed —")."""
    order = list(candidates)
    for c in (c for c in candidates if c.cut_off):
        speaker = reader.speaker_of(c.hit.briefing_id, c.hit.turn_index)
        for step in (1, 2):
            nxt = next((d for d in order if d.hit.briefing_id == c.hit.briefing_id
                        and d.hit.turn_index == c.hit.turn_index + step
                        and not d.aside), None)  # cut off again in a few words: no answer
            if nxt is not None and reader.speaker_of(c.hit.briefing_id, c.hit.turn_index + step) \
                    == speaker and order.index(nxt) > order.index(c):
                order.remove(nxt)
                order.insert(order.index(c), nxt)
                break
    return order


def _in_period(reader: IndexReader, briefing_id: str, period: Period) -> bool:
    """Was the briefing held when briefings speak of ``period`` (a named day: that day or
    the few after it)?"""
    date = reader.briefings[briefing_id].date
    spoken = period.spoken_of
    return bool(date) and spoken.since <= date <= spoken.until
