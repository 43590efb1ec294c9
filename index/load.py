"""Read briefing files into :class:`~rag.types.Transcript` records.

Entry points: :func:`load_file` (one file on disk), :func:`load_source` (one
:class:`~index.sources.SourceFile`, e.g. an archive member) and :func:`iter_files` (expand
folders). Formats (``format=`` forces one; otherwise the content decides, the extension breaks
ties): ``text`` (plain text, :mod:`index.fmt_text`), ``html`` (:mod:`index.fmt_html`),
``markdown`` with YAML front matter (:mod:`index.fmt_markdown`), ``json``/JSONL turn lists and
the ``qmsum`` meeting schema (:mod:`index.fmt_json`). Bytes are decoded by
:mod:`index.encoding` (size limit, binary sniffing, UTF-8/UTF-16/GBK/cp1252).

Whitespace normalisation, done here once, so that turn text is what quotes are sliced from:

- text is NFC; no-break and other unicode spaces and tabs become ' '; zero-width spaces, word
  joiners, BOMs and soft hyphens are removed; runs of spaces collapse to one;
- hard-wrapped lines of one paragraph are re-flowed, joined with a single space;
- paragraphs of one turn are separated by exactly "\\n\\n"; the text is stripped.

Punctuation (curly quotes, dashes) is kept as published.

Metadata beside a file ``x.txt`` overrides what the file says (see :mod:`index.meta`).

Briefing ids are stable, ``[a-z0-9-]``, ≤ 80 chars: ``{host}-{last URL path part}-{sha256(url)
[:6]}`` when the source URL is known (``fmprc-t1792107-…``), else ``{file stem}-{sha256(path)
[:8]}`` of the resolved path (``ARCHIVE!MEMBER`` inside an archive), so an edited file keeps
its id and replaces its turns. ``content_hash`` is the sha256 of the file's bytes: it spots the
same briefing saved under two names. :func:`fingerprint` also covers sidecars, the forced
format and :data:`PARSER_VERSION`: an unchanged fingerprint means nothing to re-read.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from index import fmt_html, fmt_json, fmt_markdown, fmt_text
from index.encoding import decode, read_limited
from index.formats import LoadError, Meta, Parsed, check_turns, clean_line
from index.meta import read_meta, sidecar_files
from index.sources import SourceFile, is_archive, is_briefing_name, walk
from rag.types import Briefing, Transcript

__all__ = ["LoadError", "load_file", "load_source", "iter_files", "detect_format",
           "briefing_id", "fingerprint", "FORMATS", "PARSER_VERSION"]

log = logging.getLogger(__name__)

PARSER_VERSION = 2  # bump when parsing changes what is stored: re-ingest then re-reads files
FORMATS: dict[str, Callable[[str, Path, Meta], Parsed]] = {
    "text": fmt_text.parse,
    "html": fmt_html.parse,
    "markdown": fmt_markdown.parse,
    "json": fmt_json.parse,
    "qmsum": fmt_json.parse_qmsum,
}
ALIASES = {"seed": "text", "txt": "text", "plain": "text", "mfa": "html", "htm": "html",
           "md": "markdown", "jsonl": "json"}
_EXPECTED = {
    "text": "expected lines like 'Name: text' or a label alone on its line ('Li Xiao:')",
    "html": "expected paragraphs like 'CCTV: question' / 'Zhao Lijian: answer', 'Q:' / 'A:', "
            "or a speaker label alone in a paragraph",
    "markdown": "expected lines like 'MS. PSAKI:  text' or 'Q    text' after the front matter",
    "json": "expected a list of {\"speaker\": …, \"content\": …} objects",
    "qmsum": "expected a 'meeting_transcripts' list of {\"speaker\", \"content\"}",
}
_HTML = re.compile(r"<(!doctype\s+html|html|head|body|p|div|article)\b", re.IGNORECASE)
_JSON = re.compile(r"\A\s*(\[\s*(\{|\]|\Z)|\{\s*(\"|\}|\Z))")


def iter_files(paths: list[Path]) -> list[Path]:
    """Briefing files in ``paths``: folders searched recursively, sorted, sidecars skipped.

    Archives are not listed (:class:`~index.sources.Sources` reads them)."""
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found.update(p for p in walk(path) if not is_archive(p))
        elif path.is_file():
            if is_briefing_name(path.name):
                found.add(path)
        else:
            raise LoadError(f"cannot read {path}: no such file or folder")
    return sorted(found)


def load_file(path: Path, *, format: str | None = None) -> Transcript:
    """Read one briefing file. Raises :class:`LoadError` naming the file and what was expected."""
    return load_source(SourceFile.of(Path(path)), format=format).transcript


@dataclass(frozen=True)
class Loaded:
    """One source read: its transcript, and the paragraphs before its first label (on a later
    page of a multi-page briefing, the end of a turn begun on the page before)."""

    source: SourceFile
    transcript: Transcript
    lead: tuple[str, ...] = ()
    page: int | None = None


def load_source(source: SourceFile, *, format: str | None = None,
                data: bytes | None = None) -> Loaded:
    """Read one source (``data``: its bytes, when already read)."""
    shown = Path(source.name)
    data = read_limited(source.path, shown=shown) if data is None else data
    text = decode(data, shown)
    fmt = detect_format(shown, text, format)
    meta = read_meta(source.path, shown)
    parsed = FORMATS[fmt](text, shown, meta)
    fmt = parsed.format or fmt
    if not parsed.turns:
        raise LoadError(f"no speaker labels found in {shown}: {_EXPECTED[fmt]}")
    check_turns(parsed.turns, shown)
    content_hash = hashlib.sha256(data).hexdigest()
    source_url = meta.source_url or parsed.source_url
    speakers = {**parsed.speakers, **meta.speakers}
    briefing = Briefing(
        id=briefing_id(source_url, shown, content_hash, path_key=source.key),
        title=meta.title or parsed.title or _humanise(shown.stem),
        date=meta.date or parsed.date,
        source_url=source_url,
        source_path=source.name,
        content_hash=content_hash,
        pages=meta.pages or parsed.pages,
        speakers=tuple(speakers.values()),
        format=fmt,
    )
    log.debug("%s: %s, %d turns", shown, fmt, len(parsed.turns))
    return Loaded(source, Transcript(briefing, tuple(parsed.turns)), tuple(parsed.lead),
                  meta.page or parsed.page)


def fingerprint(source: SourceFile, data: bytes, format: str | None = None,
                extra: str = "") -> str:
    """What decides the stored result of one file: its bytes, sidecars, format, parser, and
    ``extra`` (the writer's model and window size)."""
    digest = hashlib.sha256(f"podium-parser-{PARSER_VERSION}\0{format or ''}\0{extra}\0".encode())
    digest.update(hashlib.sha256(data).digest())
    for sidecar, content in sidecar_files(source.path):
        digest.update(f"\0{sidecar}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def detect_format(path: Path, text: str, format: str | None = None) -> str:
    """A name in :data:`FORMATS`: ``format`` if given, else by content and extension."""
    if format:
        name = ALIASES.get(format.lower(), format.lower())
        if name not in FORMATS:
            raise LoadError(f"unknown format {format!r} for {path}: expected one of "
                            f"{', '.join(FORMATS)}")
        return name
    suffix = path.suffix.lower()
    if fmt_markdown.split_front_matter(text, path)[0]:
        return "markdown"
    if _JSON.match(text) or (suffix in (".json", ".jsonl") and text.lstrip()[:1] in "[{"):
        return "json"
    if _HTML.search(text[:4096]) and "<" in text.lstrip()[:1] + text[:200]:
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "text"


def briefing_id(source_url: str | None, path: Path, content_hash: str,
                path_key: str | None = None) -> str:
    """A stable, readable id: from the source URL when known, else file stem + path hash."""
    if source_url:
        parts = urlsplit(source_url)
        host = [label for label in (parts.hostname or "").split(".") if label not in ("www", "m")]
        steps = [re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", p) for p in parts.path.split("/")]
        steps = [s for s in steps if s and s.lower() not in ("index", "default", "content")]
        base = _slug(f"{host[0] if host else ''}-{steps[-1] if steps else ''}")
        suffix = hashlib.sha256(source_url.encode()).hexdigest()[:6]
    else:
        key = path_key or str(path.expanduser().resolve())
        base, suffix = _slug(path.stem), hashlib.sha256(key.encode()).hexdigest()[:8]
    limit = 80 - len(suffix) - 1
    if len(base) > limit:  # cut at a word boundary
        base = base[:limit].rsplit("-", 1)[0] if "-" in base[:limit] else base[:limit]
    base = base.strip("-") or "briefing"
    return f"{base}-{suffix}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _humanise(stem: str) -> str:
    return clean_line(re.sub(r"[-_]+", " ", stem))
