"""The speakers block at the top of a SCIO / China.org.cn briefing, read into a roster.

The first page of a State Council Information Office briefing lists who is on the podium::

    Speakers:
    Mr. Liu Hua, vice minister of the Ministry of Ecology and Environment
    Guo Chengzhan, vice director of the National Nuclear Safety Administration
    Chairperson:
    Xi Yanchun, spokesperson of the State Council Information Office
    Date:
    Sept. 3, 2019

(blank lines between entries are common; the headers also come without the colon, or with
the entry on the same line: ``Host: Shou Xiaoli, director general of …``). People under
"Speakers"/"Guests"/"Panelists" are officials; under "Chairperson"/"Chair"/"Host"/
"Moderator"/"Presider" they moderate. Honorifics (Mr., Ms., Dr., Madam) are dropped so that
the name matches the label the transcript uses ("Liu Hua:"). :func:`read_roster` finds the
block in the lines before the first turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.formats import clean_line, find_date, is_speaker_label, split_label
from rag.types import Role, Speaker

_HEADERS: dict[str, Role | str] = {
    "speaker": "official", "speakers": "official", "guest": "official", "guests": "official",
    "panelist": "official", "panelists": "official", "chairperson": "moderator",
    "chairpersons": "moderator", "chair": "moderator", "host": "moderator",
    "hosts": "moderator", "moderator": "moderator", "presider": "moderator",
    "date": "date", "time": "skip", "venue": "skip", "location": "skip",
}
_HEADER = re.compile(r"^(?P<word>[A-Za-z]+)\s*(?P<colon>[:：])?\s*(?P<rest>.*)$")
_NOT_NAMES = {"read in chinese", "read in english"}
_ENTRY = re.compile(
    r"^(?:[•·*\-–]\s*)?(?:(?:Mr|Ms|Mrs|Miss|Dr|Prof|Madam|Madame)\.?\s+)?"
    r"(?P<name>[^,，;:()（）]+?)\s*(?:[,，]\s*(?P<title>.+?))?\s*[.;。]?$"
)


@dataclass
class Roster:
    """What the block said: speakers by name, the date, and which lines it took."""

    speakers: dict[str, Speaker] = field(default_factory=dict)
    date: str | None = None
    lines: set[int] = field(default_factory=set)


def read_roster(lines: list[str]) -> Roster:
    """Read the speakers block among ``lines`` (cleaned, "" between paragraphs).

    Only lines before the first speaker turn are looked at; a header counts only when an
    entry follows it (so a speaker labelled "Host:" still speaks)."""
    roster = Roster()
    kind: str | None = None
    for i, line in enumerate(lines):
        if not line:
            continue
        header = _header(line)
        if header is not None and _opens_block(*header, lines, i):
            kind, rest = header
            roster.lines.add(i)
            if rest:
                kind = _entry(rest, kind, roster)[1]
            continue
        if kind is not None:
            taken, kind = _entry(line, kind, roster)
            if taken:
                roster.lines.add(i)
                continue
        if split_label(line):
            break  # the first turn
    return roster


def _opens_block(kind: str, rest: str, lines: list[str], at: int) -> bool:
    following = rest or next((line for line in lines[at + 1:] if line), "")
    return _entry(following, kind, Roster())[0]


def _entry(line: str, kind: str, roster: Roster) -> tuple[bool, str | None]:
    """Read one line of a ``kind`` block: (was it an entry, the kind to continue with)."""
    if kind == "skip":
        return not split_label(line), None  # "Time: 3 p.m.": one value, then done
    if kind == "date":
        roster.date = roster.date or find_date(line)
        return roster.date is not None, None
    read = False
    for part in re.split(r"\s*;\s*", line):
        match = _ENTRY.match(clean_line(part))
        name = match["name"].strip() if match else ""
        if match and is_speaker_label(name) and name.casefold() not in _NOT_NAMES:
            title = clean_line(match["title"]) if match["title"] else None
            roster.speakers[name] = Speaker(name, kind, title)  # type: ignore[arg-type]
            read = True
    return read, kind if read else None


def _header(line: str) -> tuple[str, str] | None:
    match = _HEADER.match(line)
    if not match or match["word"].casefold() not in _HEADERS:
        return None
    if not match["colon"] and match["rest"]:
        return None  # "Host country …" is a sentence, not a header
    return _HEADERS[match["word"].casefold()], match["rest"]
