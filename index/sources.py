"""Which files an ingest reads: files, folders, and ``.zip``/``.tar(.gz)`` archives of them.

:class:`Sources` expands the paths a user gives into :class:`SourceFile` records, in a stable
order, and collects what cannot be read as ``failed`` ``(name, message)`` pairs instead of
raising, so that one bad path never stops the good ones. Archives are streamed member by
member into a private temporary folder (deleted on :meth:`Sources.close`) with their folder
structure, so sidecars and ``index.jsonl`` files inside an archive still sit beside their
transcripts. A member is refused, never written, when its name is absolute or climbs out of
the archive (``..``), when it is a link or device, or when it is larger than
:data:`~index.encoding.MAX_FILE_BYTES`; an archive that unpacks to more than
:data:`MAX_ARCHIVE_BYTES` is refused from that member on.

A member is named ``ARCHIVE!MEMBER`` in messages and records (``source_path``), and its
identity (for path-based briefing ids) is the archive's resolved path plus the member name, so
re-ingesting the same archive gives the same ids.
"""

from __future__ import annotations

import logging
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from index.encoding import MAX_FILE_BYTES
from index.formats import LoadError

log = logging.getLogger(__name__)

MAX_ARCHIVE_BYTES = 2 * 1024**3  # unpacked size of one archive
BRIEFING_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown", ".json", ".jsonl")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
SIDECAR_SUFFIXES = (".speakers.yaml", ".speakers.yml", ".speakers.json", ".meta.json",
                    ".meta.yaml", ".meta.yml")
_NOT_BRIEFINGS = {"readme", "license", "licence", "copying", "notice", "changelog"}


@dataclass(frozen=True)
class SourceFile:
    """One file to read: ``path`` holds the bytes, ``name`` is what to call it."""

    path: Path
    name: str
    key: str  # stable identity: the resolved path, or resolved archive path + "!" + member

    @classmethod
    def of(cls, path: Path) -> SourceFile:
        return cls(path, str(path), str(path.expanduser().resolve()))


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def is_briefing_name(name: str) -> bool:
    """A transcript by its name: a known suffix, not a sidecar, README, LICENSE or index."""
    lower = PurePosixPath(name).name.lower()
    stem = lower.split(".", 1)[0]
    return (lower.endswith(BRIEFING_SUFFIXES) and not is_sidecar(lower)
            and stem not in _NOT_BRIEFINGS and lower != "index.jsonl")


def _wanted_member(name: str) -> bool:
    lower = name.lower()
    return is_briefing_name(name) or is_sidecar(lower) or PurePosixPath(lower).name == "index.jsonl"


def walk(folder: Path) -> list[Path]:
    """Transcripts and archives under ``folder``, recursively, sorted; hidden parts skipped."""
    found = []
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        if any(part.startswith(".") for part in parts) or not path.is_file():
            continue
        if is_briefing_name(path.name) or is_archive(path):
            found.append(path)
    return sorted(found)


class Sources:
    """The files behind ``paths``; use as a context manager (archives unpack to a temp dir)."""

    def __init__(self, paths: list[Path]) -> None:
        self.files: list[SourceFile] = []
        self.failed: list[tuple[str, str]] = []
        self._tmp: Path | None = None
        for path in map(Path, paths):
            self._add(path, explicit=True)

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def _add(self, path: Path, explicit: bool) -> None:
        if path.is_dir():
            found = walk(path)
            if not found:
                self.failed.append((str(path), f"no briefing files in folder {path}: expected "
                                    f"{', '.join(BRIEFING_SUFFIXES)} files or archives"))
            for child in found:
                self._add(child, explicit=False)
        elif not path.exists():
            self.failed.append((str(path), f"cannot read {path}: no such file or folder"))
        elif is_archive(path):
            self._unpack(path)
        elif is_sidecar(path.name) or path.name.lower() == "index.jsonl":
            log.debug("%s is read beside its transcript, not on its own", path)
        elif explicit or is_briefing_name(path.name):
            self.files.append(SourceFile.of(path))

    # -- archives -------------------------------------------------------------------------
    def _unpack(self, archive: Path) -> None:
        if self._tmp is None:
            self._tmp = Path(tempfile.mkdtemp(prefix="podium-archive-"))
        target = Path(tempfile.mkdtemp(dir=self._tmp))
        key = str(archive.expanduser().resolve())
        before = len(self.files)
        try:
            members = _zip_members(archive) if archive.suffix.lower() == ".zip" else \
                _tar_members(archive)
            self._extract(archive, key, target, members)
        except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError) as exc:
            self.failed.append((str(archive), f"cannot read archive {archive}: {exc} (is it "
                                "a complete .zip or .tar.gz file?)"))
            return
        if len(self.files) == before and not any(n.startswith(f"{archive}!")
                                                  for n, _ in self.failed):
            self.failed.append((str(archive), f"no briefing files in archive {archive}: "
                                f"expected {', '.join(BRIEFING_SUFFIXES)} members"))

    def _extract(self, archive: Path, key: str, target: Path, members) -> None:
        total = 0
        for name, kind, size, opener in members:
            shown = f"{archive}!{name}"
            if kind == "dir" or not _wanted_member(name):
                continue
            problem = _unsafe(name, kind, size)
            if problem:
                self.failed.append((shown, f"refused member {shown}: {problem}"))
                continue
            total += size
            if total > MAX_ARCHIVE_BYTES:
                self.failed.append((shown, f"refused {shown}: the archive unpacks to more than "
                                    f"{MAX_ARCHIVE_BYTES / 1e9:.0f} GB"))
                return
            dest = target.joinpath(*PurePosixPath(name).parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            try:
                _copy_limited(opener(), dest, shown)
            except LoadError as exc:
                self.failed.append((shown, str(exc)))
                continue
            if is_briefing_name(name):
                self.files.append(SourceFile(dest, shown, f"{key}!{name}"))


def _unsafe(name: str, kind: str, size: int) -> str | None:
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or (parts and ":" in parts[0]) or ".." in parts:
        return "its path leaves the archive (absolute or '..'); podium never writes there"
    if kind != "file":
        return f"it is a {kind}, not a regular file"
    if size > MAX_FILE_BYTES:
        return (f"it is {size / 1e6:.1f} MB, above podium's limit of "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB per briefing file")
    return None


def _copy_limited(stream: IO[bytes], dest: Path, shown: str) -> None:
    written = 0
    with stream, dest.open("wb") as out:
        while chunk := stream.read(1 << 20):
            written += len(chunk)
            if written > MAX_FILE_BYTES:
                out.close()
                dest.unlink()
                raise LoadError(f"refused member {shown}: larger than podium's limit of "
                                f"{MAX_FILE_BYTES / 1e6:.0f} MB per briefing file")
            out.write(chunk)


def _tar_members(archive: Path) -> Iterator[tuple]:
    with tarfile.open(archive, mode="r|*") as tar:  # a stream: members in order, no seeking
        for member in tar:
            kind = ("file" if member.isreg() else "dir" if member.isdir() else
                    "link" if member.issym() or member.islnk() else "device or fifo")
            yield member.name, kind, member.size, lambda m=member: tar.extractfile(m)


def _zip_members(archive: Path) -> Iterator[tuple]:
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            mode = info.external_attr >> 16
            kind = ("dir" if info.is_dir() else "link" if stat.S_ISLNK(mode) else "file")
            yield info.filename, kind, info.file_size, lambda i=info: zf.open(i)
