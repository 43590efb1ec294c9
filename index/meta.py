"""What is known about a file from beside it: ``index.jsonl`` rows and sidecar files.

For a file ``x.txt``, in this order (last wins):

1. an ``index.jsonl`` in the file's folder or up to two folders above: the row whose
   ``html_file``/``file``/``path`` is the file's relative path, or whose ``id`` is ``x``
   (gives url, title, date, spokesperson);
2. ``x.meta.json``/``x.meta.yaml`` (``title``, ``date``, ``source_url``, ``spokesperson``,
   ``page``, ``pages``, ``speakers``: [{name, role, title}]);
3. ``x.speakers.yaml``/``.json`` (name → role, or name → {role, title}): the roster, which
   overrides podium's guesses.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from index.formats import LoadError, Meta, clean_line, iso_date, roster_from

log = logging.getLogger(__name__)

META_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
SPEAKER_SUFFIXES = (".speakers.yaml", ".speakers.yml", ".speakers.json")
_META_KEYS = {"title", "date", "source_url", "url", "spokesperson", "page", "pages", "speakers"}


def _stem(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] if path.suffix else path.name)


def _first(path: Path, suffixes: tuple[str, ...]) -> Path | None:
    stem = _stem(path)
    return next((p for s in suffixes if (p := stem.with_name(stem.name + s)).is_file()), None)


def sidecar_files(path: Path) -> list[tuple[str, bytes]]:
    """The sidecars and index row that :func:`read_meta` would use, as ``(name, bytes)``."""
    found = [(p.name, p.read_bytes()) for s in (META_SUFFIXES, SPEAKER_SUFFIXES)
             if (p := _first(path, s)) is not None]
    row = _index_row(path)
    if row:
        found.append(("index.jsonl", json.dumps(row, sort_keys=True, default=str).encode()))
    return found


def read_meta(path: Path, shown: Path | None = None) -> Meta:
    """What index.jsonl rows and sidecar files say about ``path`` (see the module docstring)."""
    meta = Meta()
    row = _index_row(path)
    if row:
        _apply(meta, {**row, "speakers": None}, f"the index.jsonl row for {shown or path}")
    sidecar = _first(path, META_SUFFIXES)
    if sidecar:
        _apply(meta, _read_mapping(sidecar), str(sidecar))
    sidecar = _first(path, SPEAKER_SUFFIXES)
    if sidecar:
        meta.speakers.update(roster_from(_read_mapping(sidecar), str(sidecar)))
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
    if not isinstance(value, dict) and not path.name.endswith(SPEAKER_SUFFIXES):
        raise LoadError(f"bad sidecar {path}: expected a mapping like "
                        "{title: …, date: YYYY-MM-DD, source_url: …, speakers: [...]}")
    return value


def _index_row(path: Path) -> dict[str, Any] | None:
    resolved = path.resolve()
    for folder in list(resolved.parents)[:3]:
        index = folder / "index.jsonl"
        if index.is_file():
            by_path, by_id = _index_rows(str(index), index.stat().st_mtime_ns)
            row = by_path.get(str(resolved)) or by_id.get(path.stem)
            if row:
                return row
    return None


@lru_cache(maxsize=32)
def _index_rows(index: str, mtime_ns: int) -> tuple[dict[str, dict], dict[str, dict]]:
    """The rows of one index.jsonl by resolved file path and by id."""
    folder = Path(index).parent
    by_path: dict[str, dict] = {}
    by_id: dict[str, dict] = {}
    for number, line in enumerate(Path(index).read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line) if line.strip() else None
        except json.JSONDecodeError as exc:
            log.warning("%s line %d is not JSON (%s); skipped", index, number, exc.msg)
            continue
        if not isinstance(row, dict):
            continue
        relative = row.get("html_file") or row.get("file") or row.get("path")
        if isinstance(relative, str):
            by_path.setdefault(str((folder / relative).resolve()), row)
        if isinstance(row.get("id"), str):
            by_id.setdefault(row["id"], row)
    return by_path, by_id
