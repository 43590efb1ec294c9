import pytest

from rag.dates import Period, named_period


@pytest.mark.parametrize("question,expected", [
    ("What did China say on 24 June 2020 about Libya?", Period("2020-06-24", "2020-06-24", "day")),
    ("What was said on June 24, 2020?", Period("2020-06-24", "2020-06-24", "day")),
    ("Briefing of 2020-06-24", Period("2020-06-24", "2020-06-24", "day")),
    ("What happened in October 2018?", Period("2018-10-01", "2018-10-31", "month")),
    ("in Feb. of 2020", Period("2020-02-01", "2020-02-29", "month")),
    ("Sept. 3, 2021 remarks", Period("2021-09-03", "2021-09-03", "day")),
    ("plans for early 2021", Period("2021-01-01", "2021-12-31", "year")),
])
def test_named_period(question, expected):
    assert named_period(question) == expected


@pytest.mark.parametrize("question", ["no date here", "31 February 2020 is not a day",
                                      "route 66", "the 1999th question"])
def test_no_or_impossible_date(question):
    period = named_period(question)
    assert period is None or period.granularity == "year"


@pytest.mark.parametrize("question,label", [
    ("What did China say on 24 June 2020 about Libya?", "2020-06-24"),
    ("What happened in February 2023?", "February 2023"),
    ("plans for early 2021", "2021"),
])
def test_a_period_is_named_as_a_reader_would(question, label):
    assert named_period(question).label == label


def test_a_named_day_is_spoken_of_in_the_next_days_briefings_too():
    day = named_period("the video conference on March 26, 2020")
    assert (day.spoken_of.since, day.spoken_of.until) == ("2020-03-26", "2020-03-29")
    assert day.spoken_of.granularity == "day" and day.label == "2020-03-26"
    month = named_period("in March 2020")
    assert month.spoken_of == month
    assert named_period("on December 30, 2020").spoken_of.until == "2021-01-02"


def test_the_date_bonus_reaches_the_briefings_after_a_named_day():
    from types import SimpleNamespace

    from rag.rerank import _in_period

    reader = SimpleNamespace(briefings={
        "same": SimpleNamespace(date="2020-03-26"), "next": SimpleNamespace(date="2020-03-27"),
        "later": SimpleNamespace(date="2020-03-31"), "before": SimpleNamespace(date="2020-03-25"),
        "undated": SimpleNamespace(date="")})
    day = named_period("the video conference on March 26, 2020")
    assert [b for b in reader.briefings if _in_period(reader, b, day)] == ["same", "next"]
