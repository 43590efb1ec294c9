"""Answering on a tiny inline index with the deterministic hash embedder."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.answer import EmptyQuestion, Podium
from rag.render import answer_to_dict, answer_to_markdown, answer_to_text
from rag.store import IndexMissing, IndexReader


def test_answers_with_the_official_reply_not_the_question(tiny_index):
    answer = Podium(tiny_index).ask("Does China support the Arab League on Libya?")
    assert not answer.abstained
    first = answer.quotes[0]
    assert first.turn.speaker == "Zhao Lijian" and first.turn.role == "official"
    assert first.text.startswith("China supports the Arab League")
    assert first.question is not None and first.question.speaker == "CRI"
    assert first.citation == 1
    assert set(answer.timings_ms) >= {"embed_ms", "retrieve_ms", "quotes_ms", "total_ms"}


def test_unrelated_question_abstains_with_plain_words(tiny_index):
    answer = Podium(tiny_index).ask("quantum chromodynamics lattice gauge")
    assert answer.abstained and answer.quotes == ()
    assert "No official" in answer.message


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_question_is_refused_before_search(tiny_index, question):
    with pytest.raises(EmptyQuestion, match="question is empty"):
        Podium(tiny_index).ask(question)


def test_speaker_filter_is_exact_and_honoured(tiny_index):
    engine = Podium(tiny_index)
    answer = engine.ask("pandas in the Vienna zoo", speakers=("hua chunying",))
    assert answer.quotes and all(q.turn.speaker == "Hua Chunying" for q in answer.quotes)
    only_zhao = engine.ask("pandas in the Vienna zoo", speakers=("Zhao Lijian",))
    assert all(q.turn.speaker == "Zhao Lijian" for q in only_zhao.quotes)
    with pytest.raises(ValueError, match="unknown speaker 'Zhao'"):
        engine.ask("Libya", speakers=("Zhao",))


def test_date_filters(tiny_index):
    engine = Podium(tiny_index)
    late = engine.ask("Arab League Libya", since="2020-07-01")
    assert all(q.briefing.date >= "2020-07-01" for q in late.quotes)
    early = engine.ask("Arab League Libya", until="2020-06-30")
    assert early.quotes and all(q.briefing.date <= "2020-06-30" for q in early.quotes)
    with pytest.raises(ValueError, match="not a date"):
        engine.ask("Libya", since="last week")


def test_a_date_range_searches_the_briefings_it_holds(tiny_index):
    from rag.retrieve import NO_BRIEFING, Filters

    reader = IndexReader(tiny_index)
    # given to Chroma as the briefings in the range (faster), alone or with a briefing filter
    june = Filters(since="2020-06-01", until="2020-06-30")
    assert june.chroma_where(reader) == {"briefing_id": {"$in": ["fm-2020-06-24"]}}
    assert june.chroma_where() == {"$and": [{"date": {"$gte": 20200601}},
                                            {"date": {"$lte": 20200630}}]}
    both = Filters(briefings=("fm-2020-07-01",), since="2020-06-01")
    assert both.chroma_where(reader) == {"briefing_id": {"$in": ["fm-2020-07-01"]}}
    empty = Filters(since="2021-01-01")
    assert empty.chroma_where(reader) == {"briefing_id": {"$in": [NO_BRIEFING]}}
    answer = Podium(tiny_index).ask("Arab League Libya", since="2021-01-01")
    assert answer.abstained and "is indexed, so there is nothing to quote" in answer.message


def test_briefing_filter_rejects_unknown_id(tiny_index):
    with pytest.raises(ValueError, match="unknown briefing id 'nope'"):
        Podium(tiny_index).ask("Libya", briefings=("nope",))


def test_missing_index_names_the_fix(hash_settings):
    with pytest.raises(IndexMissing, match="podium ingest"):
        IndexReader(hash_settings)


def test_renderings_quote_only_official_slices(tiny_index):
    answer = Podium(tiny_index).ask("Does China support the Arab League on Libya?")
    data = answer_to_dict(answer)
    assert data["schema"] == 1 and data["abstained"] is False
    q = data["quotes"][0]
    assert set(q) >= {"text", "start", "end", "speaker", "role", "briefing", "question",
                      "turn_index", "scores"}
    assert q["briefing"]["url"] == "https://example.org/fm-2020-06-24"
    text = answer_to_text(answer)
    md = answer_to_markdown(answer)
    journalist_question = answer.quotes[0].question.text
    for rendered in (text, md):
        assert f"“{answer.quotes[0].text}”" in rendered
        assert f"“{journalist_question[:40]}" not in rendered  # context, never a quote


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.text(min_size=1, max_size=80).filter(lambda s: s.strip())
       | st.sampled_from(["Libya Arab League", "trade talks", "pandas Vienna", "Oman visit",
                          "That is all for today", "Does China have a comment?"]))
def test_promise_every_quote_is_an_exact_official_slice(tiny_index, question):
    engine = Podium(tiny_index)
    answer = engine.ask(question, top=5)
    for quote in answer.quotes:
        stored = engine.reader.turn(quote.turn.briefing_id, quote.turn.index)
        assert stored.role == "official"
        assert quote.text == stored.text[quote.start:quote.end]
        assert quote.text.strip() == quote.text and quote.text
    assert answer.abstained == (not answer.quotes)
    # one quote per turn, except the first turn's stretch after its quote, right after it
    ids = [q.turn.id for q in answer.quotes]
    if len(ids) > 1 and ids[0] == ids[1]:
        assert answer.quotes[0].end <= answer.quotes[1].start
        ids = ids[1:]
    assert len(set(ids)) == len(ids)


def test_the_best_ranked_reply_is_always_quoted_first(tiny_index, monkeypatch):
    """Quotes follow the ranking. The first is the top candidate even when another has more
    support; the rest must come within ``quote_margin`` of the best support."""
    from conftest import engine_ranking, ranked_candidate

    ranked = [ranked_candidate("fm-2020-06-24", 4, 0.60, 2.0),  # ranked first, less support
              ranked_candidate("fm-2020-06-24", 2, 0.90, 1.9),
              ranked_candidate("fm-2020-07-01", 1, 0.50, 1.8)]  # trails the best by 0.40
    answer = engine_ranking(tiny_index, monkeypatch, ranked).ask("anything", top=3)
    assert [(q.turn.briefing_id, q.turn.index) for q in answer.quotes] == \
        [("fm-2020-06-24", 4), ("fm-2020-06-24", 2)]
    assert [q.citation for q in answer.quotes] == [1, 2]


def test_the_first_reply_is_also_quoted_at_its_best_stretch_after_its_quote(tiny_index):
    """The Libya reply opens on the Arab League; its last sentence, on a settlement, comes
    after the quote: it is quoted too, right after, as a second slice of the same turn."""
    from rag.retrieve import PIPELINES

    engine = Podium(tiny_index)
    question = "Does China back the Arab League on Libya?"
    answer = engine.ask(question, top=3)
    first, second = answer.quotes[:2]
    assert first.turn.id == second.turn.id == "fm-2020-06-24:0002"
    assert first.text.startswith("China supports the Arab League") and first.end < second.start
    assert second.text == "Relevant parties should seek a political settlement under UN auspices."
    assert second.question is not None and [q.citation for q in answer.quotes[:2]] == [1, 2]
    # the renderings name [1] for [2] rather than repeat the question
    for rendered in (answer_to_text(answer), answer_to_markdown(answer)):
        assert rendered.count("further on in the same reply as [1]") == 1
        assert rendered.count("answering") == len(answer.quotes) - 1
    # one quote per reply without it; with top=1 the first quote alone
    unchecked = engine.ask(question, top=3, pipeline=PIPELINES["podium-no-later-quote"])
    assert [q.turn.id for q in unchecked.quotes].count("fm-2020-06-24:0002") == 1
    assert [q.text for q in engine.ask(question, top=1).quotes] == [first.text]


def test_a_reply_that_only_asks_back_is_never_quoted(hash_settings):
    from conftest import make_briefing, write_index

    from rag.types import Turn

    b = make_briefing("fm-2020-05-19", "2020-05-19", "Regular Press Conference on May 19, 2020")
    turns = [
        Turn(b.id, 0, "Reuters", "journalist", "Will the barley tariffs on Australia stay?"),
        Turn(b.id, 1, "Zhao Lijian", "official", "The barley tariffs on Australia?",
             answers_turn=0),
        Turn(b.id, 2, "Reuters", "journalist", "Yes, the barley tariffs on Australia."),
        Turn(b.id, 3, "Zhao Lijian", "official",
             "The barley duties follow an investigation under the law. Australia should look "
             "at its own conduct.", answers_turn=2),
    ]
    write_index(hash_settings, [(b, turns)])
    answer = Podium(hash_settings).ask("Will the barley tariffs on Australia stay?")
    assert answer.quotes and answer.quotes[0].turn.index == 3
    assert all(q.turn.index != 1 for q in answer.quotes)


def test_an_aside_is_ranked_after_the_answer_but_still_counts(hash_settings):
    from conftest import exchange, make_briefing, write_index

    b = make_briefing("wh-2021-03-03", "2021-03-03", "Press Briefing, March 3, 2021")
    write_index(hash_settings, [(b, exchange(
        b, ("AP", "Does the President support reparations for slavery?"),
        ("Jen Psaki", "It’s quite a day. (Laughter.)"),
        ("AP", "So does the President support reparations?"),
        ("Jen Psaki", "He wants to see the outcome of the study, and he supports the study.")))])
    engine = Podium(hash_settings)
    question = "Does the President support reparations for slavery?"
    ranked = engine.rank(question)
    assert [c.hit.turn_index for c in ranked] == [3, 1]
    assert ranked[1].aside and ranked[1].support > ranked[0].support  # it matched best
    answer = engine.ask(question, top=1)
    assert [q.turn.index for q in answer.quotes] == [3]
    # without sentence reranking the fused order is kept, asides included
    from rag.retrieve import PIPELINES
    assert not any(c.aside for c in engine.rank(question, pipeline=PIPELINES["podium-no-rerank"]))


def test_a_reply_cut_off_on_a_dash_comes_after_its_continuation(hash_settings):
    from conftest import exchange, make_briefing, write_index

    b = make_briefing("wh-2024-02-13", "2024-02-13", "Press Briefing, February 13, 2024")
    write_index(hash_settings, [(b, exchange(
        b, ("AP", "Will United States troops join the security force in Haiti?"),
        ("John Kirby", "This — so, what we’re focused on is working with Kenya, who leads the "
                       "security force in Haiti, on the ground. So —"),
        ("AP", "But will they join it?"),
        ("John Kirby", "I would not expect a U.S. force presence on the ground.")))])
    ranked = Podium(hash_settings).rank("Will United States troops join the security force "
                                        "in Haiti?")
    assert [c.hit.turn_index for c in ranked] == [3, 1]
    assert ranked[1].final > ranked[0].final  # the cut-off reply scored higher


def test_a_reply_cut_off_again_in_a_few_words_is_no_continuation(hash_settings):
    """"So, I did not hear that part of the speech, so I would have to —" is not put after
    "Okay. I did — I — I missed —": that says nothing, and stays last."""
    from conftest import exchange, make_briefing, write_index

    b = make_briefing("wh-2022-05-31", "2022-05-31", "Press Briefing, May 31, 2022")
    write_index(hash_settings, [(b, exchange(
        b, ("AP", "Was the President appointed to the Naval Academy in 1965?"),
        ("Karine Jean-Pierre", "So, I did not hear that part of the speech about the Naval "
                               "Academy, so I would have to —"),
        ("AP", "He said he was appointed to the Naval Academy in 1965."),
        ("Karine Jean-Pierre", "Okay. I did — I — I missed —")))])
    ranked = Podium(hash_settings).rank("Was the President appointed to the Naval Academy "
                                        "in 1965?")
    assert [c.hit.turn_index for c in ranked] == [1, 3] and ranked[1].aside


def test_a_score_below_the_threshold_is_never_printed_equal_to_it():
    from rag.answer import _below

    assert _below(0.50, 0.54) == "0.50, below the 0.54"
    assert _below(0.5384, 0.54) == "0.538, below the 0.540"
    assert _below(0.539996, 0.54) == "0.539996, below the 0.540000"


def test_an_exchange_names_the_outlet_that_asked(hash_settings):
    """"Asked by a Globe and Mail reporter …" names the exchange by its asker's label."""
    from conftest import make_briefing, write_index

    from rag.types import Turn

    b = make_briefing("fm-2020-06-19", "2020-06-19", "Regular Press Conference")
    write_index(hash_settings, [(b, [
        Turn(b.id, 0, "Globe and Mail", "journalist", "What is China's position on hostage "
                                                      "diplomacy?"),
        Turn(b.id, 1, "Zhao Lijian", "official", "That is just one loaded question.",
             answers_turn=0)])])
    engine = Podium(hash_settings)
    ranked = engine.rank("What did China say about hostage diplomacy?")
    assert ranked and "Globe and Mail" in engine._exchanges(ranked[:1])[0]
