"""What the Gradio chat does, as plain functions (tested without a browser).

Every piece of transcript text is escaped before it reaches the page: the chat renders
Markdown and the sources panel is raw HTML, so a turn containing ``<script>`` or
``<img onerror=…>`` must arrive as text. Quotation marks only ever surround ``quote.text``.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote as urlquote

from rag.answer import EmptyQuestion, Podium
from rag.render import answer_to_dict, shorten
from rag.types import Answer

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md_escape(text: str) -> str:
    """Text shown literally inside Markdown: HTML-escaped, Markdown specials backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def text_fragment_url(url: str | None, quote_text: str) -> str | None:
    """``url#:~:text=start,end`` so the browser scrolls to the quote on the original page."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None  # never link javascript:, data: or file: URLs found in a transcript
    words = quote_text.split()

    def enc(part: list[str]) -> str:
        return urlquote(" ".join(part), safe="").replace("-", "%2D")

    fragment = enc(words) if len(words) <= 8 else f"{enc(words[:4])},{enc(words[-4:])}"
    return f"{url.split('#', 1)[0]}#:~:text={fragment}"


def answer_markdown(answer: Answer) -> str:
    """The chat message for an answer: the summary line, then numbered quotes."""
    lines = [md_escape(answer.message)]
    for q in answer.quotes:
        b = q.briefing
        lines += ["", f"**[{q.citation}] {md_escape(q.turn.speaker)}** ({q.turn.role}) — "
                      f"{md_escape(b.title)}, {md_escape(b.date or 'date unknown')}"]
        if q.question is not None:
            lines.append(f"*answering {md_escape(q.question.speaker)}:* "
                         f"{md_escape(shorten(q.question.text, 140))}")
        lines.append(f"> “{md_escape(q.text)}”")
        link = text_fragment_url(b.source_url, q.text)
        if link:
            safe = urlquote(link, safe=":/?#=&%~,;@+!$'*")
            lines.append(f"[source ↗]({safe.replace('(', '%28').replace(')', '%29')})")
    return "\n".join(lines)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def source_html(quote: dict) -> str:
    """The sources panel: the journalist question, then the full turn with the quote marked."""
    b, text = quote["briefing"], quote["turn_text"]
    start, end = quote["start"], quote["end"]
    head = (f"<div class='podium-cite'><b>[{quote['citation']}] {html.escape(quote['speaker'])}"
            f"</b> <span class='podium-role'>{html.escape(quote['role'])}</span><br>"
            f"{html.escape(b['title'])} · {html.escape(b['date'] or 'date unknown')} · "
            f"turn {quote['turn_index']}</div>")
    question = ""
    if quote["question"]:
        q = quote["question"]
        question = (f"<div class='podium-question'><span class='podium-label'>Question from "
                    f"{html.escape(q['speaker'])} ({html.escape(q['role'])})</span><br>"
                    f"{_paragraphs(q['text'])}</div>")
    body = (f"<div class='podium-turn'>{_paragraphs(text[:start])}"
            f"<mark class='podium-quote'>{_paragraphs(text[start:end])}</mark>"
            f"{_paragraphs(text[end:])}</div>")
    link = text_fragment_url(b["url"], text[start:end])
    source = (f"<a href='{html.escape(link, quote=True)}' target='_blank' rel='noopener "
              f"noreferrer'>Open the original page at this quote</a>" if link
              else "<i>No source link is recorded for this briefing.</i>")
    return f"<div class='podium-source'>{head}{question}{body}<p>{source}</p></div>"


EMPTY_SOURCE = ("<div class='podium-source'><i>Ask a question, then pick a quote to see it "
                "inside its full turn, with the question it answered.</i></div>")


def quote_choices(state: list[dict]) -> list[str]:
    return [f"[{q['citation']}] {q['speaker']} — {q['briefing']['date'] or '?'}" for q in state]


def respond(engine: Podium, message: str, history: list[dict], speakers: list[str] | None,
            since: str, until: str) -> tuple[list[dict], list[dict], str]:
    """One chat turn: returns (history, quote state, source-panel HTML of quote [1])."""
    history = list(history or [])
    try:
        answer = engine.ask(message, speakers=tuple(speakers or ()),
                            since=(since or "").strip() or None,
                            until=(until or "").strip() or None)
    except EmptyQuestion as exc:
        return history + [{"role": "assistant", "content": md_escape(str(exc))}], [], EMPTY_SOURCE
    except ValueError as exc:
        history.append({"role": "user", "content": md_escape(message)})
        return history + [{"role": "assistant", "content": md_escape(str(exc))}], [], EMPTY_SOURCE
    history += [{"role": "user", "content": md_escape(answer.question)},
                {"role": "assistant", "content": answer_markdown(answer)}]
    state = []
    for q, data in zip(answer.quotes, answer_to_dict(answer)["quotes"], strict=True):
        state.append({**data, "turn_text": q.turn.text})
    return history, state, source_html(state[0]) if state else EMPTY_SOURCE


def select_source(choice: str | None, state: list[dict]) -> str:
    for q, label in zip(state or [], quote_choices(state or []), strict=True):
        if label == choice:
            return source_html(q)
    return EMPTY_SOURCE
