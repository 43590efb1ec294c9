"""Bytes → text: size limit, binary sniffing and text-encoding detection.

:func:`read_limited` refuses files above :data:`MAX_FILE_BYTES` before reading them, so a
huge file never reaches memory. :func:`decode` tries, in order:

1. a byte-order mark: UTF-8, UTF-16 LE/BE (UTF-32 too);
2. UTF-16 without a BOM, when every other byte is NUL (as in ASCII-heavy UTF-16 text);
3. UTF-8;
4. the charset an HTML page declares (``<meta charset="gb2312">``), if it decodes cleanly;
5. GB18030 (a superset of GBK/GB2312) when it decodes cleanly *and* the non-ASCII bytes come
   in pairs, as Chinese characters and full-width punctuation do;
6. cp1252 (Windows Latin-1), then ISO-8859-1, when the result reads as text.

Anything with NUL bytes that is not UTF-16, or with a known binary signature (PDF, ZIP/Office,
images, gzip), is refused as binary; text that no step reads cleanly is refused naming the
encodings tried. Every error names the file and what to do.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from index.formats import LoadError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # one briefing file; the largest real one is ~0.5 MB
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = {
    b"%PDF": "a PDF document", b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip file", b"\xd0\xcf\x11\xe0": "an old Office document",
    b"{\\rtf": "an RTF document", b"\x7fELF": "a program",
}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]{2,30})",
                           re.IGNORECASE)
_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # controls but tab, line breaks


def read_limited(path: Path, *, shown: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes; refuses missing, unreadable, empty and oversized files.

    ``shown`` is the name used in messages (an archive member's, say); default ``path``."""
    name = shown or path
    try:
        size = path.stat().st_size
        if size > limit:
            raise LoadError(
                f"{name} is {size / 1e6:.1f} MB, above podium's limit of {limit / 1e6:.0f} MB "
                "per briefing file: split it into one file per briefing "
                "(or raise index.encoding.MAX_FILE_BYTES)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise LoadError(f"cannot read {name}: no such file") from None
    except IsADirectoryError:
        raise LoadError(f"{name} is a folder: expected one briefing file") from None
    except PermissionError:
        raise LoadError(f"cannot read {name}: permission denied (check the file's "
                        "permissions)") from None
    except OSError as exc:
        raise LoadError(f"cannot read {name}: {exc.strerror or exc}") from exc
    if len(data) > limit:  # grew while we read it, or stat lied (a pipe)
        raise LoadError(f"{name} is larger than podium's limit of {limit / 1e6:.0f} MB")
    if not data.strip():
        raise LoadError(f"{name} is empty: expected a briefing transcript")
    return data


def binary_kind(data: bytes) -> str | None:
    """What a known binary signature says the bytes are, else None."""
    return next((kind for magic, kind in _SIGNATURES.items() if data.startswith(magic)), None)


def decode(data: bytes, path: Path) -> str:
    """The text of ``data`` (see the module docstring for the order of attempts)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, path)
    kind = binary_kind(data)
    if kind:
        raise LoadError(f"{path} looks like a binary file ({kind}), not a transcript: save it "
                        "as text, HTML, Markdown or JSON first")
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _strict(data, utf16, path)
        raise LoadError(f"{path} looks like a binary file (it contains NUL bytes): "
                        "expected a text, HTML, Markdown or JSON transcript")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    for encoding in _candidates(data):
        text = _try(data, encoding)
        if text is not None and _looks_like_text(text):
            log.warning("%s is %s; read it as %s", path, reason, encoding)
            return text
    raise LoadError(f"cannot tell the text encoding of {path}: {reason}, and not readable as "
                    "GB18030/GBK or cp1252 text: save it as UTF-8")


def _candidates(data: bytes) -> list[str]:
    found = _META_CHARSET.search(data[:4096])
    declared = [found.group(1).decode("ascii").lower()] if found else []
    chinese = ["gb18030"] if _paired_high_bytes(data) else []
    return [*declared, *chinese, "cp1252", "latin-1"]


def _paired_high_bytes(data: bytes) -> bool:
    """Non-ASCII bytes in runs of even length (two bytes per GBK character)."""
    runs = [len(m) for m in _HIGH_RUN.findall(data)]
    return bool(runs) and sum(1 for n in runs if n % 2 == 0) >= 0.9 * len(runs)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path} starts like {encoding.upper()} text but is not valid "
                        f"{encoding.upper()} ({exc.reason} at byte {exc.start}): save it as "
                        "UTF-8") from exc


def _looks_like_text(text: str) -> bool:
    return len(_CONTROL.findall(text)) <= len(text) // 100
