"""What the format parsers share: text clean-up, speaker labels, dates and a turn builder.

The parsers themselves live in :mod:`index.fmt_text` (``seed``: plain text),
:mod:`index.fmt_html` (``mfa``: HTML pages) and :mod:`index.fmt_markdown` (``markdown`` with
YAML front matter). Each takes the decoded text, the file path and the :class:`Meta` known
from sidecars/index files, and returns a :class:`Parsed`. :mod:`index.load` picks the parser.

Whitespace is normalised here, once, by :func:`clean_line` and :func:`reflow`; see the
:mod:`index.load` docstring for the rules.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rag.types import ROLES, RawTurn, Role, Speaker

log = logging.getLogger(__name__)

JOURNALIST = "Journalist"  # the speaker name for unnamed reporters ("Q:", "Q    ", bold MFA text)
SPOKESPERSON = "Spokesperson"  # "A:" when the spokesperson's name is unknown


MAX_PARAGRAPH_CHARS = 200_000  # ~30,000 words: longer is not speech but a broken file
FLOOD_SPEAKERS = 60  # more distinct speakers than this, most speaking once, is not a briefing


class LoadError(ValueError):
    """A file cannot be read as a briefing. The message names the file and what was expected."""


@dataclass
class Meta:
    """What is known about a file before parsing it (index.jsonl row, sidecar files)."""

    title: str | None = None
    date: str | None = None
    source_url: str | None = None
    spokesperson: str | None = None
    page: int | None = None
    pages: int | None = None
    speakers: dict[str, Speaker] = field(default_factory=dict)


@dataclass
class Parsed:
    """What a parser read from the file itself.

    ``lead``: paragraphs before the first label that are not the title or page furniture (on
    a later page of a multi-page briefing, the end of a turn begun on the page before).
    ``page``: this file's page number, when the file says. ``format``: set when the parser
    knows better than the name it was called by (JSON that is a QMSum meeting)."""

    turns: list[RawTurn]
    title: str | None = None
    date: str | None = None
    source_url: str | None = None
    pages: int = 1
    speakers: dict[str, Speaker] = field(default_factory=dict)
    lead: list[str] = field(default_factory=list)
    page: int | None = None
    format: str | None = None


# --- whitespace ------------------------------------------------------------------------------

_UNICODE_SPACES = (
    "\t\n\r\v\f\x85\u2028\u2029\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_TRANSLATE = {ord(c): " " for c in _UNICODE_SPACES} | {
    ord(c): None for c in "\u200b\u2060\ufeff\u00ad"  # zero-width space/joiner, BOM, soft hyphen
}
_SPACE_RUN = re.compile(r" {2,}")


def clean_line(line: str) -> str:
    """NFC; tabs, line breaks and unicode spaces → ' '; zero-width characters dropped; space runs
    collapsed; stripped."""
    line = unicodedata.normalize("NFC", line).translate(_TRANSLATE)
    return _SPACE_RUN.sub(" ", line).strip()


def reflow(lines: list[str]) -> str:
    """Join the hard-wrapped lines of one paragraph with single spaces."""
    return clean_line(" ".join(lines))


def word_set(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words (keeps long vocabularies readable)."""
    return frozenset(words.split())


# --- speaker labels --------------------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:\*\*|__)?(?P<label>[^:*_]{1,60}?)\s*(?:\*\*|__)?\s*:(?!\d)(?:\*\*|__)?\s*(?P<rest>.*)$"
)
_LABEL_WORD = re.compile(r"^[\w'’&/.\-]+$")
_ABBREVIATION = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.|(?:[A-Z]\.)+[A-Z]?)$")
_CONNECTORS = word_set(
    "of the and for on in at de del della da di du la le van von der den bin al y und"
)
_NOT_SPEAKERS = word_set(
    """note notes source sources update updated photo photos video related tags keywords title
    date time location venue subject re ps attachment caption correction transcript summary
    background contact tel phone email e-mail fax address website web first second third fourth
    fifth finally example next more"""
) | {"editor's note", "editor’s note", "for example", "see also", "read more"}
_SPECIAL = {
    "q": (JOURNALIST, "journalist"),
    "question": (JOURNALIST, "journalist"),
    "journalist": (JOURNALIST, "journalist"),
    "reporter": (JOURNALIST, "journalist"),
}
_FOLLOW_UP = {"follow-up", "follow up", "followup", "follow-up question"}
_ANSWER = {"a", "answer"}


def is_speaker_label(label: str) -> bool:
    """A short, name-like token sequence: ≤ 6 words, ≤ 60 chars, capitalised, no sentence marks.

    Accepts "Li Xiao", "Southern Metropolis Daily", "The Globe and Mail", "Mr. Kirby", "CCTV";
    rejects "The answer is as follows", "Our position is very clear", "10", "Note".
    """
    label = label.strip()
    if not label or len(label) > 60 or label.casefold() in _NOT_SPEAKERS:
        return False
    words = label.split()
    if len(words) > 6 or not words[0][0].isupper():
        return False
    for word in words:
        if not _LABEL_WORD.match(word) or ("." in word and not _ABBREVIATION.match(word)):
            return False
        if not (word[0].isupper() or word.isdigit() or word.casefold() in _CONNECTORS):
            return False
    return True


def split_label(line: str) -> tuple[str, str] | None:
    """``"Name: text"`` or ``"Name:"`` → ``(label, text)``; ``None`` when the line has no label."""
    match = _LABEL.match(line)
    if not match:
        return None
    label = match["label"].strip()
    if label.casefold() in _SPECIAL or label.casefold() in _ANSWER or is_speaker_label(label):
        return label, match["rest"].strip()
    return None


def resolve_label(
    label: str, *, spokesperson: str | None, last_journalist: str | None
) -> tuple[str, Role | None]:
    """Map a label to ``(speaker, role_hint)``: Q/A/Follow-up/Journalist are not names."""
    key = label.casefold()
    if key in _SPECIAL:
        return _SPECIAL[key]
    if key in _ANSWER:
        return spokesperson or SPOKESPERSON, "official"
    if key in _FOLLOW_UP:
        return last_journalist or JOURNALIST, "journalist"
    return label, None


def has_text(text: str) -> bool:
    """False for separators such as ``***`` or ``※※※``: nothing alphanumeric."""
    return any(ch.isalnum() for ch in text)


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        ["jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"], start=1)
    for name in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b", re.IGNORECASE)
_DMY = re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")


def find_date(text: str | None) -> str | None:
    """The first date written like "June 7, 2021", "7 June 2021" or "2021-06-07", as ISO."""
    for pattern in (_MDY, _DMY, _ISO):
        for match in pattern.finditer(text or ""):
            month = match["month"]
            month_no = int(month) if month.isdigit() else _MONTHS[month.casefold()]
            try:
                return dt.date(int(match["year"]), month_no, int(match["day"])).isoformat()
            except ValueError:
                continue
    return None


def iso_date(value: Any) -> str | None:
    """A date from metadata (a date object, ISO text or "June 7, 2021") as ISO, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return find_date(str(value)) if value else None


# --- rosters ---------------------------------------------------------------------------------


def roster_from(value: Any, where: str) -> dict[str, Speaker]:
    """Speakers from ``[{name, role, title}]`` or ``{name: role}`` / ``{name: {role, title}}``."""
    if value is None:
        return {}
    if isinstance(value, dict):
        items = [
            {"name": name, **(spec if isinstance(spec, dict) else {"role": spec})}
            for name, spec in value.items()
        ]
    elif isinstance(value, list) and all(isinstance(item, dict) for item in value):
        items = value
    else:
        raise LoadError(
            f"bad speakers in {where}: expected a list of {{name, role, title}} mappings "
            f"or a mapping of name to role, got {type(value).__name__}"
        )
    roster: dict[str, Speaker] = {}
    for item in items:
        name, role, title = item.get("name"), item.get("role") or "unknown", item.get("title")
        if not isinstance(name, str) or not name.strip():
            raise LoadError(f"speaker without a name in {where}: every entry needs 'name'")
        if role not in ROLES:
            raise LoadError(
                f"unknown role {role!r} for speaker {name!r} in {where}: "
                f"expected one of {', '.join(ROLES)}"
            )
        name = clean_line(name)
        roster[name] = Speaker(name, role, clean_line(str(title)) if title else None)
    return roster


# --- building turns --------------------------------------------------------------------------


class TurnBuilder:
    """Collects lines into paragraphs and paragraphs into :class:`RawTurn` objects."""

    def __init__(self, page: int | None = None) -> None:
        self.turns: list[RawTurn] = []
        self.page = page
        self.speaker: str | None = None
        self.hint: Role | None = None
        self.last_journalist: str | None = None
        self._paragraphs: list[str] = []
        self._lines: list[str] = []

    @property
    def open(self) -> bool:
        return self.speaker is not None

    def start(self, speaker: str, hint: Role | None) -> None:
        self.close()
        self.speaker, self.hint = speaker, hint
        if hint == "journalist":
            self.last_journalist = speaker

    def add_line(self, line: str) -> None:
        if line:
            self._lines.append(line)

    def end_paragraph(self) -> None:
        text = reflow(self._lines)
        if text:
            self._paragraphs.append(text)
        self._lines = []

    def add_paragraph(self, text: str) -> None:
        self.end_paragraph()
        self.add_line(text)
        self.end_paragraph()

    def close(self) -> None:
        self.end_paragraph()
        if self.speaker is not None and self._paragraphs:
            text = "\n\n".join(self._paragraphs)
            self.turns.append(RawTurn(self.speaker, text, self.page, self.hint))
        elif self.speaker is not None:
            log.debug("dropped empty turn by %r", self.speaker)
        self.speaker, self.hint, self._paragraphs = None, None, []


# --- sanity checks ---------------------------------------------------------------------------


def check_turns(turns: list[RawTurn], path: object) -> None:
    """Refuse what parsed but is no briefing: giant paragraphs, a flood of one-off labels."""
    for turn in turns:
        longest = max(len(p) for p in turn.text.split("\n\n"))
        if longest > MAX_PARAGRAPH_CHARS:
            raise LoadError(
                f"{path} has a paragraph of {longest:,} characters (turn by {turn.speaker!r}), "
                f"above podium's limit of {MAX_PARAGRAPH_CHARS:,}: is it a transcript? Break "
                "it into paragraphs, one speaker turn each")
    counts = Counter(turn.speaker for turn in turns)
    once = sum(1 for n in counts.values() if n == 1)
    if len(counts) > FLOOD_SPEAKERS and once * 2 > len(counts):
        raise LoadError(
            f"{path} looks like a list, not a transcript: {len(counts)} different speaker "
            f"labels in {len(turns)} turns, {once} of them speaking once (every line looks "
            "like 'Label: text'). A transcript has a few people speaking in turns: only their "
            "names may open a line with 'Name:'")
