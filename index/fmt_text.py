"""The ``seed`` format: plain-text transcripts, e.g. a China.org.cn SCIO page copied as text.

Two layouts, mixed freely:

- a speaker label alone on its own line ("Southern Metropolis Daily:"), then the paragraphs;
- ``Name: text`` on one line, including ``Q:`` (a journalist) and ``A:`` (the spokesperson).

Text before the first label is the preamble: its first line is the title, the rest is dropped.
China.org.cn page furniture (comment counters, font-size widget, translator credits,
pagination, share links, the comment form) is removed wherever it appears; the pagination line
gives ``pages``, the "China.org.cn, June 7, 2021" line the date. The page number comes from the
sidecar (``page``) or the file name (``…page9…``).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from index.formats import (
    Meta,
    Parsed,
    TurnBuilder,
    clean_line,
    find_date,
    resolve_label,
    split_label,
)

log = logging.getLogger(__name__)

_FURNITURE = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^.{0,60}comment\(s\)",  # "0 Comment(s)Print E-mail China.org.cn, …", "Go to Forum >>0 …"
        r"^adjust font size:?$",
        r"^follow china\.org\.cn on\b",
        r"^chinanews app download$",
        r"^(print )?e-?mail( bookmark and share)?$",
        r"^print e-?mail bookmark and share$",
        r"^bookmark and share$",
        r"^no comments\.?$",
        r"^add your comments",
        r"^[•·*-]?\s*(user name required|your comment|enter the words you see)",
        r"^racist, abusive and off-topic comments",
        r"^send your stories",
        r"^go to forum\b",
    )
]
_FURNITURE_PARAGRAPHS = re.compile(
    r"^(translated and edited by|in case of any discrepancy)", re.IGNORECASE
)
_PAGE_TOKEN = r"(?:\d{1,3}|\.{3}|…)"
_PAGINATION = re.compile(rf"^(<)?\s*({_PAGE_TOKEN}(?:\s+{_PAGE_TOKEN})*)\s*(>)?$")
_DATELINE = re.compile(r"china\.org\.cn,\s*(.*\d{4})", re.IGNORECASE)
_PAGE_IN_NAME = re.compile(r"(?<![a-z])page[-_ ]?(\d{1,3})(?!\d)", re.IGNORECASE)


def page_from_name(path: Path) -> int | None:
    """``…-page9.txt`` → 9."""
    match = _PAGE_IN_NAME.search(path.stem)
    return int(match.group(1)) if match else None


def _pagination(line: str) -> int | None:
    """The last page number of a pagination line like "<  1  2  3 … 9  >", else None."""
    match = _PAGINATION.match(line)
    if not match:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", match.group(2))]
    if numbers and (match.group(1) or match.group(3) or len(numbers) >= 2):
        return max(numbers)
    return None


def strip_furniture(lines: list[str]) -> tuple[list[str], str | None, int | None]:
    """Blank out page furniture; return the lines, the dateline's date and the page count."""
    kept: list[str] = []
    date: str | None = None
    pages: int | None = None
    in_credits = False
    for line in lines:
        in_credits = (in_credits and bool(line)) or bool(_FURNITURE_PARAGRAPHS.match(line))
        dateline = _DATELINE.search(line)
        if dateline and len(line) < 120 and date is None:
            date = find_date(dateline.group(1))
        last_page = _pagination(line) if line else None
        if last_page is not None:
            pages = max(pages or 0, last_page)
        furniture = any(p.search(line) for p in _FURNITURE) if len(line) < 200 else False
        kept.append("" if in_credits or furniture or last_page is not None else line)
    return kept, date, pages


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a plain-text transcript. ``meta`` supplies the spokesperson for ``A:`` and the page."""
    lines, date, pages = strip_furniture([clean_line(line) for line in text.splitlines()])
    page = meta.page or page_from_name(path)
    spokesperson = meta.spokesperson or _only_official(meta)
    builder = TurnBuilder(page=page)
    preamble: list[str] = []
    for line in lines:
        if not line:
            builder.end_paragraph()
            continue
        hit = split_label(line)
        if hit:
            speaker, hint = resolve_label(
                hit[0], spokesperson=spokesperson, last_journalist=builder.last_journalist
            )
            builder.start(speaker, hint)
            builder.add_line(hit[1])
        elif builder.open:
            builder.add_line(line)
        else:
            preamble.append(line)
    builder.close()
    title = preamble[0] if preamble and len(preamble[0]) <= 200 else None
    if len(preamble) > 1:
        log.debug("%s: dropped %d preamble lines before the first label", path, len(preamble) - 1)
    pages_total = max(meta.pages or pages or 1, page or 1)
    return Parsed(
        turns=builder.turns,
        title=title,
        date=date or find_date(title) or find_date(path.stem),
        pages=pages_total,
    )


def _only_official(meta: Meta) -> str | None:
    officials = [s.name for s in meta.speakers.values() if s.role == "official"]
    return officials[0] if len(officials) == 1 else None
