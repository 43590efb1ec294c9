"""The ``markdown`` format: White House briefing transcripts with YAML front matter.

Front matter gives ``title`` (YAML ``\\_`` is a no-break space), ``date``, ``source_url`` and
optionally ``speakers``. The body is hard-wrapped; a turn starts at a line beginning with a
capitalised label and a colon ("MS. PSAKI:  Good evening") or with ``Q`` and spaces (a
reporter: speaker "Journalist"). The preamble before the first label, timestamp lines
("7:06 P.M. EST", "END 1:22 P.M. EST") and ``###`` are dropped. Markdown escapes (``\\[``) are
undone and struck-through text (``<s>…</s>``) removed. A body without such labels is read like
plain text (``Name: text``).

Labels become readable names (:func:`name_labels`): "MS. PSAKI" is "Jen Psaki" when the title
or text names a Psaki; otherwise the label in title case ("Mr. Kirby"). All labels with one
surname map to one name within a briefing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

import yaml

from index import fmt_text
from index.formats import (
    JOURNALIST,
    LoadError,
    Meta,
    Parsed,
    TurnBuilder,
    clean_line,
    iso_date,
    roster_from,
    word_set,
)
from rag.types import Role, Speaker

log = logging.getLogger(__name__)

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<yaml>.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                    re.DOTALL)
_CAPS_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z.'’\- ]{0,48}[A-Z.]):\s*(?P<rest>.*)$")
_Q_START = re.compile(r"^Q(?:\s+|(?=[–—-]))(?P<rest>.*)$")  # at a paragraph start
_Q_RAW = re.compile(r"^[\s\u00a0]*Q[\s\u00a0]{2,}\S")  # mid-paragraph: Q + two or more spaces
_DROP = re.compile(
    r"(?:END\s*)?(?:\d{1,2}:\d{2}\s*[AP]\.?\s?M\.?(?:\s*E[SD]T)?)|END|E[SD]T|#+", re.IGNORECASE
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_STRUCK = re.compile(r"<(s|del|strike)>.*?</\1>", re.IGNORECASE)
_TAG = re.compile(r"</?(?:s|del|strike|em|i|b|strong|u|span|sup|sub|br)\b[^>]*>", re.IGNORECASE)

_OFFICIAL_WORDS = word_set(
    """MS. MR. MRS. MS MR MRS DR. DR SECRETARY ADMINISTRATOR CHAIR CHAIRMAN CHAIRWOMAN GENERAL
    ADMIRAL AMBASSADOR DIRECTOR SENATOR GOVERNOR MAYOR DEPUTY PRESIDENT VICE COMMISSIONER
    ATTORNEY SURGEON COLONEL CAPTAIN LIEUTENANT MINISTER PRIME FIRST LADY COORDINATOR
    ADVISOR ADVISER SPOKESPERSON SPOKESMAN THE"""
)
_ROLE_OF_LABEL: dict[str, Role] = {
    "Q": "journalist", "PHOTOJOURNALIST": "journalist", "REPORTER": "journalist",
    "OPERATOR": "moderator", "AIDE": "moderator", "MODERATOR": "moderator", "STAFF": "moderator",
    "INTERPRETER": "unknown", "TRANSLATOR": "unknown", "AUDIENCE MEMBER": "unknown",
}
_NOT_FIRST_NAMES = word_set(
    """President Vice Secretary Chair Chairman Chairwoman Director Administrator Press Mr Ms Mrs
    Dr General Admiral Ambassador Senator Governor Coordinator Advisor Adviser Council House
    Deputy Economic Communications Security Leader Speaker Minister Commissioner Attorney Surgeon
    Lady Chief Staff Judge Justice Representative Spokesperson Spokesman Major Colonel Captain
    Sergeant Officer Agent Senior National Strategic The And Of By With"""
)
_SMALL_WORDS = word_set("of the and for on in at de la van von")


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a Markdown transcript with optional YAML front matter."""
    front, body = split_front_matter(text, path)
    title = clean_line(str(front.get("title") or "").replace("\\_", " ")) or None
    lines = [_unescape(line) for line in body.splitlines()]
    labels = _find_labels(lines)
    if not labels:
        parsed = fmt_text.parse(body, path, meta)
        parsed.title = title or parsed.title
    else:
        names = name_labels(labels, meta.title or title or "", "\n".join(lines))
        parsed = Parsed(turns=_turns(lines, names), title=title, speakers=_roster(names))
    parsed.date = iso_date(front.get("date")) or parsed.date
    parsed.source_url = front.get("source_url") or front.get("url") or parsed.source_url
    parsed.speakers.update(roster_from(front.get("speakers"), f"the front matter of {path}"))
    return parsed


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """``(front matter mapping, body)``; no front matter gives ``({}, text)``."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        front = yaml.safe_load(match["yaml"]) or {}
    except yaml.YAMLError as exc:
        raise LoadError(f"bad YAML front matter in {path}: {exc}") from exc
    if not isinstance(front, dict):
        raise LoadError(
            f"bad YAML front matter in {path}: expected a mapping (title: …, date: …), "
            f"got {type(front).__name__}"
        )
    return front, text[match.end():]


def _unescape(raw: str) -> str:
    return _TAG.sub("", _STRUCK.sub("", _ESCAPE.sub(r"\1", raw)))


def _label_at(raw: str, paragraph_start: bool) -> tuple[str, str] | None:
    line = clean_line(raw)
    caps = _CAPS_LABEL.match(line)
    if caps and len(caps["label"].split()) <= 5 and sum(c.isalpha() for c in caps["label"]) > 1:
        return " ".join(caps["label"].split()), caps["rest"]
    q_start = _Q_START.match(line)
    if q_start and (paragraph_start or _Q_RAW.match(raw)):
        return "Q", q_start["rest"].strip()
    return None


def _find_labels(lines: list[str]) -> list[str]:
    found, previous = [], ""
    for raw in lines:
        hit = _label_at(raw, not clean_line(previous))
        if hit:
            found.append(hit[0])
        previous = raw
    return found


def _turns(lines: list[str], names: dict[str, tuple[str, Role | None, str | None]]) -> list:
    builder = TurnBuilder()
    previous = ""
    for raw in lines:
        line = clean_line(raw)
        hit = _label_at(raw, not clean_line(previous)) if line else None
        previous = raw
        if hit:
            name, hint, _ = names[hit[0]]
            builder.start(name, hint)
            builder.add_line(hit[1])
        elif not line or _DROP.fullmatch(line):
            builder.end_paragraph()
        elif builder.open:
            builder.add_line(line)
    builder.close()
    return builder.turns


def _roster(names: dict[str, tuple[str, Role | None, str | None]]) -> dict[str, Speaker]:
    return {
        name: Speaker(name, hint or "unknown", title)
        for name, hint, title in names.values()
        if name != JOURNALIST and (hint or title)
    }


def name_labels(
    labels: list[str], title: str, text: str
) -> dict[str, tuple[str, Role | None, str | None]]:
    """Each caps label → ``(readable name, role hint, title from the briefing title)``."""
    names: dict[str, tuple[str, Role | None, str | None]] = {}
    by_surname: dict[str, tuple[str, str | None]] = {}
    for label in dict.fromkeys(labels):
        words = label.split()
        if label in _ROLE_OF_LABEL:
            hint = _ROLE_OF_LABEL[label]
        else:
            hint = "official" if words[0] in _OFFICIAL_WORDS else None
        if label == "Q":
            names[label] = (JOURNALIST, hint, None)
            continue
        rest = words
        while rest and rest[0] in _OFFICIAL_WORDS:
            rest = rest[1:]
        surname = " ".join(rest).casefold()
        if surname and surname in by_surname:
            names[label] = (*by_surname[surname][:1], hint, by_surname[surname][1])
            continue
        honorific = 0 < len(rest) < len(words)  # "MS. PSAKI", not "OPERATOR"
        full = _full_name(" ".join(rest), title, text) if honorific else None
        name, office = full if full else (_title_case(label, title, text), None)
        if surname:
            by_surname[surname] = (name, office)
        names[label] = (name, hint, office)
    return names


def _full_name(surname: str, title: str, text: str) -> tuple[str, str | None] | None:
    """"Psaki" → ("Jen Psaki", "Press Secretary") when the title (else the text) names one."""
    pattern = re.compile(
        r"(?<![\w.])([A-Z][a-z][\w'’\-]*(?: [A-Z]\.)?) (" + "(?i:" + re.escape(surname) + r"))\b"
    )
    for source in (title, text):
        found = Counter(
            f"{m[1]} {m[2]}" for m in pattern.finditer(source) if m[1] not in _NOT_FIRST_NAMES
        )
        if found:
            name = found.most_common(1)[0][0]
            return name, _office(name, title)
    return None


def _office(name: str, title: str) -> str | None:
    """"Press Briefing by Press Secretary Jen Psaki, …" → "Press Secretary"."""
    at = title.find(name)
    if at <= 0:
        return None
    office = re.split(r",?\s+(?:by|and|with)\s+|,\s+", title[:at].strip())[-1].strip()
    if office and office[0].isupper() and len(office.split()) <= 10:
        return office
    return None


def _title_case(label: str, title: str, text: str) -> str:
    """"MEMBERS OF BTS" → "Members of BTS" (as the title writes it), "MR. KIRBY" → "Mr. Kirby"."""
    for source in (title, text):
        for match in re.finditer(re.escape(label), source, re.IGNORECASE):
            if match[0] != label and match[0][0].isupper():
                return match[0]
    if len(label) <= 3 and label.isalpha():
        return label  # initials or a stage name: "RM"
    words = [
        word.lower() if word.lower() in _SMALL_WORDS and i else
        "-".join(part.capitalize() for part in word.split("-"))
        for i, word in enumerate(label.split())
    ]
    return " ".join(words)
