"""Everything the chat shows, as escaped Markdown (chat) or escaped HTML (panels).

``gr.Chatbot`` sanitises its Markdown, but ``gr.HTML`` renders whatever it is given: every
piece of transcript text (turns, titles, speaker names, URLs) passes through ``html.escape``
or :func:`md_escape` here, and nothing else builds page markup. Curly quotation marks only
ever surround a quote's ``text`` — a slice of a stored official turn. Journalists' questions,
searched phrases and rewritten follow-ups are shown as plain or italic text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote as urlquote

from rag.render import shorten

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")

EMPTY_SOURCE = ("<div class='podium-source'><i>Ask a question, then click a numbered quote "
                "to see it inside its full turn, under the question it answered.</i></div>")
EMPTY_TRANSCRIPT = ("<div class='podium-transcript'><i>Pick a briefing to read it as a "
                    "transcript, or use “Read in briefing” on a cited quote.</i></div>")


def md_escape(text: str | None) -> str:
    """Text shown literally inside Markdown: HTML-escaped, Markdown specials backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text or "", quote=False))


def text_fragment_url(url: str | None, quote_text: str) -> str | None:
    """``url#:~:text=start,end`` so the browser scrolls to the quote on the original page."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None  # never link javascript:, data: or file: URLs found in a transcript
    words = quote_text.split()

    def enc(part: list[str]) -> str:
        return urlquote(" ".join(part), safe="").replace("-", "%2D")

    fragment = enc(words) if len(words) <= 8 else f"{enc(words[:4])},{enc(words[-4:])}"
    return f"{url.split('#', 1)[0]}#:~:text={fragment}"


def md_link(label: str, url: str) -> str:
    """A Markdown link whose URL cannot break out of its parentheses."""
    safe = urlquote(url, safe=":/?#=&%~,;@+!$'*")
    return f"[{label}]({safe.replace('(', '%28').replace(')', '%29')})"


def who_line(q: dict) -> str:
    """Speaker, role and (when the roster has one) title, as Markdown."""
    title = f" · {md_escape(q['speaker_title'])}" if q.get("speaker_title") else ""
    return f"**[{q['citation']}] {md_escape(q['speaker'])}** · {md_escape(q['role'])}{title}"


def quote_markdown(q: dict, continues: int | None = None) -> str:
    """One numbered quote as a chat message: who, where, when, the question, the words.
    ``continues`` is the citation of the quote of the same reply just before, if any."""
    b = q["briefing"]
    page = f" · p. {q['page']}" if q.get("page") else ""
    lines = [who_line(q), f"{md_escape(b['title'])} · {md_escape(b['date'] or 'date unknown')}"
             f"{page}"]
    if continues:
        lines.append(f"*further on in the same reply as [{int(continues)}]*")
    elif q.get("question"):
        lines.append(f"*answering {md_escape(q['question']['speaker'])}:* "
                     f"{md_escape(shorten(q['question']['text'], 140))}")
    body = md_escape(q["text"]).replace("\n", "\n> ")
    lines.append(f"> “{body}”")
    link = text_fragment_url(b["url"], q["text"])
    if link:
        lines.append(md_link("original page, at this quote ↗", link))
    return "\n".join(lines)


def summary_markdown(record: dict) -> str:
    """The first message of an answer: how the question was read, then the summary line."""
    lines = []
    if record.get("followup"):
        notes = "; ".join(md_escape(n) for n in record.get("notes", ()))
        lines.append(f"*Follow-up read as:* {md_escape(record['question'])}"
                     + (f" ({notes})" if notes else ""))
    elif record.get("mode") == "who":
        lines.append(f"*Who said:* {md_escape(record['question'])}")
    elif record.get("mode") == "timeline":
        lines.append(f"*Timeline for:* {md_escape(record['question'])}")
    lines.append(md_escape(record["message"]))
    for other in record.get("others", ()):
        lines.append(f"- also in a {md_escape(other['role'])} turn by "
                     f"{md_escape(other['speaker'])}, {md_escape(other['title'])} · "
                     f"{md_escape(other['date'] or 'date unknown')}, turn {other['turn_index']} "
                     "(context only, not quotable)")
    if record.get("quotes"):
        lines.append("*Click a quote to review it in its full turn.*")
    return "\n\n".join(lines)


def _paragraphs(text: str) -> str:
    return html.escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def _turn_html(turn: dict, cls: str = "podium-context") -> str:
    return (f"<div class='{cls}'><span class='podium-label'>{html.escape(turn['speaker'])} · "
            f"{html.escape(turn['role'])} · turn {int(turn['index'])}</span><br>"
            f"{_paragraphs(turn['text'])}</div>")


def source_html(q: dict, before: list[dict] = (), after: list[dict] = ()) -> str:
    """The sources panel: the question asked, then the full turn with the quote marked;
    ``before``/``after`` are neighbouring turns (dicts with speaker, role, index, text)."""
    b, text, start, end = q["briefing"], q["turn_text"], q["start"], q["end"]
    title = f" · {html.escape(q['speaker_title'])}" if q.get("speaker_title") else ""
    page = f" · page {int(q['page'])}" if q.get("page") else ""
    head = (f"<div class='podium-cite'><b>[{int(q['citation'])}] {html.escape(q['speaker'])}"
            f"</b> <span class='podium-role'>{html.escape(q['role'])}</span>{title}<br>"
            f"{html.escape(b['title'])} · {html.escape(b['date'] or 'date unknown')} · "
            f"turn {int(q['turn_index'])}{page}</div>")
    question = ""
    if q.get("question"):
        qq = q["question"]
        question = (f"<div class='podium-question'><span class='podium-label'>Question from "
                    f"{html.escape(qq['speaker'])} ({html.escape(qq['role'])})</span><br>"
                    f"{_paragraphs(qq['text'])}</div>")
    body = (f"<div class='podium-turn'>{_paragraphs(text[:start])}"
            f"<mark class='podium-quote'>{_paragraphs(text[start:end])}</mark>"
            f"{_paragraphs(text[end:])}</div>")
    link = text_fragment_url(b["url"], text[start:end])
    source = (f"<a class='podium-link' href='{html.escape(link, quote=True)}' target='_blank' "
              f"rel='noopener noreferrer'>Open the original page at this quote ↗</a>" if link
              else "<i>No source link is recorded for this briefing.</i>")
    earlier = "".join(_turn_html(t) for t in before)
    later = "".join(_turn_html(t) for t in after)
    return (f"<div class='podium-source'>{head}{earlier}{question}{body}{later}"
            f"<p>{source}</p></div>")


def transcript_html(briefing: dict, turns: list[dict], cited: dict | None = None) -> str:
    """A whole briefing as a transcript; the ``cited`` turn (index, start, end) is marked."""
    url = briefing.get("url")
    link = (f" · <a href='{html.escape(url, quote=True)}' target='_blank' "
            f"rel='noopener noreferrer'>original page ↗</a>"
            if url and url.lower().startswith(("http://", "https://")) else "")
    roster = ", ".join(
        f"{html.escape(s['name'])} ({html.escape(s['role'])}"
        f"{', ' + html.escape(s['title']) if s.get('title') else ''})"
        for s in briefing.get("speakers", ()))
    parts = [f"<div class='podium-transcript'><h3>{html.escape(briefing['title'])}</h3>"
             f"<div class='podium-meta'>{html.escape(briefing['date'] or 'date unknown')} · "
             f"{int(briefing.get('pages') or 1)} page(s) · {len(turns)} turns · id "
             f"{html.escape(briefing['id'])}{link}</div>"
             f"<p><b>Speakers:</b> {roster or '<i>no roster recorded</i>'}</p>"]
    page = None
    for t in turns:
        if t.get("page") and t["page"] != page:
            page = t["page"]
            parts.append(f"<div class='podium-page'>page {int(page)}</div>")
        parts.append(_transcript_turn(t, cited))
    return "".join(parts) + "</div>"


def _transcript_turn(t: dict, cited: dict | None) -> str:
    idx, text = int(t["index"]), t["text"]
    is_cited = cited is not None and int(cited["turn_index"]) == idx
    if is_cited:
        s, e = cited["start"], cited["end"]
        body = (f"{_paragraphs(text[:s])}<mark class='podium-quote'>{_paragraphs(text[s:e])}"
                f"</mark>{_paragraphs(text[e:])}")
    else:
        body = _paragraphs(text)
    cls = f"podium-row podium-{html.escape(t['role'])}" + (" podium-cited" if is_cited else "")
    return (f"<div class='{cls}' id='podium-turn-{idx}'><span class='podium-speaker'>"
            f"{html.escape(t['speaker'])}</span> <span class='podium-role'>"
            f"{html.escape(t['role'])}</span> <span class='podium-label'>#{idx}</span>"
            f"<div>{body}</div></div>")


def chips_html(filters: dict) -> str:
    """The active filters as chips (escaped); officials-only is the default and shown too."""
    chips = [f"speaker: {s}" for s in filters.get("speakers") or ()]
    chips += [f"briefing: {b}" for b in filters.get("briefing_labels") or
              filters.get("briefings") or ()]
    if filters.get("since"):
        chips.append(f"from {filters['since']}")
    if filters.get("until"):
        chips.append(f"until {filters['until']}")
    roles = filters.get("roles") or ["official"]
    chips.append("roles: " + ", ".join(roles))
    spans = "".join(f"<span class='podium-chip'>{html.escape(c)}</span>" for c in chips)
    return f"<div class='podium-chips'><span class='podium-label'>Filters</span> {spans}</div>"
