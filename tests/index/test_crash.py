"""Crash safety: SIGKILL an ingest at named points, re-run it, get exactly the clean index.

The ingest runs in a subprocess with ``PODIUM_KILL_AT`` naming the point where it kills
itself (:mod:`index.faults`), small write batches (so "the second batch" exists) and the hash
embedder. The re-run happens in this process. Equal means every row of every table (but the
ingest time), every Chroma id, vector, document and metadata, and every BM25 file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from snapshots import snapshot

from index.ingest import ingest, remove
from rag.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
REPO = Path(__file__).resolve().parents[2]
RUNNER = """
import sys
import index.ingest as ingest
ingest.BATCH_TURNS = 3  # several write batches even for the tiny corpus
from ui.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(FIXTURES, folder / "ingest")
    return folder / "ingest"


def settings(home: Path) -> Settings:
    return Settings(home=home, model="hash", progress=False)


def killed(home: Path, point: str, *argv: str) -> None:
    """Run ``podium ARGV`` in a subprocess that SIGKILLs itself at ``point``."""
    env = {**os.environ, "PODIUM_HOME": str(home), "PODIUM_MODEL": "hash",
           "PODIUM_PROGRESS": "false", "PODIUM_KILL_AT": point}
    done = subprocess.run([sys.executable, "-c", RUNNER, *argv], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr[-2000:])


def clean_build(home: Path, corpus: Path) -> dict:
    report = ingest([corpus], settings(home))
    assert not report.failed and len(report.added) == 8
    return snapshot(home)


@pytest.fixture(scope="module")
def clean(tmp_path_factory, corpus) -> dict:
    return clean_build(tmp_path_factory.mktemp("clean"), corpus)


@pytest.mark.parametrize("point", [
    "sqlite-commit",  # first batch committed, Chroma untouched
    "chroma-upsert:2",  # second batch half in Chroma
    "chroma-done:3",  # third batch in Chroma, its pending rows not cleared
    "batch-done:2",  # between batches
    "bm25-tmp",  # everything written, new BM25 beside the old
    "bm25-swap",  # old BM25 moved away, new one not yet in place
])
def test_killed_ingest_then_rerun_equals_a_clean_build(tmp_path, corpus, clean, point):
    home = tmp_path / "home"
    killed(home, point, "ingest", str(corpus), "--no-progress")
    report = ingest([corpus], settings(home))
    assert not report.failed
    assert snapshot(home) == clean


def test_killed_while_replacing_a_changed_briefing(tmp_path, corpus, clean):
    home = tmp_path / "home"
    ingest([corpus], settings(home))
    page = corpus / "text" / "river-briefing-page2.txt"
    original = page.read_text()
    try:
        page.write_text(original.replace("round-the-clock watch", "constant watch"))
        expected = clean_build(tmp_path / "clean", corpus)
        killed(home, "chroma-upsert", "ingest", str(corpus), "--no-progress")
        report = ingest([corpus], settings(home))
        assert not report.failed and not report.added  # committed before the kill: skipped
        assert report.repaired == {"pending": 1, "bm25": 1}
        assert snapshot(home) == expected
    finally:
        page.write_text(original)


def test_killed_while_removing(tmp_path, corpus):
    home = tmp_path / "home"
    ingest([corpus], settings(home))
    victim = next(b for b in snapshot(home)["rows"]["briefings"] if "harbour" in b[1])
    killed(home, "remove-commit", "remove", victim[0])
    assert not remove(victim[0], settings(home))  # already gone from SQLite; repaired on open
    state = snapshot(home)
    assert not any(cid.startswith(victim[0]) for cid in state["chroma"])
    assert not state["rows"]["pending"]
    expected_home = tmp_path / "expected"
    ingest([corpus], settings(expected_home))
    remove(victim[0], settings(expected_home))
    assert state == snapshot(expected_home)
