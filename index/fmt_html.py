"""The ``html`` format: briefing pages saved from the web, read with a real HTML parser.

Three kinds of page are known, and anything with paragraphs of labelled speech works:

- fmprc.gov.cn "Regular Press Conference" pages: the spokesperson is named in the title (or
  an ``index.jsonl``/sidecar); bold paragraphs are questions (:mod:`index.fmt_mfa`);
- China.org.cn article pages and english.scio.gov.cn pages of SCIO briefings: a label alone
  in its paragraph ("Li Xiao:") or at its start, a "Speakers:"/"Chairperson:" block on the
  first page, pagination "< 1 2 3 … 9 >" (read like plain text, :func:`index.fmt_text.
  parse_lines`);
- any other page: the element holding the most paragraph text is the article.

Scripts, styles, forms (the comment box), navigation, headers, footers, share bars and
iframes are dropped before anything is read; each ``<p>`` (split again at ``<br>``) is one
paragraph unit, *bold* when most of its text sits inside ``<b>``/``<strong>``. The title is
``h2.title``/``h1``/``<title>`` (without a trailing " - China.org.cn"); the page number and
count come from a pagination block whose current page is the number that is not a link; the
URL from ``<link rel="canonical">``/``og:url``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from index import fmt_mfa, fmt_text
from index.formats import SPOKESPERSON, Meta, Parsed, clean_line, find_date
from rag.types import Speaker

log = logging.getLogger(__name__)

_BOLD_TAGS = frozenset({"b", "strong"})
_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "form", "nav", "header",
              "footer", "aside", "select", "button", "svg"]
_DROP_ATTR = re.compile(r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|urhere|footer|header|share|"
                        r"comments?|sidebar|related|copyright|toolbar|tool|search|lang)"
                        r"($|[\s_-])", re.IGNORECASE)
_ARTICLE = ["div.content", "#articleBody", ".articleBody", "#artibody", ".TRS_Editor",
            "#content", "div.article", "article", "main"]
_SITE_SUFFIX = re.compile(r"\s*[-|_–—]+\s*(china\.org\.cn|scio|english\.scio\.gov\.cn|"
                          r"ministry of foreign affairs.*)$", re.IGNORECASE)
_PAGE_LINE = re.compile(r"^[<>\s\d.…‹›«»]+$")
_MFA_TITLE = re.compile(r"regular press conference", re.IGNORECASE)
BOLD_SHARE = 0.6  # a unit is a bold question when this share of its characters is bold


def parse(text: str, path: Path, meta: Meta) -> Parsed:
    """Read a briefing page."""
    soup = BeautifulSoup(text, "lxml")
    title = _title(soup)
    url = _canonical(soup)
    page, pages = _pagination(soup)
    dateline = _dateline(soup)
    _strip(soup)
    body = _article(soup)
    units = list(_units(body)) if body is not None else []
    found = fmt_mfa.SPOKESPERSON_IN_TITLE.match(meta.title or title or "")
    spokesperson = meta.spokesperson or (found["name"] if found else None)
    if spokesperson or _MFA_TITLE.search(meta.title or title or ""):
        parsed = Parsed(turns=fmt_mfa.turns(units, spokesperson or SPOKESPERSON))
        if spokesperson:
            office = found["office"] if found else None
            parsed.speakers[spokesperson] = Speaker(spokesperson, "official", office)
    else:
        lines = [line for unit, _ in units for line in (unit, "")]
        parsed = fmt_text.parse_lines(lines, path, replace(meta, page=meta.page or page),
                                      titled=title is None)
    parsed.title = title or parsed.title
    parsed.date = parsed.date or dateline or find_date(title) or _meta_date(soup)
    parsed.source_url = parsed.source_url or url
    parsed.page = meta.page or parsed.page or page
    parsed.pages = max(parsed.pages, pages or 1, parsed.page or 1)
    return parsed


def _title(soup: BeautifulSoup) -> str | None:
    for node in (soup.select_one("h2.title"), soup.select_one("h1"), soup.title):
        if node is not None and (title := clean_line(node.get_text(" "))):
            return _SITE_SUFFIX.sub("", title) or title
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    link = soup.select_one('link[rel="canonical"][href]')
    og = soup.select_one('meta[property="og:url"][content]')
    url = link["href"] if link else og["content"] if og else None
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def _dateline(soup: BeautifulSoup) -> str | None:
    """The date of a China.org.cn dateline ("China.org.cn, June 7, 2021") anywhere on the page."""
    for text in soup.find_all(string=fmt_text.DATELINE):
        if len(text) < 200 and (date := find_date(fmt_text.DATELINE.search(text).group(1))):
            return date
    return None


def _meta_date(soup: BeautifulSoup) -> str | None:
    for name in ("publishdate", "pubdate", "date", "article:published_time"):
        node = soup.find("meta", attrs={"name": name}) or soup.find("meta",
                                                                    attrs={"property": name})
        if node is not None and (date := find_date(str(node.get("content", "")))):
            return date
    return None


def _pagination(soup: BeautifulSoup) -> tuple[int | None, int | None]:
    """``(this page, page count)`` from a block of page links; removes the block."""
    candidates: dict[int, Tag] = {}
    for link in soup.find_all("a", string=re.compile(r"^\s*\d{1,3}\s*$")):
        for node in (link.parent, link.parent.parent if link.parent else None):
            if isinstance(node, Tag) and node.name not in ("html", "body"):
                candidates.setdefault(id(node), node)
    for node in candidates.values():
        text = clean_line(node.get_text(" "))
        numbers = [int(n) for n in re.findall(r"\d+", text)]
        if len(numbers) < 2 or len(text) > 80 or not _PAGE_LINE.match(text):
            continue
        links = {clean_line(a.get_text()) for a in node.find_all("a")}
        current = [n for n in numbers if str(n) not in links]
        node.decompose()
        return (current[0] if len(current) == 1 else None), max(numbers)
    return None, None


def _strip(soup: BeautifulSoup) -> None:
    for node in soup.find_all(_DROP_TAGS):
        node.decompose()
    for node in soup.find_all(True):
        if node.decomposed or node.name in ("html", "body"):
            continue
        attrs = " ".join([node.get("id") or "", *(node.get("class") or [])])
        if attrs.strip() and _DROP_ATTR.search(attrs) and not node.find("p", recursive=True):
            node.decompose()


def _article(soup: BeautifulSoup) -> Tag | None:
    for selector in _ARTICLE:
        node = soup.select_one(selector)
        if node is not None and node.find("p"):
            return node
    return _largest_block(soup) or soup.body


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
    blocks = body.find_all(["p", "h3", "h4"]) or [body]
    for block in blocks:
        if block is not body and block.find_parent("p") is not None:
            continue  # a nested <p> is read with its parent
        pieces: list[tuple[str, bool]] = []
        for node in block.descendants:
            if isinstance(node, Tag) and node.name == "br":
                yield from _unit(pieces)
                pieces = []
            elif _is_text(node):
                pieces.append((str(node), _is_bold(node, block)))
        yield from _unit(pieces)


def _unit(pieces: list[tuple[str, bool]]) -> Iterator[tuple[str, bool]]:
    text = clean_line("".join(piece for piece, _ in pieces))
    if not text:
        return
    total = sum(len(piece.strip()) for piece, _ in pieces)
    bold = sum(len(piece.strip()) for piece, is_bold in pieces if is_bold)
    yield text, total > 0 and bold >= BOLD_SHARE * total


def _is_text(node: object) -> bool:
    return isinstance(node, NavigableString) and not isinstance(node, Comment)


def _is_bold(node: NavigableString, block: Tag) -> bool:
    for parent in node.parents:
        if parent is block:
            return False
        if parent.name in _BOLD_TAGS:
            return True
    return False
