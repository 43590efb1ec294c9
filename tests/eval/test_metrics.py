"""Paired comparison of two systems over the same questions (eval.metrics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.metrics import paired_difference
from eval.report import differences, differences_table


def test_identical_systems_differ_by_nothing():
    d = paired_difference([1, 0, 1, 1], [1, 0, 1, 1])
    assert d == {"difference": 0.0, "low": 0.0, "high": 0.0, "better": 0, "worse": 0}


def test_a_clear_gain_has_an_interval_above_zero():
    a = [1.0] * 30 + [0.0] * 10
    b = [0.0] * 25 + [1.0] * 5 + [0.0] * 10
    d = paired_difference(a, b)
    assert d["difference"] == pytest.approx(25 / 40)
    assert 0 < d["low"] < 25 / 40 < d["high"] <= 1
    assert (d["better"], d["worse"]) == (25, 0)
    assert paired_difference(a, b) == d  # a fixed seed: the same report every run


def test_one_question_of_forty_is_not_a_difference_to_trust():
    a, b = [1.0] + [0.0] * 39, [0.0] * 40
    d = paired_difference(a, b)
    assert d["low"] == 0.0 and d["high"] > 0  # the interval touches zero


def test_systems_run_on_different_questions_are_refused():
    with pytest.raises(ValueError, match="differ in length"):
        paired_difference([1, 0], [1, 0, 1])


def test_report_compares_podium_with_every_other_system():
    def system(scores):
        return {"hit@1": {"score": sum(scores) / len(scores), "individual_scores": scores},
                "fidelity": {"score": 1.0, "individual_scores": [1.0] * len(scores)}}

    result = {"systems": {"bm25": system([0.0, 1.0, 0.0]), "podium": system([1.0, 1.0, 1.0])}}
    diffs = differences(result)
    assert list(diffs) == ["bm25"] and list(diffs["bm25"]) == ["hit@1"]  # means only
    assert diffs["bm25"]["hit@1"]["better"] == 2
    assert "| bm25 | +0.667" in differences_table(result)
    assert differences({"systems": {"bm25": system([1.0])}}) == {}
    assert differences_table({"systems": {"bm25": system([1.0])}}) == ""


def test_per_question_ranking_scores_follow_the_gold_order_not_sorted_ids():
    from eval.metrics import ranking_metrics

    # ranx keeps queries by sorted id; the report pairs these scores with the gold items
    gold = {"qa-002": {"b:1"}, "h3-001": {"b:2"}, "ho-007": {"b:3"}}
    runs = {"qa-002": ["b:1"], "h3-001": ["b:9", "b:2"], "ho-007": ["b:9"]}
    metrics = ranking_metrics(gold, runs)
    assert metrics["hit@1"]["individual_scores"] == [1.0, 0.0, 0.0]
    assert metrics["mrr@10"]["individual_scores"] == [1.0, 0.5, 0.0]


def test_figures_by_kind_of_question():
    from eval.report import type_table

    items = [{"id": "a", "type": "paraphrase", "answerable": True, "located": True},
             {"id": "b", "type": "who_said", "answerable": True, "located": True},
             {"id": "c", "type": "paraphrase", "answerable": True, "located": True},
             {"id": "d", "type": "unanswerable", "answerable": False, "located": False}]

    def scores(values):
        return {"score": sum(values) / len(values), "individual_scores": values}

    podium = {"hit@1": scores([1.0, 0.0, 1.0]), "quote_hit@1": scores([1.0, 0.0, 0.0]),
              "quote_hit@5": scores([1.0, 1.0, 0.0]),
              # right decision per item: a, b, c answered; c wrongly declined; d declined
              "abstention_recall": scores([1.0, 1.0, 0.0, 1.0])}
    table = type_table({"items": items, "systems": {"podium": podium}})
    assert "| paraphrase | 2 | 1.000 | 0.500 | 0.500 | 0.500 |" in table
    assert "| who_said | 1 | 0.000 | 0.000 | 1.000 | 0.000 |" in table
    assert "| unanswerable | 1 | — | — | — | 1.000 |" in table
    assert type_table({"systems": {"podium": podium}}) == ""  # QMSum: no kinds


def test_figures_by_gold_file_of_a_pooled_run():
    from eval.report import set_table

    def item(qid, gold_set, answerable=True):
        return {"id": qid, "set": gold_set, "type": "paraphrase", "answerable": answerable,
                "located": answerable}

    def scores(values):
        return {"score": sum(values) / len(values), "individual_scores": values}

    items = [item("a", "main"), item("b", "main"), item("c", "main", False),
             item("d", "held"), item("e", "held", False), item("f", "held", False)]
    located = {"hit@1": [1.0, 0.0, 1.0], "hit@5": [1.0, 1.0, 1.0],
               "quote_hit@1": [1.0, 0.0, 0.0], "quote_hit@5": [1.0, 0.0, 1.0]}
    podium = {k: scores(v) for k, v in located.items()}
    # right decision per item: b wrongly declined, c declined, e answered, f declined
    podium["abstention_recall"] = scores([1.0, 0.0, 1.0, 1.0, 0.0, 1.0])
    table = set_table({"items": items, "systems": {"podium": podium}})
    assert table.splitlines()[2] == ("| gold file | questions | hit@1 | hit@5 | quote_hit@1 | "
                                     "quote_hit@5 | abstention_recall | false_abstention |")
    assert "| main | 3 | 0.500 | 1.000 | 0.500 | 0.500 | 1.000 | 0.500 |" in table
    assert "| held | 3 | 1.000 | 1.000 | 0.000 | 1.000 | 0.500 | 0.000 |" in table
    assert table.index("| main |") < table.index("| held |")  # in the order of the files
    one_file = [dict(i, set="main") for i in items]
    assert set_table({"items": one_file, "systems": {"podium": podium}}) == ""


def test_the_report_lists_each_miss_by_how_it_went_wrong():
    from eval.report import SHOWN_CHARS, misses_section

    def outcome(qid, answerable=True, declined=False, rank=1, hit=True, text="We oppose it.",
                hit5=None):
        return {"id": qid, "type": "paraphrase", "question": f"Question {qid}?",
                "answerable": answerable, "located": answerable, "declined": declined,
                "message": "No official addressed this." if declined else None,
                "gold_rank": rank if answerable else None, "quote_hit@1": hit,
                "quote_hit@5": hit if hit5 is None else hit5,
                "first_quote": None if declined else {"speaker": "Zhao Lijian", "turn": "b:1",
                                                      "text": text},
                "gold_speaker": "Zhao Lijian" if answerable else None,
                "gold_span": "China firmly opposes it." if answerable else None}

    long_reply = "We noted the reports. " * 20
    section = misses_section({"outcomes": [
        outcome("fine"),
        outcome("unans", answerable=False),
        outcome("declined", declined=True, hit=False),
        outcome("other", rank=3, hit=False),
        outcome("words", hit=False, text=long_reply),
        outcome("second", hit=False, hit5=True),
    ]})
    assert "fine" not in section
    assert "Unanswerable, but answered (1):\n\n- unans (paraphrase) *Question unans?* — " \
           "Zhao Lijian: “We oppose it.”" in section
    assert "- declined (paraphrase) *Question declined?* — declined: No official addressed " \
           "this.; gold (ranked 1): Zhao Lijian: “China firmly opposes it.”" in section
    assert "Another reply quoted first (1):" in section and "gold (ranked 3)" in section
    # a long quote is cut, verbatim up to the cut, the ellipsis outside the quotation marks
    shown = " ".join(long_reply.split())[:SHOWN_CHARS].rstrip()
    assert f"The right reply first, other words of it quoted (2):\n\n- words (paraphrase) " \
           f"*Question words?* — Zhao Lijian: “{shown}”…; gold" in section
    assert "words?*" in section and section.count("(a later quote holds the gold words)") == 1
    assert "“China firmly opposes it.” (a later quote holds the gold words)" in section
    assert misses_section({"outcomes": [outcome("fine")]}) == "podium's misses: none."
    assert misses_section({"systems": {}}) == ""  # QMSum: no outcomes


def test_a_gold_span_is_located_over_a_paragraph_break():
    from types import SimpleNamespace

    from eval.podium_qa import locate

    turns = [SimpleNamespace(id="b:0001", role="journalist", text="Why did you stop?"),
             SimpleNamespace(id="b:0002", role="official",
                             text="We stopped.\n\nIt was  too late.  Next question.")]
    briefing = SimpleNamespace(id="b", source_path=str(Path("corpus") / "x.md"))
    reader = SimpleNamespace(briefings={"b": briefing}, turns=lambda _: turns)
    item = {"id": "g-1", "answerable": True, "source": "x.md",
            "gold_span": "We stopped. It was too late."}
    found = locate(item, SimpleNamespace(reader=reader), Path("corpus"))
    assert found == ("b:0002", 0, len("We stopped.\n\nIt was  too late."))
    # the journalist's words are never gold
    assert locate({**item, "gold_span": "Why did you stop?"}, SimpleNamespace(reader=reader),
                  Path("corpus")) is None
