"""Rule-based rewriting of follow-up questions (rag.followup)."""

from __future__ import annotations

import pytest

from rag.entities import find_entities, find_speaker
from rag.followup import Context, is_followup, rewrite

LIBYA = Context("Does China back the Arab League on Libya?", anchor="2020-06-24")
LOANS = Context("What did Jen Psaki say about student loans?", speakers=("Jen Psaki",),
                anchor="2021-08-10")
OFFICIALS = ["Zhao Lijian", "Hua Chunying", "Jen Psaki", "Karine Jean-Pierre", "Li Xiao",
             "Li Xiaomei"]


@pytest.mark.parametrize(("message", "question", "since", "until"), [
    ("and the US side?", "Does the US side back the Arab League on Libya?", None, None),
    ("what about Syria?", "Does China back the Arab League on Syria?", None, None),
    ("what about last month?", LIBYA.question, "2020-05-01", "2020-05-31"),
    ("last year?", LIBYA.question, "2019-01-01", "2019-12-31"),
    ("and in June 2019?", LIBYA.question, "2019-06-01", "2019-06-30"),
    ("what about in 2018?", LIBYA.question, "2018-01-01", "2018-12-31"),
    ("before that?", LIBYA.question, None, "2020-06-23"),
    ("and since then?", LIBYA.question, "2020-06-25", None),
    ("what about tariffs?", "Does China back the Arab League on tariffs?", None, None),
])
def test_rewrites(message, question, since, until):
    result = rewrite(message, LIBYA, OFFICIALS)
    assert result.followup and result.notes
    assert (result.question, result.since, result.until) == (question, since, until)


def test_a_named_official_restricts_and_replaces_the_speaker():
    result = rewrite("and Jean-Pierre?", LOANS, OFFICIALS)
    assert result.question == "What did Karine Jean-Pierre say about student loans?"
    assert result.speakers == ("Karine Jean-Pierre",)
    assert rewrite("what about rent relief?", LOANS, OFFICIALS).speakers == ("Jen Psaki",)


def test_relative_dates_count_from_the_previous_window():
    ctx = Context("Libya?", since="2020-03-01", until="2020-03-31", anchor="2020-06-24")
    assert (rewrite("the month before?", ctx).since, rewrite("the month before?", ctx).until) \
        == ("2020-02-01", "2020-02-29")
    same = rewrite("and the same week?", LOANS)  # 2021-08-10 is a Tuesday
    assert (same.since, same.until) == ("2021-08-09", "2021-08-15")
    assert same.speakers == ("Jen Psaki",)  # the context's speaker carries over


def test_new_questions_are_left_alone():
    for message in ("Who is the spokesperson of the Foreign Ministry?",
                    "How is the administration handling student loan payments?",
                    "student loans in May"):
        assert not rewrite(message, LIBYA, OFFICIALS).followup
    assert not is_followup("and the US side?", None)
    assert rewrite("  and   the US side? ", None).question == "and the US side?"
    assert not is_followup("what may happen next in Libya and Syria this year", LIBYA)


def test_entities_and_speakers():
    assert [m.text for m in find_entities("Did the US and the WHO talk to China about us?")] \
        == ["US", "WHO", "China"]
    assert find_entities("who said what to us") == []
    assert find_speaker("and Li Xiao?", OFFICIALS) == ("Li Xiao", "and ?")
    assert find_speaker("and Li Xiaomei?", OFFICIALS)[0] == "Li Xiaomei"  # names match whole
    assert find_speaker("what did Psaki's team say", OFFICIALS) == \
        ("Jen Psaki", "what did  team say")
    assert find_speaker("and Smith?", OFFICIALS) == (None, "and Smith?")
