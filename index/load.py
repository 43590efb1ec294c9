"""Read briefing files into :class:`~rag.types.Transcript` records.

Entry points: :func:`load_file` (one file) and :func:`iter_files` (expand folders). Formats:
``seed`` (plain text, ``.txt``), ``mfa`` (HTML, ``.html``/``.htm``) and ``markdown`` (YAML
front matter, ``.md``); the content decides (front matter → markdown, an HTML document → mfa),
the extension breaks ties. ``format=`` forces one.

Whitespace normalisation, done here once, so that turn text is what quotes are sliced from:

- text is NFC; no-break and other unicode spaces and tabs become ' '; zero-width spaces, word
  joiners, BOMs and soft hyphens are removed; runs of spaces collapse to one;
- hard-wrapped lines of one paragraph are re-flowed, joined with a single space;
- paragraphs of one turn are separated by exactly "\\n\\n"; the text is stripped.

Punctuation (curly quotes, dashes) is kept as published.

Metadata beside a file ``x.txt`` overrides what the file says, in this order (last wins): an
``index.jsonl`` in the file's folder or up to two folders above (row with ``html_file``/``file``
= the file's relative path, or ``id`` = ``x``; gives url, title, date, spokesperson), then
``x.meta.json``/``x.meta.yaml`` (``title``, ``date``, ``source_url``, ``spokesperson``,
``page``, ``pages``, ``speakers``: [{name, role, title}]), then ``x.speakers.yaml``/``.json``
(name → role, or name → {role, title}).

Briefing ids are stable, ``[a-z0-9-]``, ≤ 80 chars: ``{host}-{last URL path part}-{sha256(url)
[:6]}`` when the source URL is known (``fmprc-t1792107-…``), else ``{file stem}-{sha256(resolved
path)[:8]}``, so an edited file keeps its id and replaces its turns. ``content_hash`` is the
sha256 of the file's bytes: it tells unchanged from changed, and spots the same briefing
saved under two names.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from index import fmt_html, fmt_markdown, fmt_text
from index.formats import LoadError, Meta, Parsed, clean_line, iso_date, roster_from
from rag.types import Briefing, Transcript

__all__ = ["LoadError", "load_file", "iter_files", "detect_format", "briefing_id", "FORMATS"]

log = logging.getLogger(__name__)

FORMATS: dict[str, Callable[[str, Path, Meta], Parsed]] = {
    "seed": fmt_text.parse,
    "mfa": fmt_html.parse,
    "markdown": fmt_markdown.parse,
}
_ALIASES = {"text": "seed", "txt": "seed", "plain": "seed", "html": "mfa", "htm": "mfa",
            "md": "markdown"}
_BY_SUFFIX = {".txt": "seed", ".html": "mfa", ".htm": "mfa", ".md": "markdown"}
SUFFIXES = tuple(_BY_SUFFIX)
_EXPECTED = {
    "seed": "expected lines like 'Name: text' or a label alone on its line ('Li Xiao:')",
    "mfa": "expected paragraphs like 'CCTV: question' / 'Zhao Lijian: answer' or 'Q:' / 'A:'",
    "markdown": "expected lines like 'MS. PSAKI:  text' or 'Q    text' after the front matter",
}
_SIDECARS = (".speakers.yaml", ".speakers.yml", ".speakers.json", ".meta.json", ".meta.yaml",
             ".meta.yml")
_NOT_BRIEFINGS = re.compile(r"^(readme|license|licence|copying|notice|changelog)(\..*)?$|"
                            r"^index\.jsonl$", re.IGNORECASE)
_HTML = re.compile(r"<(!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_META_KEYS = {"title", "date", "source_url", "url", "spokesperson", "page", "pages", "speakers"}


def iter_files(paths: list[Path]) -> list[Path]:
    """Briefing files in ``paths``: folders searched recursively, sorted, sidecars skipped."""
    found: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            found.update(
                p for p in path.rglob("*")
                if p.is_file() and _is_briefing(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES and not path.name.lower().endswith(_SIDECARS):
                found.add(path)
        else:
            raise LoadError(f"cannot read {path}: no such file or folder")
    return sorted(found)


def _is_briefing(path: Path) -> bool:
    name = path.name.lower()
    return (path.suffix.lower() in SUFFIXES and not name.endswith(_SIDECARS)
            and not _NOT_BRIEFINGS.match(name))


def load_file(path: Path, *, format: str | None = None) -> Transcript:
    """Read one briefing file. Raises :class:`LoadError` naming the file and what was expected."""
    path = Path(path)
    data = _read_bytes(path)
    text = decode(data, path)
    fmt = detect_format(path, text, format)
    meta = read_meta(path)
    parsed = FORMATS[fmt](text, path, meta)
    if not parsed.turns:
        raise LoadError(f"no speaker labels found in {path}: {_EXPECTED[fmt]}")
    content_hash = hashlib.sha256(data).hexdigest()
    source_url = meta.source_url or parsed.source_url
    speakers = {**parsed.speakers, **meta.speakers}
    briefing = Briefing(
        id=briefing_id(source_url, path, content_hash),
        title=meta.title or parsed.title or _humanise(path.stem),
        date=meta.date or parsed.date,
        source_url=source_url,
        source_path=str(path),
        content_hash=content_hash,
        pages=meta.pages or parsed.pages,
        speakers=tuple(speakers.values()),
        format=fmt,
    )
    log.debug("%s: %s, %d turns", path, fmt, len(parsed.turns))
    return Transcript(briefing=briefing, turns=tuple(parsed.turns))


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise LoadError(f"{path} is a folder: load_file expects one briefing file "
                        "(use iter_files to list the files in a folder)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError(f"{path} is empty: expected a briefing transcript")
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM allowed; UTF-16 with a BOM too), else cp1252/latin-1 if it reads as text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise LoadError(f"{path} looks like a binary file (it contains NUL bytes): "
                        "expected a text, HTML or Markdown transcript")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                log.warning("%s is not UTF-8 (%s); read it as %s", path, exc.reason, encoding)
                return text
        raise LoadError(f"{path} looks like a binary file: not UTF-8 ({exc.reason} at byte "
                        f"{exc.start}) and not readable as cp1252 text") from exc


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls <= len(text) // 100


def detect_format(path: Path, text: str, format: str | None = None) -> str:
    """``seed``, ``mfa`` or ``markdown``: ``format`` if given, else by content and extension."""
    if format:
        name = _ALIASES.get(format.lower(), format.lower())
        if name not in FORMATS:
            raise LoadError(f"unknown format {format!r} for {path}: expected one of "
                            f"{', '.join(FORMATS)}")
        return name
    suffix = path.suffix.lower()
    if suffix not in _BY_SUFFIX:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'!r} for {path}: "
                        f"expected one of {', '.join(SUFFIXES)} (or pass format=)")
    if fmt_markdown.split_front_matter(text, path)[0]:
        return "markdown"
    if _HTML.search(text[:4096]):
        return "mfa"
    return _BY_SUFFIX[suffix]


def briefing_id(source_url: str | None, path: Path, content_hash: str) -> str:
    """A stable, readable id: from the source URL when known, else file stem + path hash."""
    if source_url:
        parts = urlsplit(source_url)
        host = [label for label in (parts.hostname or "").split(".") if label not in ("www", "m")]
        steps = [re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", p) for p in parts.path.split("/")]
        steps = [s for s in steps if s and s.lower() not in ("index", "default", "content")]
        base = _slug(f"{host[0] if host else ''}-{steps[-1] if steps else ''}")
        suffix = hashlib.sha256(source_url.encode()).hexdigest()[:6]
    else:
        path_key = str(path.expanduser().resolve())
        base, suffix = _slug(path.stem), hashlib.sha256(path_key.encode()).hexdigest()[:8]
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


# --- metadata beside the file ------------------------------------------------------------------


def read_meta(path: Path) -> Meta:
    """What index.jsonl rows and sidecar files say about ``path`` (see the module docstring)."""
    meta = Meta()
    row = _index_row(path)
    if row:
        _apply(meta, {**row, "speakers": None}, f"the index.jsonl row for {path}")
    stem = path.with_name(path.name[: -len(path.suffix)] if path.suffix else path.name)
    for suffix in (".meta.json", ".meta.yaml", ".meta.yml"):
        sidecar = stem.with_name(stem.name + suffix)
        if sidecar.is_file():
            _apply(meta, _read_mapping(sidecar), str(sidecar))
            break
    for suffix in (".speakers.yaml", ".speakers.yml", ".speakers.json"):
        sidecar = stem.with_name(stem.name + suffix)
        if sidecar.is_file():
            meta.speakers.update(roster_from(_read_mapping(sidecar), str(sidecar)))
            break
    return meta


def _apply(meta: Meta, values: dict[str, Any], where: str) -> None:
    unknown = set(values) - _META_KEYS
    if unknown and not where.startswith("the index.jsonl"):
        log.warning("ignoring unknown keys %s in %s", sorted(unknown), where)
    if values.get("title"):
        meta.title = clean_line(str(values["title"]))
    if values.get("date"):
        meta.date = iso_date(values["date"])
        if meta.date is None:
            raise LoadError(f"bad date {values['date']!r} in {where}: expected YYYY-MM-DD")
    meta.source_url = values.get("source_url") or values.get("url") or meta.source_url
    meta.spokesperson = values.get("spokesperson") or meta.spokesperson
    for key in ("page", "pages"):
        if values.get(key) is not None:
            if not isinstance(values[key], int) or values[key] < 1:
                raise LoadError(f"bad {key} {values[key]!r} in {where}: expected a number ≥ 1")
            setattr(meta, key, values[key])
    meta.speakers.update(roster_from(values.get("speakers"), where))


def _read_mapping(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
        value = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise LoadError(f"cannot read sidecar {path}: {exc}") from exc
    if not isinstance(value, dict) and not path.name.endswith((".speakers.yaml", ".speakers.yml",
                                                                 ".speakers.json")):
        raise LoadError(f"bad sidecar {path}: expected a mapping like "
                        "{title: …, date: YYYY-MM-DD, source_url: …, speakers: [...]}")
    return value


def _index_row(path: Path) -> dict[str, Any] | None:
    resolved = path.resolve()
    for folder in list(resolved.parents)[:3]:
        index = folder / "index.jsonl"
        if not index.is_file():
            continue
        for row in _index_rows(str(index), index.stat().st_mtime_ns):
            relative = row.get("html_file") or row.get("file") or row.get("path")
            if row.get("id") == path.stem or (
                isinstance(relative, str) and (folder / relative).resolve() == resolved
            ):
                return row
    return None


@lru_cache(maxsize=32)
def _index_rows(index: str, mtime_ns: int) -> tuple[dict[str, Any], ...]:
    rows = []
    for number, line in enumerate(Path(index).read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line) if line.strip() else None
        except json.JSONDecodeError as exc:
            log.warning("%s line %d is not JSON (%s); skipped", index, number, exc.msg)
            continue
        if isinstance(row, dict):
            rows.append(row)
    return tuple(rows)
