"""The ``mfa`` format: Chinese Foreign Ministry "Regular Press Conference" HTML pages.

The article body is ``div.content`` (else the element holding the most ``<p>`` text). Each
``<p>``, split again at ``<br>``, is one paragraph unit; a unit is *bold* when most of its text
sits inside ``<b>``/``<strong>``. Two layouts, often mixed on one page:

- ``CCTV: question`` (bold) / ``Zhao Lijian: answer``: the label is the speaker;
- ``Q: question`` (bold) / ``A: answer``: ``Q`` is "Journalist", ``A`` the spokesperson named in
  the title ("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on …").

``Follow-up:`` is the last journalist again. Unlabelled units continue the current turn, except
that text before the first label, after a ``***`` separator, or right after a bold question is
a new spokesperson turn, and an unlabelled bold unit is a new journalist question. Image-only
and empty paragraphs are skipped. Role hints: bold → journalist, the spokesperson → official.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from index.formats import (
    JOURNALIST,
    SPOKESPERSON,
    Meta,
    Parsed,
    TurnBuilder,
    clean_line,
    find_date,
    has_text,
    resolve_label,
    split_label,
)
from rag.types import Speaker

log = logging.getLogger(__name__)

_BOLD_TAGS = frozenset({"b", "strong"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
_SPOKESPERSON_IN_TITLE = re.compile(
    r"^(?P<office>.*?Spokesperson)\s+(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['’]s\b"
)
BOLD_SHARE = 0.6  # a unit is a bold question when this share of its characters is bold


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read an MFA press-conference page."""
    soup = BeautifulSoup(text, "lxml")
    title = _title(soup)
    body = soup.select_one("div.content") or _largest_block(soup)
    found = _SPOKESPERSON_IN_TITLE.match(meta.title or title or "")
    spokesperson = meta.spokesperson or (found["name"] if found else None)
    turns = _turns(_units(body), spokesperson or SPOKESPERSON) if body else []
    speakers = {}
    if spokesperson:
        office = found["office"] if found else None
        speakers[spokesperson] = Speaker(spokesperson, "official", office)
    return Parsed(turns=turns, title=title, date=find_date(title), speakers=speakers)


def _title(soup: BeautifulSoup) -> str | None:
    for node in (soup.select_one("h2.title"), soup.title):
        if node is not None and clean_line(node.get_text()):
            return clean_line(node.get_text())
    return None


def _largest_block(soup: BeautifulSoup) -> Tag | None:
    """The element whose direct ``<p>`` children hold the most text."""
    best, best_size = None, 0
    for parent in {p.parent for p in soup.find_all("p") if p.parent is not None}:
        size = sum(len(p.get_text()) for p in parent.find_all("p", recursive=False))
        if size > best_size:
            best, best_size = parent, size
    return best


def _units(body: Tag) -> Iterator[tuple[str, bool]]:
    """``(text, bold)`` for each paragraph unit: a ``<p>`` split at ``<br>``."""
    blocks = body.find_all("p") or [body]
    for block in blocks:
        if block is not body and block.find_parent("p") is not None:
            continue  # a nested <p> is read with its parent
        pieces: list[tuple[str, bool]] = []
        for node in block.descendants:
            if isinstance(node, Tag) and node.name == "br":
                yield from _unit(pieces)
                pieces = []
            elif _is_text(node, block):
                pieces.append((str(node), _is_bold(node, block)))
        yield from _unit(pieces)


def _unit(pieces: list[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    text = clean_line("".join(piece for piece, _ in pieces))
    if not text:
        return
    total = sum(len(piece.strip()) for piece, _ in pieces)
    bold = sum(len(piece.strip()) for piece, is_bold in pieces if is_bold)
    yield text, total > 0 and bold >= BOLD_SHARE * total


def _is_text(node: object, block: Tag) -> bool:
    if not isinstance(node, NavigableString) or isinstance(node, Comment):
        return False
    return not any(p.name in _SKIP_TAGS for p in node.parents if p is not block)


def _is_bold(node: NavigableString, block: Tag) -> bool:
    for parent in node.parents:
        if parent is block:
            return False
        if parent.name in _BOLD_TAGS:
            return True
    return False


def _turns(units: Iterator[tuple[str, bool]], spokesperson: str) -> list:
    builder = TurnBuilder()
    question_from_bold = False  # the open turn is a question read from bold text
    labelled = False  # a page without any label is not a transcript
    for text, bold in units:
        if not has_text(text):  # "***", "※※※": ends the current turn
            builder.close()
            question_from_bold = False
            continue
        hit = split_label(text)
        if hit:
            labelled = True
            speaker, hint = resolve_label(
                hit[0], spokesperson=spokesperson, last_journalist=builder.last_journalist
            )
            if speaker == spokesperson:
                hint = "official"
            elif hint is None and bold:
                hint = "journalist"
            builder.start(speaker, hint)
            question_from_bold = bold and hint == "journalist"
            builder.add_paragraph(hit[1])
            continue
        if bold and not question_from_bold:
            builder.start(JOURNALIST, "journalist")
            question_from_bold = True
        elif not bold and (not builder.open or question_from_bold):
            builder.start(spokesperson, "official")
            question_from_bold = False
        builder.add_paragraph(text)
    builder.close()
    return builder.turns if labelled else []
