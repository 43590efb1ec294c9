"""An Answer as JSON (the stable ``podium ask --json`` schema), plain text or Markdown.

Only ``Quote.text`` — a slice of a stored official turn — is ever put between quotation
marks. The journalist's question is shown as context, without quotation marks.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.types import Answer, Quote

SCHEMA_VERSION = 1
CONTEXT_CHARS = 160


def quote_to_dict(quote: Quote) -> dict:
    b, t, q = quote.briefing, quote.turn, quote.question
    return {
        "citation": quote.citation,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "speaker": t.speaker,
        "role": t.role,
        "turn_index": t.index,
        "turn_id": t.id,
        "page": t.page,
        "briefing": {"id": b.id, "title": b.title, "date": b.date, "url": b.source_url},
        "question": None if q is None else {
            "speaker": q.speaker, "role": q.role, "turn_index": q.index, "text": q.text},
        "scores": dict(quote.scores),
    }


def answer_to_dict(answer: Answer) -> dict:
    return {
        "schema": SCHEMA_VERSION,
        "question": answer.question,
        "abstained": answer.abstained,
        "message": answer.message,
        "filters": dict(answer.filters),
        "asks_for": answer.asks_for or None,
        "quotes": [quote_to_dict(q) for q in answer.quotes],
        "scores": dict(answer.scores),
        "timings_ms": dict(answer.timings_ms),
    }


def shorten(text: str, limit: int = CONTEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def citation_line(quote: Quote) -> str:
    b = quote.briefing
    parts = [f"{quote.turn.speaker} ({quote.turn.role})", b.title, b.date or "date unknown"]
    return " — ".join(parts)


def continued_from(quotes: Sequence[tuple[str, int]], n: int) -> int | None:
    """The citation of the quote just before quote ``n`` when both are of the same turn
    (quote [2] going on in the reply quoted at [1]); ``quotes`` are (turn id, citation)."""
    if n and quotes[n - 1][0] == quotes[n][0]:
        return quotes[n - 1][1]
    return None


def _turns(answer: Answer) -> list[tuple[str, int]]:
    return [(q.turn.id, q.citation) for q in answer.quotes]


def answer_to_text(answer: Answer) -> str:
    lines = [answer.message]
    for n, quote in enumerate(answer.quotes):
        lines += ["", f"[{quote.citation}] {citation_line(quote)}"]
        if before := continued_from(_turns(answer), n):
            lines.append(f"    further on in the same reply as [{before}]")
        elif quote.question is not None:
            lines.append(f"    answering {quote.question.speaker}: "
                         f"{shorten(quote.question.text)}")
        lines.append(f"    “{quote.text}”")
        if quote.briefing.source_url:
            lines.append(f"    {quote.briefing.source_url}")
    return "\n".join(lines)


def answer_to_markdown(answer: Answer) -> str:
    lines = [f"**Q: {answer.question}**", "", answer.message]
    for n, quote in enumerate(answer.quotes):
        b = quote.briefing
        title = f"[{b.title}]({b.source_url})" if b.source_url else b.title
        lines += ["", f"> **{quote.turn.speaker}** — {title}, {b.date or 'date unknown'}"]
        if before := continued_from(_turns(answer), n):
            lines.append(f"> *further on in the same reply as [{before}]*")
        elif quote.question is not None:
            lines.append(f"> answering *{quote.question.speaker}*: "
                         f"{shorten(quote.question.text)}")
        lines += [">", f"> “{quote.text}” [{quote.citation}]"]
    return "\n".join(lines)
