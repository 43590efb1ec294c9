"""A fast eval run in CI: fidelity must be 1.000 and podium must not trail BM25."""

from __future__ import annotations

import json

import pytest
from conftest import REPO, SHARED, needs_shared

from eval.qmsum import load_meeting, run_qmsum
from eval.report import markdown_table, write_report

pytestmark = pytest.mark.model
QMSUM_SUBSET = REPO / "eval" / "data" / "qmsum"


def test_qmsum_adapter_reads_turns_and_inclusive_gold_spans():
    briefing, turns, queries = load_meeting(QMSUM_SUBSET / "TS3010a.json")
    assert briefing.id == "qmsum-ts3010a" and len(turns) == 168
    assert all(t.role == "official" and "{vocalsound}" not in t.text for t in turns)
    raw = json.loads((QMSUM_SUBSET / "TS3010a.json").read_text())
    a, b = raw["specific_query_list"][0]["relevant_text_span"][0]
    assert set(range(int(a), int(b) + 1)) <= queries[0]["gold"]


def test_qmsum_subset_podium_not_worse_than_bm25(tmp_path):
    result = run_qmsum(QMSUM_SUBSET, tmp_path / "index", ["bm25", "podium"])
    assert result["queries"] == 8
    podium, bm25 = result["systems"]["podium"], result["systems"]["bm25"]
    assert podium["ndcg@10"]["score"] >= bm25["ndcg@10"]["score"]
    assert len(podium["ndcg@10"]["individual_scores"]) == 8
    paths = write_report(result, tmp_path / "out", "podium eval qmsum eval/data/qmsum")
    assert all(p.exists() for p in paths.values())
    assert "| podium |" in markdown_table(result)
    report = json.loads(paths["json"].read_text())
    versus = report["differences"]["bm25"]["ndcg@10"]
    assert versus["low"] <= versus["difference"] <= versus["high"]
    assert "podium minus each system" in paths["markdown"].read_text()


@needs_shared
def test_podium_qa_subset_fidelity_and_no_worse_than_bm25(tmp_path):
    from eval.podium_qa import load_gold, run_podium_qa

    result = run_podium_qa(SHARED / "corpus", tmp_path / "index", ["bm25", "podium"],
                           limit=16)
    for system in result["systems"].values():
        assert system["fidelity"]["score"] == 1.0
    podium, bm25 = result["systems"]["podium"], result["systems"]["bm25"]
    assert result["gold_located"] == result["answerable"]
    assert 0 < result["briefings_indexed"] <= len({i["source"] for i in load_gold()[:16]
                                                   if i.get("source")})
    assert podium["hit@5"]["score"] >= bm25["hit@5"]["score"]
    assert podium["quote_hit@5"]["score"] >= bm25["quote_hit@5"]["score"]
    # podium's answer to each question is kept for the report's list of misses
    outcomes = result["outcomes"]
    assert [o["id"] for o in outcomes] == [i["id"] for i in load_gold()[:16]]
    assert sum(o["quote_hit@1"] for o in outcomes) == \
        round(podium["quote_hit@1"]["score"] * result["answerable"])


def test_gold_set_is_well_formed():
    from eval.podium_qa import load_gold

    items = load_gold()
    assert len(items) >= 60 and len({i["id"] for i in items}) == len(items)
    assert sum(not i["answerable"] for i in items) >= 10
    for item in items:
        if item["answerable"]:
            assert item["gold_span"] and item["speaker"] and item["source"]
        else:
            assert item["gold_span"] is None and item["source"] is None


def test_held_out_set_is_well_formed_and_uses_other_briefings():
    from eval.podium_qa import GOLD, load_gold

    main, held_out = load_gold(), load_gold(GOLD.with_name("podium_qa_holdout.jsonl"))
    assert len(held_out) >= 30 and sum(not i["answerable"] for i in held_out) >= 5
    assert not {i["id"] for i in main} & {i["id"] for i in held_out}
    sources = {i["source"] for i in main if i["answerable"]}
    assert all(i["source"] not in sources for i in held_out if i["answerable"])


# the gold sets in the order they were written
GOLD_SETS = ["podium_qa.jsonl", "podium_qa_holdout.jsonl",
             *(f"podium_qa_holdout{n}.jsonl" for n in range(2, 19))]


@pytest.mark.parametrize("later", GOLD_SETS[2:])
def test_later_held_out_sets_ask_about_other_exchanges(later):
    from eval.podium_qa import GOLD, load_gold

    earlier = [i for name in GOLD_SETS[:GOLD_SETS.index(later)]
               for i in load_gold(GOLD.with_name(name))]
    fresh = load_gold(GOLD.with_name(later))
    assert len(fresh) >= 30 and sum(not i["answerable"] for i in fresh) >= 5
    assert not {i["id"] for i in earlier} & {i["id"] for i in fresh}
    used = {(i["source"], " ".join(i["gold_span"].split())) for i in earlier if i["answerable"]}
    for item in (i for i in fresh if i["answerable"]):
        span = " ".join(item["gold_span"].split())
        assert not any(source == item["source"] and (span in gold or gold in span)
                       for source, gold in used), item["id"]


def test_a_gold_file_with_a_missing_key_is_refused_with_its_line(tmp_path, capsys):
    from eval.podium_qa import load_gold
    from ui import cli

    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "question": "Q?", "answerable": false}\n\n'
                    '{"id": "b", "question": "Q?", "answerable": true, "source": "x.md"}\n')
    with pytest.raises(ValueError, match=r"line 3: missing speaker, gold_span"):
        load_gold(gold)
    assert cli.main(["eval", "podium-qa", "--gold", str(tmp_path / "none.jsonl")]) == 2
    assert "no gold file" in capsys.readouterr().err


def test_several_gold_files_pool_with_each_question_tagged_by_its_file(tmp_path, capsys):
    from eval.podium_qa import GOLD, load_golds
    from ui import cli

    held_out = GOLD.with_name("podium_qa_holdout.jsonl")
    items = load_golds([GOLD, held_out])
    assert [i["set"] for i in items] == ["podium_qa"] * 85 + ["podium_qa_holdout"] * 36
    with pytest.raises(ValueError, match=r"question id 'qa-001' is in both .*podium_qa.jsonl "
                                         r"and .*podium_qa.jsonl: ids must be unique"):
        load_golds([GOLD, GOLD])
    # a missing file among several is named before anything is indexed
    assert cli.main(["eval", "podium-qa", "--gold", str(held_out),
                     str(tmp_path / "none.jsonl")]) == 2
    assert f"no gold file {tmp_path / 'none.jsonl'}" in capsys.readouterr().err


def test_qmsum_index_is_written_again_when_the_chunking_changes(tmp_path, monkeypatch):
    import sqlite3

    from eval.qmsum import build_index, meeting_files

    files = meeting_files(QMSUM_SUBSET)[:1]

    def written():
        settings, _ = build_index(files, tmp_path / "index", model="hash")
        with sqlite3.connect(settings.db_path) as db:
            return db.execute("SELECT ingested_at, fingerprint FROM briefings").fetchall()

    first = written()
    assert written() == first  # unchanged: reused
    monkeypatch.setattr("index.plan.CHUNKING", "next")
    again = written()
    assert again[0][0] > first[0][0] and again[0][1] != first[0][1]
