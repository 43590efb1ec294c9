"""The ``json`` and ``qmsum`` formats: speaker turns exported as JSON.

Accepted shapes:

- a list of turns: ``[{"speaker": "Li Xiao", "content": "…"}, …]`` (``text``/``utterance``
  for the text, ``name`` for the speaker; optional ``role`` hint and ``page``);
- JSON Lines: one such turn object per line;
- an object with ``turns`` (or ``transcript``) and optional ``title``, ``date``,
  ``source_url``/``url`` and ``speakers`` (a roster, as in a sidecar);
- a QMSum meeting (``{"meeting_transcripts": [{"speaker", "content"}], …}``), detected by that
  key (or forced with ``--format qmsum``). QMSum's annotation markers (``{vocalsound}``,
  ``{disfmarker}``) are removed; its speakers ("Grad A", "Project Manager") are not labelled
  as officials or journalists, so only a roster sidecar decides who may be quoted (every
  role hint is None; the heuristics of :mod:`index.roles` fill in the rest).

Turn text is normalised like every format's (:func:`~index.formats.clean_line` per paragraph,
paragraphs split at blank lines). Truncated or malformed JSON is refused with the line and
column where it breaks.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from index.formats import (
    LoadError,
    Meta,
    Parsed,
    clean_line,
    iso_date,
    reflow,
    roster_from,
)
from rag.types import ROLES, RawTurn

log = logging.getLogger(__name__)

_MARKER = re.compile(r"\{[a-z_]+\}")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_TEXT_KEYS = ("content", "text", "utterance")
_SPEAKER_KEYS = ("speaker", "name")


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a JSON or JSON Lines transcript (a QMSum meeting is passed to :func:`parse_qmsum`)."""
    value = _load(text, path)
    if isinstance(value, dict) and "meeting_transcripts" in value:
        return _qmsum(value, path)
    if isinstance(value, dict):
        rows = value.get("turns", value.get("transcript"))
        parsed = Parsed(turns=_turns(rows, path, markers=False))
        parsed.title = clean_line(str(value["title"])) if value.get("title") else None
        parsed.date = iso_date(value.get("date"))
        parsed.source_url = value.get("source_url") or value.get("url")
        parsed.speakers = roster_from(value.get("speakers"), f"the 'speakers' of {path}")
        return parsed
    return Parsed(turns=_turns(value, path, markers=False))


def parse_qmsum(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a QMSum meeting file (``--format qmsum``)."""
    value = _load(text, path)
    if not isinstance(value, dict) or "meeting_transcripts" not in value:
        raise LoadError(f"{path} is not a QMSum meeting: expected an object with a "
                        "'meeting_transcripts' list")
    return _qmsum(value, path)


def _qmsum(value: dict, path: Path) -> Parsed:
    parsed = Parsed(turns=_turns(value["meeting_transcripts"], path, markers=True),
                    title=f"Meeting {path.stem}", format="qmsum")
    return parsed


def _load(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:3]):
            return _jsonl(lines, path)
        cut = text.rstrip()[-1:] not in ("]", "}")
        end = ": the file ends before the JSON does (is it truncated?)" if cut else ""
        what = exc.msg.removesuffix(" at")
        raise LoadError(f"{path} is not valid JSON ({what}, line {exc.lineno} column "
                        f"{exc.colno}){end}") from None


def _jsonl(lines: list[str], path: Path) -> list:
    rows = []
    for number, line in enumerate(lines, 1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise LoadError(f"{path} is not valid JSON Lines: line {number}: "
                            f"{exc.msg.removesuffix(' at')} (column {exc.colno})") from None
    return rows


def _turns(rows: Any, path: Path, *, markers: bool) -> list[RawTurn]:
    if not isinstance(rows, list):
        raise LoadError(f"{path} has no list of turns: expected [{{\"speaker\": …, "
                        f"\"content\": …}}, …] (got {type(rows).__name__})")
    turns = []
    for number, row in enumerate(rows, 1):
        speaker, text = _field(row, _SPEAKER_KEYS), _field(row, _TEXT_KEYS)
        if speaker is None or text is None:
            raise LoadError(f"turn {number} of {path} has no speaker or text: expected "
                            f"{{\"speaker\": …, \"content\": …}}, got {str(row)[:80]}")
        if markers:
            text = _MARKER.sub(" ", text)
        body = "\n\n".join(p for p in (reflow(part.splitlines())
                                       for part in _PARAGRAPHS.split(text)) if p)
        if not body or not clean_line(speaker):
            log.debug("%s: turn %d is empty; skipped", path, number)
            continue
        turns.append(RawTurn(clean_line(speaker), body, _page(row), _hint(row, markers)))
    return turns


def _field(row: Any, keys: tuple[str, ...]) -> str | None:
    if not isinstance(row, dict):
        return None
    value = next((row[k] for k in keys if k in row), None)
    return value if isinstance(value, str) else None


def _page(row: dict) -> int | None:
    page = row.get("page")
    return page if isinstance(page, int) and page >= 1 else None


def _hint(row: dict, qmsum: bool):
    role = row.get("role")
    return role if not qmsum and role in ROLES and role != "unknown" else None
