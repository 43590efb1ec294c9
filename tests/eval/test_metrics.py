"""Paired comparison of two systems over the same questions (eval.metrics)."""

from __future__ import annotations

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
