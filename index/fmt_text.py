"""The ``text`` format: plain-text transcripts, e.g. a China.org.cn SCIO page copied as text.

Two layouts, mixed freely:

- a speaker label alone on its own line ("Southern Metropolis Daily:"), then the paragraphs;
- ``Name: text`` on one line, including ``Q:`` (a journalist) and ``A:`` (the spokesperson).

Text before the first label is the preamble: its first line is the title; a SCIO speakers
block ("Speakers:", "Chairperson:", "Date:") becomes the roster (:mod:`index.roster`); the
other paragraphs are the ``lead``, which on a later page of a multi-page briefing ends the
turn begun on the page before (:mod:`index.pages`), and is dropped otherwise.
China.org.cn page furniture (comment counters, font-size widget, translator credits,
pagination, share links, the comment form) is removed wherever it appears; the pagination line
gives ``pages`` (and, by its arrows, whether this is the first or the last page), the
"China.org.cn, June 7, 2021" line the date. The page number comes from the sidecar (``page``),
the file name (``…page9…``) or the pagination. :func:`parse_lines` is shared with the HTML
reader for article pages.
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
    reflow,
    resolve_label,
    split_label,
)
from index.roster import read_roster

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
        r"^read in (chinese|english)$",
    )
]
_FURNITURE_PARAGRAPHS = re.compile(
    r"^(translated and edited by|in case of any discrepancy)", re.IGNORECASE
)
_PAGE_TOKEN = r"(?:\d{1,3}|\.{3}|…)"
_PAGINATION = re.compile(rf"^(<)?\s*({_PAGE_TOKEN}(?:\s+{_PAGE_TOKEN})*)\s*(>)?$")
DATELINE = re.compile(r"china\.org\.cn,\s*(.*\d{4})", re.IGNORECASE)
_PAGE_IN_NAME = re.compile(r"(?<![a-z])page[-_ ]?(\d{1,3})(?!\d)", re.IGNORECASE)


def page_from_name(path: Path) -> int | None:
    """``…-page9.txt`` → 9."""
    match = _PAGE_IN_NAME.search(path.stem)
    return int(match.group(1)) if match else None


def _pagination(line: str) -> tuple[int, int | None] | None:
    """``(last page, this page if the arrows tell)`` for a line like "<  1  2  3 … 9  >"."""
    match = _PAGINATION.match(line)
    if not match:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", match.group(2))]
    if not numbers or not (match.group(1) or match.group(3) or len(numbers) >= 2):
        return None
    last = max(numbers)
    if match.group(1) and not match.group(3):  # "< 1 2 … 9": no "next", the last page
        return last, last
    if match.group(3) and not match.group(1):  # "1 2 … 9 >": no "previous", the first page
        return last, 1
    return last, None


def strip_furniture(lines: list[str]) -> tuple[list[str], str | None, int | None, int | None]:
    """Blank out page furniture; return the lines, the dateline's date, the page count and
    this page's number when the pagination tells it."""
    kept: list[str] = []
    date: str | None = None
    pages: int | None = None
    page: int | None = None
    in_credits = False
    for line in lines:
        in_credits = (in_credits and bool(line)) or bool(_FURNITURE_PARAGRAPHS.match(line))
        dateline = DATELINE.search(line)
        if dateline and len(line) < 120 and date is None:
            date = find_date(dateline.group(1))
        paging = _pagination(line) if line and len(line) < 200 else None
        if paging is not None:
            pages, page = max(pages or 0, paging[0]), page or paging[1]
        furniture = any(p.search(line) for p in _FURNITURE) if len(line) < 200 else False
        kept.append("" if in_credits or furniture or paging is not None else line)
    return kept, date, pages, page


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a plain-text transcript. ``meta`` supplies the spokesperson for ``A:`` and the page."""
    return parse_lines([clean_line(line) for line in text.splitlines()], path, meta)


def parse_lines(lines: list[str], path: Path, meta: Meta, *, titled: bool = True) -> Parsed:
    """Read cleaned lines ("" between paragraphs): furniture, roster block, labelled turns.

    ``titled``: the first line before any label is the title (not so for an HTML article,
    whose title is its heading)."""
    lines, date, pages, page_seen = strip_furniture(lines)
    roster = read_roster(lines)
    page = meta.page or page_from_name(path) or page_seen
    spokesperson = meta.spokesperson or _only_official(meta)
    builder = TurnBuilder(page=page)
    preamble: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if not line or i in roster.lines:
            builder.end_paragraph()
            if preamble[-1]:
                preamble.append([])
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
            preamble[-1].append(line)
    builder.close()
    title, lead = _title_and_lead([p for p in preamble if p], titled)
    return Parsed(
        turns=builder.turns,
        title=title,
        date=date or roster.date or find_date(title) or find_date(path.stem),
        pages=max(meta.pages or pages or 1, page or 1),
        speakers=roster.speakers,
        lead=lead,
        page=page,
    )


def _title_and_lead(preamble: list[list[str]], titled: bool) -> tuple[str | None, list[str]]:
    """The first preamble line is the title (if short); the rest are lead paragraphs."""
    if not preamble or not titled:
        return None, [reflow(p) for p in preamble]
    first, *rest = preamble
    title = first[0] if len(first[0]) <= 200 else None
    if title is not None:
        first = first[1:]
    return title, [reflow(p) for p in ([first] if first else []) + rest]


def _only_official(meta: Meta) -> str | None:
    officials = [s.name for s in meta.speakers.values() if s.role == "official"]
    return officials[0] if len(officials) == 1 else None
