"""The writer: stable ids, idempotent re-ingest, replacement, removal."""

import json
from dataclasses import replace

from conftest import tiny_corpus

from index.store import IndexWriter
from rag.store import IndexReader


def _chroma_ids(settings):
    return sorted(IndexReader(settings).vectorstore.get(include=[])["ids"])


def test_only_official_turns_are_embedded_with_their_question(tiny_index):
    ids = _chroma_ids(tiny_index)
    assert "fm-2020-06-24:0002:text00" in ids
    assert "fm-2020-06-24:0002:question00" in ids
    assert not any(i.startswith("fm-2020-06-24:0001") for i in ids)  # the journalist turn
    assert not any(i.startswith("fm-2020-07-01:0002") for i in ids)  # the moderator


def test_rewriting_the_same_briefing_adds_nothing(tiny_index):
    before = _chroma_ids(tiny_index)
    writer = IndexWriter(tiny_index)
    briefing, turns = tiny_corpus()[0]
    assert writer.status(briefing) == "unchanged"
    writer.write(briefing, turns)
    writer.rebuild_bm25()
    counts = writer.counts()
    writer.close()
    assert _chroma_ids(tiny_index) == before
    assert counts == {"briefings": 2, "turns": 8, "chunks": 7}


def test_a_changed_briefing_replaces_its_turns(tiny_index):
    writer = IndexWriter(tiny_index)
    briefing, turns = tiny_corpus()[0]
    changed = replace(briefing, content_hash="other")
    assert writer.status(changed) == "changed"
    writer.write(changed, turns[:3])
    writer.rebuild_bm25()
    writer.close()
    reader = IndexReader(tiny_index)
    assert [t.index for t in reader.turns(briefing.id)] == [0, 1, 2]
    assert not any(i.startswith("fm-2020-06-24:0004") for i in _chroma_ids(tiny_index))
    assert "fm-2020-06-24:0004:text00" not in reader.chunk_table.ids


def test_duplicate_content_under_another_id_is_detected(tiny_index):
    writer = IndexWriter(tiny_index)
    briefing, _ = tiny_corpus()[0]
    assert writer.status(replace(briefing, id="copy-of-it")) == "duplicate"
    writer.close()


def test_remove_drops_every_trace(tiny_index):
    writer = IndexWriter(tiny_index)
    assert writer.remove("fm-2020-07-01")
    writer.rebuild_bm25()
    assert not writer.remove("fm-2020-07-01")
    writer.close()
    assert not any(i.startswith("fm-2020-07-01") for i in _chroma_ids(tiny_index))
    assert "fm-2020-07-01" not in IndexReader(tiny_index).briefings


def test_the_collection_searches_with_a_wide_beam_even_when_made_before(tmp_path):
    # filtered searches (one speaker, one briefing) missed neighbours at Chroma's default 100
    from index.chroma import ChromaIndex
    from rag.settings import SEARCH_EF, Settings, chroma_client

    s = Settings(home=tmp_path, model="hash", progress=False)
    old = chroma_client(s).get_or_create_collection(
        s.collection, embedding_function=None, metadata={"hnsw:space": "cosine"})
    assert old.configuration_json["hnsw"]["ef_search"] == 100
    index = ChromaIndex(s)
    assert index.collection.configuration_json["hnsw"]["ef_search"] == SEARCH_EF
    reopened = chroma_client(s).get_collection(s.collection)
    assert reopened.configuration_json["hnsw"] == {**old.configuration_json["hnsw"],
                                                   "ef_search": SEARCH_EF}


def test_vocabulary_counts_briefings_per_word_and_old_lists_are_rebuilt(tiny_index):
    from index import bm25

    briefings, frequency = IndexReader(tiny_index).word_frequency
    assert briefings == 2
    assert frequency["libya"] == 1 and frequency["conference"] == 2  # a title word counts too
    assert "al" in IndexReader(tiny_index).initialisms  # "the Arab League foreign ministers"
    writer = IndexWriter(tiny_index)
    folder = tiny_index.bm25_dir
    assert bm25.is_current(writer.db, folder)
    # an index written before the counts: a plain word list and no format in its state
    (folder / "vocabulary.json").write_text(json.dumps(sorted(frequency)))
    state = json.loads((folder / bm25.STATE_FILE).read_text())
    (folder / bm25.STATE_FILE).write_text(json.dumps({"generation": state["generation"]}))
    assert IndexReader(tiny_index).word_frequency == (0, dict.fromkeys(sorted(frequency), 0))
    assert not bm25.is_current(writer.db, folder)
    assert writer.ensure_bm25()
    writer.close()
    assert IndexReader(tiny_index).word_frequency == (briefings, frequency)
