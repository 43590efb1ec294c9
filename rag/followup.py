"""Rewrite a follow-up question into a standalone one, by rules (no LLM).

A chat keeps a :class:`Context` — the previous standalone question, its date window, the
speakers it was restricted to and the date the conversation is "at" (the newest briefing
cited, else the newest indexed). :func:`rewrite` reads the new message against it:

1. **Not a follow-up** when there is no context, or the message is a full question of its own
   (more than six words and no follow-up opener such as "and", "what about", "how about").
2. **Dates** ("last month", "this year", "in 2020", "in June 2021", "before that", "since
   then") become a date window; the question stays the previous one. A short message that is
   only a date ("last month?") is a follow-up even without an opener. Relative dates count
   from the start of the previous window, else from the context's anchor date.
3. **An official** named in the follow-up ("and Hua Chunying?", "what about Psaki?")
   restricts the search to that speaker and replaces the previous speaker's name.
4. **A country or organisation** ("and the US side?", "what about Syria?") replaces one in
   the previous question: the first (the actor) when the follow-up says *side*, *government*,
   *position*…, else the last (the topic). With none to replace it is added as the actor.
5. **Anything else** ("what about tariffs?") replaces the previous question's topic — the
   words after its last *about*/*on*/*regarding* — or becomes "What did officials say
   about …?".

The result names what it did (``note``) so the chat can show the standalone question to the
user — as plain text, never between quotation marks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from rag.entities import ACTOR_WORDS, find_entities, find_speaker

_OPENER = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|so|and|but|also|then)\s*,?\s*)*(?:what|how)\s+about\s+|"
    r"^\s*(?:ok(?:ay)?|so|and|but|also)\s*,?\s+(?:for\s+|of\s+)?|^\s*what\s+of\s+|"
    r"^\s*same\s+(?:for|about|with)\s+", re.IGNORECASE)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_YEAR = re.compile(  # capitalised, so that "may" the verb is not May the month
    r"\b(?:in\s+)?(" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
    + r")\.?(?:\s+(\d{4}))?\b")
_YEAR = re.compile(r"\b(?:in\s+)?((?:19|20)\d{2})\b")
_RELATIVE = re.compile(
    r"\b(?:(last|previous|this|the\s+previous|the\s+same)\s+(month|year|week)|"
    r"(?:the\s+)?(month|year|week)\s+before|"
    r"(before\s+that|earlier|after\s+that|later|since\s+then))\b", re.IGNORECASE)
_TOPIC_CUT = re.compile(r"\b(about|on|regarding|concerning|over)\s+(?!.*\b(?:about|on|regarding|"
                        r"concerning|over)\s)", re.IGNORECASE)
_QUESTION_WORD = re.compile(
    r"^\s*(who|what|when|where|why|how|which|does|do|did|is|are|was|were|can|will|has|have)\b",
    re.IGNORECASE)
_FILLER = {"what", "did", "does", "do", "say", "said", "says", "think", "thinks", "about", "it",
           "that", "this", "the", "then", "too", "as", "well", "instead", "of", "for", "from",
           "s", "have", "has", "to", "on", "in", "during", "period", "time", "same"}
MAX_STANDALONE_WORDS = 6  # a date-only follow-up: "and the same month in 2020?"
MAX_BARE_WORDS = 3  # "Syria?", "The US side?"


@dataclass(frozen=True)
class Context:
    """What a follow-up may refer to: the previous standalone question and its scope."""

    question: str
    since: str | None = None
    until: str | None = None
    speakers: tuple[str, ...] = ()
    anchor: str | None = None  # ISO date the conversation is "at"


@dataclass(frozen=True)
class Rewrite:
    """The standalone question to search, the scope it implies, and what was changed."""

    question: str
    since: str | None = None
    until: str | None = None
    speakers: tuple[str, ...] = ()
    followup: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    def context(self, anchor: str | None) -> Context:
        return Context(self.question, self.since, self.until, self.speakers, anchor)


def is_followup(message: str, context: Context | None) -> bool:
    if context is None or not message.strip():
        return False
    words = re.findall(r"[\w'-]+", message)
    if _OPENER.match(message):
        return True
    dateless = _YEAR.sub(" ", _MONTH_YEAR.sub(" ", _RELATIVE.sub(" ", message)))
    if len(words) <= MAX_STANDALONE_WORDS and dateless != message and _is_filler(dateless):
        return True  # only a date: "last month?", "and in June 2019?"
    return len(words) <= MAX_BARE_WORDS and message.rstrip().endswith("?") \
        and not _QUESTION_WORD.match(message)


def rewrite(message: str, context: Context | None, officials: list[str] = ()) -> Rewrite:
    """The standalone form of ``message`` given the conversation ``context``."""
    message = " ".join((message or "").split())
    if not is_followup(message, context):
        return Rewrite(question=message)
    rest = _OPENER.sub("", message).strip().rstrip("?.! ").strip()
    (since, until), rest, date_note = _dates(rest, context)
    speaker, rest = find_speaker(rest, officials)
    question, speakers, notes = context.question, context.speakers, []
    if speaker:
        question = _swap_speaker(question, context.speakers, speaker)
        speakers, notes = (speaker,), [f"only {speaker}"]
    rest = rest.strip(" ,;")
    if not _is_filler(rest):
        question, note = _swap_subject(question, rest)
        notes.append(note)
    if date_note:
        notes.append(date_note)
    if (since, until) == (None, None):
        since, until = context.since, context.until
    return Rewrite(question, since, until, speakers, True, tuple(notes))


def _is_filler(text: str) -> bool:
    return all(word.lower() in _FILLER for word in re.findall(r"\w+", text))


def _dates(rest: str, ctx: Context) -> tuple[tuple[str | None, str | None], str, str | None]:
    base = dt.date.fromisoformat(ctx.since or ctx.anchor) if (ctx.since or ctx.anchor) else None
    match = _RELATIVE.search(rest)
    if match and base is not None:
        window = _relative(match, base, ctx)
        return window, _cut(rest, match), _describe(window)
    match = _MONTH_YEAR.search(rest)
    if match and (match.group(2) or base is not None):
        year = int(match.group(2) or base.year)
        month = _MONTHS[match.group(1).lower()]
        window = _month(dt.date(year, month, 1))
        return window, _cut(rest, match), _describe(window)
    match = _YEAR.search(rest)
    if match:
        year = int(match.group(1))
        window = (f"{year}-01-01", f"{year}-12-31")
        return window, _cut(rest, match), _describe(window)
    return (None, None), rest, None


def _relative(match: re.Match, base: dt.date, ctx: Context) -> tuple[str | None, str | None]:
    which, unit = (match.group(1) or "").lower(), (match.group(2) or match.group(3) or "")
    if match.group(4):
        word = match.group(4).lower()
        if word in ("before that", "earlier"):
            return None, (base - dt.timedelta(days=1)).isoformat()
        end = dt.date.fromisoformat(ctx.until) if ctx.until else base
        return (end + dt.timedelta(days=1)).isoformat(), None
    back = 0 if which in ("this", "the same") else 1
    unit = unit.lower()
    if unit == "year":
        return f"{base.year - back}-01-01", f"{base.year - back}-12-31"
    if unit == "week":
        monday = base - dt.timedelta(days=base.weekday() + 7 * back)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    first = base.replace(day=1)
    return _month((first - dt.timedelta(days=1)).replace(day=1) if back else first)


def _month(first: dt.date) -> tuple[str, str]:
    last = calendar.monthrange(first.year, first.month)[1]
    return first.isoformat(), first.replace(day=last).isoformat()


def _describe(window: tuple[str | None, str | None]) -> str:
    since, until = window
    if since and until:
        return f"briefings from {since} to {until}"
    return f"briefings from {since} on" if since else f"briefings up to {until}"


def _cut(text: str, match: re.Match) -> str:
    return (text[: match.start()] + " " + text[match.end():]).strip()


def _swap_speaker(question: str, previous: tuple[str, ...], speaker: str) -> str:
    for name in previous:
        for form in (name, name.split()[-1]):
            pattern = re.compile(rf"\b{re.escape(form)}\b", re.IGNORECASE)
            if pattern.search(question):
                return pattern.sub(speaker, question, count=1)
    return question


def _swap_subject(question: str, new: str) -> tuple[str, str]:
    """Put ``new`` (an entity or a topic) into the previous question."""
    new_entities = find_entities(new)
    old = find_entities(question)
    if new_entities:
        actor = bool(ACTOR_WORDS.search(new)) or len(old) < 2
        if old:
            target = old[0] if actor else old[-1]
            swapped = question[: target.start] + new + question[target.end:]
            return swapped, f"{new} instead of {target.text}"
        body = question.rstrip("?. ")
        return f"{body}, according to {new}?", f"according to {new}"
    cut = _TOPIC_CUT.search(question)
    if cut:
        return f"{question[: cut.end()]}{new}?", f"topic: {new}"
    return f"What did officials say about {new}?", f"topic: {new}"
