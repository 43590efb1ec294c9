"""Who said X (exact and near-exact phrase search) and timeline mode (rag.whosaid)."""

from __future__ import annotations

import pytest

from rag.answer import Podium
from rag.retrieve import Filters
from rag.store import IndexReader
from rag.whosaid import clean_phrase, sentence_span, sighting_quote, timeline, who_said


def test_exact_phrase_names_speaker_briefing_and_date(tiny_index):
    reader = IndexReader(tiny_index)
    found = who_said(reader, "Who said “military intervention by foreign forces”?")
    assert found and found[0].exact and found[0].turn.speaker == "Zhao Lijian"
    assert found[0].briefing.date == "2020-06-24"
    assert found[0].text == "military intervention by foreign forces"
    quote = sighting_quote(reader, found[0], 1)
    assert quote.text == "China opposes military intervention by foreign forces."
    assert quote.text == quote.turn.text[quote.start:quote.end]
    assert quote.question.speaker == "CRI"


def test_near_exact_phrase_finds_what_was_actually_said(tiny_index):
    reader = IndexReader(tiny_index)
    found = who_said(reader, "military intervension by foreign force")
    assert found and not found[0].exact and found[0].similarity >= 0.82
    assert found[0].text == "military intervention by foreign forces"
    assert who_said(reader, "a completely unrelated sentence about zebras") == []


def test_roles_and_filters(tiny_index):
    reader = IndexReader(tiny_index)
    assert who_said(reader, "the panda loan to Vienna") == []  # a journalist asked it
    found = who_said(reader, "the panda loan to Vienna", roles=("official", "journalist"))
    assert found[0].turn.speaker == "AFP" and found[0].turn.role == "journalist"
    assert who_said(reader, "trade talks", filters=Filters(since="2020-07-01")) == []
    assert who_said(reader, "trade talks", filters=Filters(speakers=("Hua Chunying",))) == []
    with pytest.raises(ValueError, match="unknown role"):
        who_said(reader, "trade talks", roles=("spokesman",))
    with pytest.raises(ValueError, match="nothing to search for"):
        who_said(reader, "who said ?")


def test_clean_phrase_and_sentence_span():
    assert clean_phrase('Who said "a dead end"?') == "a dead end"
    assert clean_phrase(None) == ""
    text = "First one. The second sentence has it here. Third."
    start = text.index("has it")
    assert text[slice(*sentence_span(text, start, start + 6))] == \
        "The second sentence has it here."


def test_timeline_one_quote_per_briefing_oldest_first(tiny_index):
    engine = Podium(tiny_index.model_copy(update={"min_support": 0.0}))
    answer = timeline(engine, "China")
    dates = [q.briefing.date for q in answer.quotes]
    assert dates == sorted(dates) and len(set(dates)) == len(dates) >= 2
    assert [q.citation for q in answer.quotes] == list(range(1, len(dates) + 1))
    assert answer.message.startswith("Timeline: ")
    assert all(q.turn.role == "official" for q in answer.quotes)
    with pytest.raises(ValueError, match="topic is empty"):
        timeline(engine, " ")
