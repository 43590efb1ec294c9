"""Pages of one briefing, read as separate files, merged into one transcript.

China.org.cn splits a long SCIO briefing over pages ("< 1 2 3 … 9 >"). Files read in one ingest
are pages of the same briefing when

- their names differ only in the page number (``…-page1.txt`` … ``…-page9.txt``, in one
  folder), or
- they declare several pages (pagination, or ``pages`` in a sidecar), know their own page
  number, and have the same title (and no two different dates).

:func:`group_pages` finds the groups; :func:`merge` joins a group in page order: turns keep the
page they start on, and the paragraphs before the first label of a later page (the end of a
turn cut by the page break) are appended to the last turn of the page before, so that turn
stays one turn. The roster is the union of the pages' (page 1 lists the speakers). A merged
briefing's id comes from page 1's URL when known, else from the file name without its page
number; its ``content_hash`` covers every page.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import PurePath

from index.fmt_text import page_from_name
from index.formats import clean_line
from index.load import Loaded, briefing_id
from rag.types import RawTurn, Speaker, Transcript

log = logging.getLogger(__name__)

_ENDS_SENTENCE = re.compile(r"[.!?…。！？:;\"”’')\]]\s*$")
_PAGE_TOKEN = re.compile(r"(?<![a-z])page[-_ ]?\d{1,3}(?!\d)", re.IGNORECASE)


def group_pages(loaded: list[Loaded]) -> tuple[list[list[Loaded]], list[tuple[Loaded, str]]]:
    """Groups of one briefing's pages, in page order (a single file is a group of one), and
    the pages left out with why (the same page number twice)."""
    parent = list(range(len(loaded)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[tuple, int] = {}
    for i, item in enumerate(loaded):
        for key in _keys(item):
            j = first_with.setdefault(key, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[Loaded]] = {}
    for i, item in enumerate(loaded):
        groups.setdefault(find(i), []).append(item)
    result, dropped = [], []
    for members in groups.values():
        for part in _by_date(members):
            kept, extra = _by_page(part)
            result.append(kept)
            dropped.extend(extra)
    return result, dropped


def _by_date(members: list[Loaded]) -> list[list[Loaded]]:
    """Split a group whose pages name different dates (two briefings with one title); pages
    without a date stay with the first date."""
    dates = list(dict.fromkeys(m.transcript.briefing.date for m in members
                               if m.transcript.briefing.date))
    if len(dates) <= 1:
        return [members]
    parts: dict[str, list[Loaded]] = {d: [] for d in dates}
    for member in members:
        parts[member.transcript.briefing.date or dates[0]].append(member)
    return list(parts.values())


def _keys(item: Loaded) -> list[tuple]:
    name = PurePath(item.source.name)
    keys = []
    if page_from_name(name) is not None:
        keys.append(("name", str(name.parent), _PAGE_TOKEN.sub("#", name.name).lower()))
    briefing = item.transcript.briefing
    if item.page is not None and briefing.pages > 1:
        keys.append(("title", clean_line(briefing.title).casefold()))
    return keys


def _by_page(members: list[Loaded]) -> tuple[list[Loaded], list[tuple[Loaded, str]]]:
    if len(members) == 1:
        return members, []
    ordered = sorted(members, key=lambda m: (m.page is None, m.page or 0))
    kept: list[Loaded] = []
    dropped = []
    for member in ordered:
        twin = next((k for k in kept if k.page is not None and k.page == member.page), None)
        if twin is None:
            kept.append(member)
        else:
            dropped.append((member, f"page {member.page} of the briefing in "
                                    f"{twin.source.name} was given twice"))
    return kept, dropped


def merge(group: list[Loaded]) -> Transcript:
    """One transcript from the pages of ``group`` (in page order)."""
    if len(group) == 1:
        return group[0].transcript
    first = group[0].transcript.briefing
    title = clean_line(first.title).casefold()
    turns: list[RawTurn] = list(group[0].transcript.turns)
    for item in group[1:]:
        lead = [p for p in item.lead if clean_line(p).casefold() != title]
        if lead and turns:
            turns[-1] = replace(turns[-1], text=_continue(turns[-1].text, lead))
        elif lead:
            log.debug("%s: dropped %d paragraphs before the first label", item.source.name,
                      len(lead))
        turns.extend(item.transcript.turns)
    speakers: dict[str, Speaker] = {}
    for item in reversed(group):  # page 1's entries win
        speakers.update({s.name: s for s in item.transcript.briefing.speakers})
    digest = hashlib.sha256("".join(m.transcript.briefing.content_hash for m in group).encode())
    briefing = replace(
        first,
        id=first.id if first.source_url else _group_id(group[0]),
        date=first.date or next((m.transcript.briefing.date for m in group
                                 if m.transcript.briefing.date), None),
        content_hash=digest.hexdigest(),
        pages=max([len(group)] + [m.transcript.briefing.pages for m in group]),
        speakers=tuple(speakers.values()),
    )
    log.info("%s: merged %d pages", briefing.id, len(group))
    return Transcript(briefing, tuple(turns))


def _continue(text: str, lead: list[str]) -> str:
    """``text`` continued by the lead paragraphs of the next page: a sentence cut by the page
    break ("… along the river, and" / "they will stay …") is joined with a space."""
    if not _ENDS_SENTENCE.search(text) and lead[0][:1].islower():
        text, lead = f"{text} {lead[0]}", lead[1:]
    return "\n\n".join([text, *lead])


def _group_id(item: Loaded) -> str:
    name = PurePath(item.source.name)
    stem = _PAGE_TOKEN.sub("", name.stem).strip("-_ ") or name.stem
    key = _PAGE_TOKEN.sub("#", item.source.key)
    return briefing_id(None, name.with_name(stem + name.suffix), "", path_key=key)
