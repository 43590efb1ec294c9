"""Bad input, each a test: one clear message naming the file and the problem, a non-zero exit,
and the index byte-identical afterwards. In a folder, the good files still go in."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from snapshots import frozen

from ui.cli import main

GOOD = "Regular Press Conference on March 3, 2021\n\nXinhua: What about Libya?\n\n" \
       "Wang Wenbin: China supports the Arab League on the Libya issue.\n"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PODIUM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    good = tmp_path / "good" / "good.txt"
    good.parent.mkdir()
    good.write_text(GOOD)
    assert main(["ingest", str(good), "--no-progress"]) == 0
    return tmp_path / "home"


def refused(home: Path, capsys, path: Path, *extra: str) -> str:
    """Ingest ``path``; assert exit 1, one error naming it, the index unchanged; the error."""
    capsys.readouterr()
    before = frozen(home)
    code = main(["ingest", str(path), "--no-progress", *extra])
    _, err = capsys.readouterr()
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 1, err
    assert len(errors) == 1 and str(path) in errors[0], err
    assert frozen(home) == before
    return errors[0]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize(("name", "content", "expect"), [
    ("empty.txt", b"", "is empty"),
    ("blank.md", b" \n\t\n", "is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file (a PNG"),
    ("nul.txt", b"Li Xiao: hi\x00\x01\x02\x03" * 50, "binary file"),
    ("prose.txt", b"Just some prose.\nNo speakers at all here.\n", "no speaker labels"),
    ("notes.docx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(100), "a ZIP archive or Office"),
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    ("truncated.json", b'[{"speaker": "Li Xiao", "content": "We will', "is it truncated"),
    ("broken.jsonl", b'{"speaker": "A", "content": "x"}\n{"speaker": "B", "con', "line 2"),
    ("shape.json", b'{"hello": "world"}', "no list of turns"),
    ("scripts.html", b"<html><head><script>var a = 'Li Xiao: hi';</script></head><body>"
                     b"<p>Nothing but prose here.</p></body></html>", "no speaker labels"),
])
def test_unreadable_content_is_refused(home, tmp_path, capsys, name, content, expect):
    message = refused(home, capsys, write(tmp_path, name, content))
    assert expect in message


def test_undetectable_encoding(home, tmp_path, capsys):
    data = b"Li Xiao: " + b"a\x81b\x8dc\x90d\x9d" * 40 + b"\n"  # not UTF-8, GBK or cp1252
    message = refused(home, capsys, write(tmp_path, "odd.txt", data))
    assert "cannot tell the text encoding" in message and "save it as UTF-8" in message


def test_a_file_above_the_size_limit_is_refused_unread(home, tmp_path, capsys):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # 100 MB, sparse: refused from its size, never read
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    message = refused(home, capsys, big)
    assert "104.9 MB, above podium's limit of 21 MB" in message
    assert time.perf_counter() - started < 5


def test_a_single_ten_megabyte_line(home, tmp_path, capsys):
    line = "Li Xiao: " + "word " * (2 * 1024 * 1024)
    started = time.perf_counter()
    message = refused(home, capsys, write(tmp_path, "one-line.txt", line))
    assert "a paragraph of 10,485,7" in message and "is it a transcript?" in message
    assert time.perf_counter() - started < 20


def test_label_flood(home, tmp_path, capsys):
    lines = "\n".join(f"Item Number{i}: value {i}" for i in range(300))
    message = refused(home, capsys, write(tmp_path, "flood.txt", lines))
    assert "300 different speaker labels in 300 turns" in message


def test_duplicate_briefing_under_another_name(home, tmp_path, capsys):
    copy = write(tmp_path, "copy-of-good.txt", GOOD)
    message = refused(home, capsys, copy)
    assert "same content as" in message and "good.txt" in message


def test_unknown_format_and_unreadable_paths(home, tmp_path, capsys):
    good = tmp_path / "good" / "good.txt"
    from index.ingest import ingest
    from rag.settings import Settings

    report = ingest([good], Settings(home=home, model="hash", progress=False), fmt="pdf")
    assert report.failed and "unknown format 'pdf'" in report.failed[0][1]
    refused(home, capsys, tmp_path / "nowhere.txt")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert "no such file" in refused(home, capsys, link)
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert "no briefing files in folder" in refused(home, capsys, empty)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_permission_denied(home, tmp_path, capsys):
    locked = write(tmp_path, "locked.txt", GOOD.replace("Libya", "Chad"))
    locked.chmod(0)
    assert "permission denied" in refused(home, capsys, locked)


ANSWERS = {
    "gbk": "Thank you. The “two sessions” (两会) opened today in Beijing.",
    "gb18030": "Thank you. The “two sessions” (两会) opened today in Beijing.",
    "latin-1": "Nous avançons, et le café est prêt.",
    "cp1252": "Nous avançons — “vite”, et le café est prêt.",
    "utf-16": "Nous avançons — “vite” (两会).",  # the codec writes a BOM
    "utf-16-le": "Nous avançons — “vite” (两会).",  # no BOM: told by its NUL bytes
    "utf-8-sig": "Nous avançons — “vite” (两会).",
}


@pytest.mark.parametrize("encoding", sorted(ANSWERS))
def test_other_encodings_are_read_correctly(home, tmp_path, capsys, encoding):
    from rag.settings import Settings
    from rag.store import IndexReader

    text = f"Briefing in {encoding}\n\nLe Monde: Where are we?\n\nLi Xiao: {ANSWERS[encoding]}\n"
    path = write(tmp_path, f"{encoding}.txt", text.encode(encoding))
    capsys.readouterr()
    code = main(["ingest", str(path), "--no-progress", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    (added,) = json.loads(out)["added"]
    turns = IndexReader(Settings(home=home, model="hash")).turns(added["briefing"])
    assert [t.text for t in turns] == ["Where are we?", ANSWERS[encoding]]


def test_folder_with_good_and_bad_files(home, tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    write(folder, "a-good.txt", GOOD.replace("Libya", "Sudan"))
    write(folder, "b-empty.txt", b"")
    write(folder, "c-good.md", "Hua Chunying: The panda loan is a symbol of friendship.\n\n"
          "AFP: When will it end?\n\nHua Chunying: In ten years.\n")
    write(folder, "d-binary.txt", bytes(range(256)))
    write(folder, "e-notes.pdf", b"%PDF-1.4")  # not a briefing type: not even looked at
    capsys.readouterr()
    code = main(["ingest", str(folder), "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "added 2 briefing(s)" in out and "2 file(s) refused" in out
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "b-empty.txt" in errors[0] and "d-binary.txt" in errors[1]
