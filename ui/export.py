"""Copy a citation (plain text or Markdown) and export a whole answer as a Markdown file.

Built from the session's quote dicts (``ui.handlers.quote_state``). Plain text keeps the quote
character-exact; Markdown escapes it (:func:`md_text`) so that it *renders* exactly —
an asterisk stays an asterisk, ``<script>`` stays text. Only the quote sits between quotation
marks; the question a journalist asked and the user's own question are plain context.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

from rag.render import shorten
from ui.render import md_link, text_fragment_url

_INLINE = re.compile(r"([\\`*_{}\[\]|~$])")
_LINE_START = re.compile(r"^(\s*)(?:([#>+-])|(\d+)\.)", re.MULTILINE)


def md_text(text: str | None) -> str:
    """Lighter than ``ui.render.md_escape``, for Markdown people read raw: escapes only what would
    change the rendering (emphasis, links, code, HTML, list and heading markers)."""
    escaped = _INLINE.sub(r"\\\1", html.escape(text or "", quote=False))
    return _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2)
                                                   else f"{m.group(3)}\\."), escaped)


EXPORT_DIR = Path(tempfile.gettempdir()) / "podium-exports"


def _where(q: dict) -> str:
    b = q["briefing"]
    title = f", {q['speaker_title']}" if q.get("speaker_title") else ""
    return (f"{q['speaker']} ({q['role']}{title}), {b['title']}, "
            f"{b['date'] or 'date unknown'}")


def citation_text(q: dict | None) -> str:
    """``“quote” — Speaker (role), Briefing, date. URL`` (the URL scrolls to the quote)."""
    if not q:
        return ""
    link = text_fragment_url(q["briefing"]["url"], q["text"]) or q["briefing"]["url"]
    return f"“{q['text']}” — {_where(q)}." + (f" {link}" if link else "")


def citation_markdown(q: dict | None) -> str:
    """The citation as a Markdown block quote with a linked source."""
    if not q:
        return ""
    body = md_text(q["text"]).replace("\n", "\n> ")
    link = text_fragment_url(q["briefing"]["url"], q["text"])
    source = md_text(_where(q))
    return f"> “{body}”\n>\n> — {md_link(source, link) if link else source}"


def answer_markdown(record: dict) -> str:
    """A whole answer with its sources, for a notes file or a story draft."""
    lines = [f"## {md_text(record['question'])}", ""]
    if record.get("followup") and record["asked"] != record["question"]:
        lines += [f"*Asked as a follow-up:* {md_text(record['asked'])}", ""]
    filters = {k: v for k, v in (record.get("filters") or {}).items() if v}
    if filters:
        lines += ["*Filters:* " + md_text("; ".join(
            f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in filters.items())), ""]
    lines.append(md_text(record["message"]))
    for q in record["quotes"]:
        lines += ["", f"**[{q['citation']}]** {citation_markdown(q)}"]
        if q.get("question"):
            lines.append(f"> *answering {md_text(q['question']['speaker'])}:* "
                         f"{md_text(shorten(q['question']['text'], 200))}")
    lines += ["", "---", "*Quotes are verbatim slices of the stored transcripts (podium).*"]
    return "\n".join(lines) + "\n"


def export_file(record: dict | None, folder: Path = EXPORT_DIR) -> str | None:
    """Write :func:`answer_markdown` to a file the browser can download; its path."""
    if not record or record.get("error"):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", record["question"].lower()).strip("-")[:48] or "answer"
    path = folder / f"podium-{slug}-{record['id']}.md"
    path.write_text(answer_markdown(record), encoding="utf-8")
    return str(path)
