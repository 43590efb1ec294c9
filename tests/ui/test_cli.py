"""The podium command line, in-process, with the hash embedder (fast, offline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.settings import Settings
from rag.store import IndexReader
from ui.cli import main

BRIEFING = """Regular Press Conference on March 3, 2021

Xinhua News Agency: What is China's position on the Arab League mediation in Libya?

Wang Wenbin: China supports the Arab League in playing an active role on the Libya issue.

Reuters: Will the trade talks with the European Union resume next month?

Wang Wenbin: I have no information to offer on the trade talks at the moment.
"""


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PODIUM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    monkeypatch.setenv("PODIUM_MIN_SUPPORT", "0.25")
    return tmp_path / "home"


@pytest.fixture
def briefing_file(tmp_path) -> Path:
    path = tmp_path / "in" / "mfa-2021-03-03.txt"
    path.parent.mkdir()
    path.write_text(BRIEFING, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(home: Path) -> tuple[dict, list[str]]:
    reader = IndexReader(Settings(home=home, model="hash"))
    ids = sorted(reader.vectorstore.get(include=[])["ids"])
    return reader.stats(), ids


def test_ingest_ask_stats_roundtrip(home, briefing_file, capsys):
    code, out, _ = run(capsys, "ingest", str(briefing_file), "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["added"]) == 1 and report["turns_added"] == 4

    code, out, _ = run(capsys, "ask", "Does China support the Arab League on Libya?", "--json")
    data = json.loads(out)
    assert code == 0 and data["abstained"] is False
    quote = data["quotes"][0]
    assert quote["speaker"] == "Wang Wenbin" and quote["role"] == "official"
    assert quote["text"].startswith("China supports the Arab League")
    assert quote["question"]["speaker"] == "Xinhua News Agency"
    assert quote["briefing"]["date"] == "2021-03-03"

    code, out, _ = run(capsys, "ask", "Does China support the Arab League on Libya?")
    assert code == 0 and "“China supports the Arab League" in out

    code, out, _ = run(capsys, "stats", "--json")
    stats = json.loads(out)
    assert stats["briefings"] == 1
    assert stats["turns_by_role"] == {"journalist": 2, "official": 2}

    code, out, _ = run(capsys, "speakers")
    assert "Wang Wenbin" in out and "official" in out


def test_reingest_adds_nothing(home, briefing_file, capsys):
    assert run(capsys, "ingest", str(briefing_file))[0] == 0
    before = snapshot(home)
    code, out, _ = run(capsys, "ingest", str(briefing_file.parent))
    assert code == 0 and "added 0 briefing(s)" in out and "skipped 1" in out
    assert snapshot(home) == before


def test_changed_file_replaces_its_briefing(home, briefing_file, capsys):
    run(capsys, "ingest", str(briefing_file))
    briefing_file.write_text(BRIEFING.replace("next month", "in April"), encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(briefing_file), "--json")
    report = json.loads(out)
    assert code == 0 and len(report["replaced"]) == 1 and not report["added"]
    assert snapshot(home)[0]["turns"] == 4


def test_abstains_in_plain_words(home, briefing_file, capsys):
    run(capsys, "ingest", str(briefing_file))
    code, out, _ = run(capsys, "ask", "quantum chromodynamics lattice gauge", "--json")
    data = json.loads(out)
    assert data["abstained"] is True and data["quotes"] == []
    assert data["message"].startswith("No official")


@pytest.mark.parametrize("name,content,expect", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 4, "binary"),
    ("nolabels.txt", b"Just some prose with no speakers at all.\nAnother line of it.\n",
     "speaker labels"),
    ("notes.docx", b"PK\x03\x04 something", ".docx"),
])
def test_bad_input_is_refused_and_the_index_is_unchanged(
        home, briefing_file, tmp_path, capsys, name, content, expect):
    run(capsys, "ingest", str(briefing_file))
    before = snapshot(home)
    bad = tmp_path / name
    bad.write_bytes(content)
    code, _, err = run(capsys, "ingest", str(bad))
    assert code == 1
    assert str(bad) in err and expect in err.lower()
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 1
    assert snapshot(home) == before


def test_unreadable_path_is_refused(home, briefing_file, tmp_path, capsys):
    run(capsys, "ingest", str(briefing_file))
    before = snapshot(home)
    code, _, err = run(capsys, "ingest", str(tmp_path / "nowhere.txt"))
    assert code == 1 and "nowhere.txt" in err
    assert snapshot(home) == before


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_an_error_not_a_search(home, briefing_file, capsys, question):
    run(capsys, "ingest", str(briefing_file))
    code, out, err = run(capsys, "ask", question)
    assert code == 1 and "question is empty" in err and out == ""


def test_ask_without_an_index_names_the_fix(home, capsys):
    code, _, err = run(capsys, "ask", "anything")
    assert code == 1 and "podium ingest" in err


def test_filters_on_the_command_line(home, briefing_file, capsys):
    run(capsys, "ingest", str(briefing_file))
    code, out, _ = run(capsys, "ask", "Arab League Libya", "--since", "2021-04-01", "--json")
    assert json.loads(out)["abstained"] is True
    code, _, err = run(capsys, "ask", "Arab League Libya", "--speaker", "Wang")
    assert code == 1 and "unknown speaker 'Wang'" in err
    code, out, _ = run(capsys, "ask", "Arab League Libya", "--speaker", "wang wenbin", "--json")
    assert {q["speaker"] for q in json.loads(out)["quotes"]} == {"Wang Wenbin"}


def test_remove(home, briefing_file, capsys):
    code, out, _ = run(capsys, "ingest", str(briefing_file), "--json")
    briefing_id = json.loads(out)["added"][0]["briefing"]
    assert run(capsys, "remove", briefing_id)[0] == 0
    assert snapshot(home)[0]["briefings"] == 0
    code, _, err = run(capsys, "remove", briefing_id)
    assert code == 1 and "no briefing" in err


def test_eval_systems_match_the_pipelines():
    from rag.retrieve import PIPELINES
    from ui.cli import SYSTEMS

    assert list(PIPELINES) == SYSTEMS
