"""Passages: turns of a transcript without questions are also found through the talk
around them (index.chunks.passages), on a tiny index with the deterministic hash embedder."""

from __future__ import annotations

import pytest

from rag.answer import Podium
from rag.retrieve import PIPELINES
from rag.types import Briefing, Turn
from tests.conftest import tiny_corpus, write_index

MEETING = Briefing(id="meeting", title="Design meeting", date="2021-03-02", source_url=None,
                   source_path="/tmp/meeting.json", content_hash="hash-meeting", format="qmsum")
TALK = [
    ("Project Manager", "Today we decide on the casing of the prototype."),
    ("Marketing", "Our survey says people keep losing the remote under the sofa."),
    ("User Interface", "A speech recogniser could answer a whistle and find the lost remote."),
    ("Industrial Designer", "I agree, let us build exactly that into it."),
    ("Project Manager", "Good. Next item is the budget for the casing materials."),
    ("Marketing", "Wood is too expensive for the casing, plastic stays within budget."),
]


@pytest.fixture
def meeting_index(hash_settings, monkeypatch):
    monkeypatch.setattr("index.chunks.PASSAGE_WORDS", 25)
    meeting = [Turn(MEETING.id, n, speaker, "official", text)
               for n, (speaker, text) in enumerate(TALK)]
    return write_index(hash_settings, [*tiny_corpus(), (MEETING, meeting)])


def test_only_the_transcript_without_questions_has_passages(meeting_index):
    reader = Podium(meeting_index).reader
    assert reader.passages and all(cid.startswith("meeting:") for cid in reader.passages)
    assert all(0 <= a < b <= len(TALK) for a, b in reader.passages.values())
    assert not [i for i in reader.chunk_table.ids if "passage" in i]  # not in BM25


def test_a_turn_that_never_names_the_topic_is_found_through_its_passage(meeting_index):
    engine = Podium(meeting_index)
    question = "Should a speech recogniser find the lost remote?"

    def order(system):
        return [c.hit.turn_index for c in engine.rank(question, pipeline=PIPELINES[system])
                if c.hit.briefing_id == "meeting"]

    hits = {c.hit.turn_index: c.hit for c in engine.rank(question)
            if c.hit.briefing_id == "meeting"}
    assert hits[3].passage_cosine is not None  # "I agree, let us build exactly that into it."
    # alone it is the meeting's last match; in its passage it passes the budget talk
    assert order("podium-no-passages")[-1] == 3
    assert order("podium").index(3) < order("podium").index(5)
    baseline = engine.rank(question, pipeline=PIPELINES["dense"])
    assert all(c.hit.passage_rank is None for c in baseline)


def test_passages_never_widen_a_speaker_filter(meeting_index):
    answer = Podium(meeting_index).ask("Should a speech recogniser find the lost remote?",
                                       speakers=("Marketing",))
    assert answer.quotes and {q.turn.speaker for q in answer.quotes} == {"Marketing"}


def test_quotes_found_through_a_passage_are_slices_of_one_turn(meeting_index):
    engine = Podium(meeting_index)
    answer = engine.ask("Should a speech recogniser find the lost remote?")
    for quote in answer.quotes:
        stored = engine.reader.turn(quote.turn.briefing_id, quote.turn.index)
        assert stored.text[quote.start:quote.end] == quote.text
        assert "\n" not in quote.text or quote.briefing.id != "meeting"


def test_passages_are_rebuilt_from_the_turn_store_alone(meeting_index):
    from index.repair import stored_entries
    from index.store import IndexWriter

    writer = IndexWriter(meeting_index)
    try:
        entries = stored_entries(writer, ["meeting"])
        got = writer.chroma.collection.get(ids=sorted(entries), include=["embeddings",
                                                                         "metadatas"])
    finally:
        writer.close()
    passages = {cid for cid in entries if ":passage" in cid}
    assert passages == set(Podium(meeting_index).reader.passages)
    chroma = dict(zip(got["ids"], zip(got["embeddings"], got["metadatas"], strict=True),
                      strict=True))
    for cid in passages:
        vector, _, meta = entries[cid]
        assert meta["speaker"] == "" and meta["kind"] == "passage"
        assert chroma[cid][1] == meta
        assert abs(vector - chroma[cid][0]).max() < 1e-6


@pytest.mark.parametrize("filters", [
    {}, {"briefings": ("meeting",)}, {"briefings": ("fm-2020-06-24", "meeting")},
    {"speakers": ("Marketing",)}, {"since": "2020-06-01", "until": "2020-06-30"},
    {"since": "2021-01-01"}, {"briefings": ("(none)",)},
])
def test_searches_podium_filters_itself_find_what_chroma_filtering_finds(
        meeting_index, monkeypatch, filters):
    """A broad filter is applied to an unfiltered search, passages are skipped by fetching
    more, and passages are searched in memory: each returns what Chroma's own filtering
    returns, for a filter that keeps most of the index or little of it."""
    from rag import retrieve
    from rag.retrieve import Filters, _and, _own_chunks

    reader = Podium(meeting_index).reader
    vector = reader.vectorstore.embeddings.embed_query("the lost remote and the casing budget")
    chosen = Filters(**filters)
    where = chosen.chroma_where(reader)
    expected = reader.dense(vector, 4, _and(where, {"kind": {"$ne": "passage"}}))
    # podium filters; Chroma filters and podium skips passages; Chroma does both
    for unfiltered, skipped in [(400, 400), (0, 400), (0, 0)]:
        monkeypatch.setattr(retrieve, "MAX_UNFILTERED", unfiltered)
        monkeypatch.setattr(retrieve, "MAX_PASSAGES_SKIPPED", skipped)
        assert _own_chunks(reader, vector, 4, chosen.mask(reader), chosen) == expected
    if not chosen.speakers:
        assert [i for i, _ in reader.nearest_passages(vector, 3, chosen.briefing_ids(reader))] \
            == [i for i, _ in reader.dense(vector, 3, _and(where, {"kind": "passage"}))]
