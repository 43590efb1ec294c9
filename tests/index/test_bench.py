"""`podium bench ingest` on the tiny fixtures with the real model: the figures are all there
and consistent (the real figures come from the White House corpus, see the README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.mark.model
def test_bench_ingest_reports_pipeline_raw_and_reingest(tmp_path, capsys):
    out = tmp_path / "bench"
    code = main(["bench", "ingest", str(FIXTURES), "--runs", "1", "--out", str(out), "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["turns"] == 35 and result["texts"] >= result["distinct_texts"] > 30
    seconds = result["seconds"]
    assert 0 < seconds["reingest_s"] < seconds["pipeline_s"]
    assert result["pipeline_vs_raw"] == pytest.approx(seconds["raw_s"] / seconds["pipeline_s"],
                                                      rel=0.05)
    assert set(result["stages_s"]) >= {"read", "split", "encode", "sqlite", "chroma", "bm25"}
    assert json.loads((out / "bench-ingest.json").read_text())["turns"] == 35
    assert "pipeline / raw encode" in (out / "bench-ingest.md").read_text()


def test_bench_limit_takes_the_first_files(tmp_path):
    from eval.bench_ingest import _slice

    files = _slice([FIXTURES / "json"], 2, tmp_path / "slice")
    assert sorted(p.name for p in files[0].iterdir()) == ["ES2099a.json", "turns.json"]
