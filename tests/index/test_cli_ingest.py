"""The ingest side of the command line: dry runs, reports, removal of several briefings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PODIUM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    return tmp_path / "home"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_dry_run_then_ingest_then_remove_two(home, capsys):
    code, out, _ = run(capsys, "ingest", str(FIXTURES / "json"), "--dry-run")
    assert code == 0 and out.startswith("would add 3 briefing(s)") and "to index" in out
    code, out, _ = run(capsys, "ingest", str(FIXTURES / "json"), "--json")
    report = json.loads(out)
    assert code == 0 and len(report["added"]) == 3 and report["turns_added"] == 10
    assert report["seconds"] > 0 and report["turns_per_second"] > 0
    assert {"read", "split", "encode", "sqlite", "chroma", "bm25"} <= set(report["timings"])
    ids = [a["briefing"] for a in report["added"]]
    code, out, err = run(capsys, "remove", ids[0], "nope", ids[1])
    assert code == 1 and out.splitlines() == [f"removed {ids[0]}", f"removed {ids[1]}"]
    assert "no briefing 'nope'" in err
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["briefings"] == 1


def test_merged_pages_and_removed_single_pages_are_reported(home, capsys):
    pages = sorted(str(p) for p in (FIXTURES / "chinaorg").iterdir())
    run(capsys, "ingest", pages[1])
    code, out, _ = run(capsys, "ingest", *pages)
    assert code == 0 and "replaced 0" in out and "added 1 briefing(s)" in out
    assert "removed china-content-77540707-2-" in out and "now part of china-content" in out
