"""Export, feedback, upload and the filters' chips — the workspace's plain functions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rag.answer import Podium
from ui import export, feedback, handlers, upload
from ui.filters import UiFilters, chip_data, from_ui
from ui.render import chips_html

sys.path.insert(0, str(Path(__file__).parent))
from browser_corpus import UPLOAD, write  # noqa: E402

QUESTION = "Does China support the Arab League on Libya?"


NONE = UiFilters()


def answered(engine, question=QUESTION, session=None, filters=NONE):
    return list(handlers.respond(engine, session, question, filters, "Answer"))[-1]


def test_citation_plain_text_and_markdown(tiny_index):
    session = answered(Podium(tiny_index))
    q = session["answers"][0]["quotes"][0]
    plain = export.citation_text(q)
    assert plain.startswith(f"“{q['text']}” — Zhao Lijian (official), Regular Press Conference")
    assert "2020-06-24" in plain and "#:~:text=China%20supports" in plain
    md = export.citation_markdown(q)
    assert md.startswith("> “China supports the Arab League") and "](https://example.org/" in md
    assert export.citation_text(None) == "" and export.citation_markdown(None) == ""


def test_markdown_text_renders_exactly():
    assert export.md_text("*a* [b](c) <i> 1. x\n- y\n12. z") == \
        "\\*a\\* \\[b\\](c) &lt;i&gt; 1. x\n\\- y\n12\\. z"


def test_answer_export_file(tiny_index, tmp_path):
    engine = Podium(tiny_index)
    session = answered(engine)
    session = answered(engine, "and Hua Chunying?", session)
    record = session["answers"][-1]
    path = Path(export.export_file(record, tmp_path))
    text = path.read_text()
    assert path.suffix == ".md" and text.startswith(f"## {QUESTION}")
    assert "*Asked as a follow-up:* and Hua Chunying?" in text
    assert "speakers: Hua Chunying" in text
    for q in record["quotes"]:
        assert f"“{export.md_text(q['text'])}”" in text
    assert "“and Hua" not in text and f"“{QUESTION}" not in text  # questions never quoted
    assert export.export_file(None, tmp_path) is None


def test_feedback_is_appended_as_jsonl(tiny_index, tmp_path):
    session = answered(Podium(tiny_index))
    record = session["answers"][0]
    assert feedback.record_feedback(tmp_path, session, record["start"] + 1, True)["target"] \
        == "answer"
    item = feedback.record_feedback(tmp_path, session, record["start"] + 2, "Dislike")
    assert item["target"] == "quote" and item["citation"] == 1 and item["rating"] == "down"
    assert feedback.record_feedback(tmp_path, session, 999, True) is None
    lines = feedback.feedback_path(tmp_path).read_text().splitlines()
    assert [json.loads(line)["rating"] for line in lines] == ["up", "down"]
    first = json.loads(lines[0])
    assert first["question"] == QUESTION and first["filters"]["roles"] == ["official"]
    assert first["quotes"][0]["turn_id"] == record["quotes"][0]["turn_id"]
    assert feedback.rating(None) == "cleared"


def test_eval_feedback_turns_ratings_into_items(tiny_index, tmp_path, monkeypatch, capsys):
    from ui import cli

    engine = Podium(tiny_index)
    session = answered(engine)
    start = session["answers"][0]["start"]
    feedback.record_feedback(tiny_index.home, session, start + 2, True)  # quote [1] liked
    abstained = answered(engine, "What did officials say about Zanzibar?", session)
    assert abstained["answers"][-1]["abstained"]
    feedback.record_feedback(tiny_index.home, abstained, abstained["answers"][-1]["start"] + 1,
                             False)  # an abstention disliked: the question is answerable
    with feedback.feedback_path(tiny_index.home).open("a") as f:
        f.write("not json\n")
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    monkeypatch.setenv("PODIUM_MIN_SUPPORT", "0.25")
    out = tmp_path / "fb"
    assert cli.main(["eval", "feedback", "--out", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ratings_read"] == 2 and report["gold_items"] == 1
    assert report["rerun"]["kept_liked"]["score"] == 1.0
    items = [json.loads(line) for line in (out / "items.jsonl").read_text().splitlines()]
    assert items[0]["gold_turn"] == session["answers"][0]["quotes"][0]["turn_id"]
    assert items[1] == {**items[1], "answerable": True,
                                   "question": "What did officials say about Zanzibar?"}
    assert cli.main(["eval", "feedback", str(tmp_path / "missing.jsonl")]) == 1


def test_upload_ingests_and_reports(tiny_index, tmp_path):
    engine = Podium(tiny_index)
    folder = tmp_path / "drop"
    good = write(folder, "lunar", UPLOAD)
    bad = folder / "empty.txt"
    bad.write_text("")
    files = [str(good), {"path": str(folder / "lunar.meta.json")}, str(bad)]
    report = upload.ingest_uploads(engine, files)
    assert report.startswith("Added 1, replaced 0, skipped 0, refused 1")
    assert "refused empty\\.txt" in report
    assert (tiny_index.home / "uploads" / "lunar.meta.json").exists()
    session = answered(engine, "lunar research station programme")
    assert session["answers"][-1]["quotes"][0]["briefing"]["date"] == "2020-09-09"
    again = upload.ingest_uploads(engine, [str(good), str(folder / "lunar.meta.json")])
    assert again.startswith("Added 0, replaced 0, skipped 1")
    assert upload.ingest_uploads(engine, None).startswith("Choose one or more")


def test_chips_show_active_filters_escaped(tiny_index):
    engine = Podium(tiny_index)
    ui = from_ui(["Hua Chunying"], ["fm-2020-07-01"], "2020-01-01", None, None)
    chips = chips_html(chip_data(engine, ui))
    assert "speaker: Hua Chunying" in chips and "from 2020-01-01" in chips
    assert "briefing: 2020-07-01 Regular Press Conference" in chips
    assert "roles: official" in chips
    assert "&lt;b&gt;" in chips_html({"speakers": ["<b>"]})
