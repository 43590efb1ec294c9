"""`podium who-said` and `podium timeline`, in-process with the hash embedder."""

from __future__ import annotations

import json

from ui.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_who_said_finds_the_official_and_quotes_the_sentence(tiny_index, monkeypatch, capsys):
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    code, out, _ = run(capsys, "who-said", "military intervention by foreign forces", "--json")
    data = json.loads(out)
    assert code == 0 and data["sightings"][0]["speaker"] == "Zhao Lijian"
    assert data["sightings"][0]["quote"]["text"] == \
        "China opposes military intervention by foreign forces."
    code, out, _ = run(capsys, "who-said", "military intervention by foreign forces")
    assert "“China opposes military intervention by foreign forces.”" in out


def test_who_said_journalist_words_are_never_quoted(tiny_index, monkeypatch, capsys):
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    code, out, _ = run(capsys, "who-said", "panda loan to Vienna", "--journalists", "--json")
    rows = json.loads(out)["sightings"]
    assert rows and rows[0]["role"] == "journalist" and "quote" not in rows[0]
    code, out, _ = run(capsys, "who-said", "panda loan to Vienna", "--journalists")
    assert "“" not in out


def test_timeline_orders_briefings_by_date(tiny_index, monkeypatch, capsys):
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    monkeypatch.setenv("PODIUM_MIN_SUPPORT", "0.05")
    code, out, _ = run(capsys, "timeline", "China Libya pandas Vienna zoo", "--json")
    dates = [q["briefing"]["date"] for q in json.loads(out)["quotes"]]
    assert code == 0 and dates == sorted(dates) and len(set(dates)) == len(dates) >= 2


def test_bench_ask_reports_latency(tiny_index, monkeypatch, capsys):
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    code, out, _ = run(capsys, "bench", "ask", "--runs", "2", "--json")
    result = json.loads(out)
    assert code == 0 and result["rounds"] == 2 and result["questions"] >= 5
    assert 0 < result["p50_ms"] <= result["p95_ms"]


def test_bench_ask_times_pipelines_side_by_side_on_given_questions(tiny_index, monkeypatch,
                                                                   capsys, tmp_path):
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "question": "Does China back the Arab League?"}\n'
                    '{"id": "b", "question": "What did Zhao Lijian say about Libya?"}\n')
    code, out, _ = run(capsys, "bench", "ask", "--runs", "2", "--questions", str(gold),
                       "--systems", "podium", "podium-no-scope", "--json")
    result = json.loads(out)
    assert code == 0 and result["questions"] == 2
    assert list(result["systems"]) == ["podium", "podium-no-scope"]
    assert result["p50_ms"] == result["systems"]["podium"]["p50_ms"]
    code, out, _ = run(capsys, "bench", "ask", "--runs", "1", "--questions", str(gold),
                       "--systems", "podium", "podium-no-scope")
    assert code == 0 and "\npodium: p50" in out and "\npodium-no-scope: p50" in out

