"""The chat's handler functions, without a browser."""

from __future__ import annotations

import html
from urllib.parse import unquote

import pytest

from index.store import IndexWriter
from rag.answer import Podium
from rag.types import Briefing, Turn
from ui import handlers


def test_respond_adds_the_exchange_and_opens_quote_one(tiny_index):
    engine = Podium(tiny_index)
    history, state, panel = handlers.respond(
        engine, "Does China support the Arab League on Libya?", [], [], "", "")
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert "\\[1\\]" not in history[1]["content"] and "[1]" in history[1]["content"]
    assert state[0]["speaker"] == "Zhao Lijian"
    assert "<mark class='podium-quote'>China supports the Arab League" in panel
    # the journalist question sits above the turn, as context
    assert panel.index("Question from CRI") < panel.index("<mark")
    assert "#:~:text=" in panel


def test_selecting_another_quote_shows_its_turn(tiny_index):
    engine = Podium(tiny_index.model_copy(update={"min_support": 0.05, "quote_margin": 2.0}))
    _, state, _ = handlers.respond(engine, "trade talks Libya Arab League", [], [], "", "")
    assert len(state) >= 2
    choices = handlers.quote_choices(state)
    panel = handlers.select_source(choices[1], state)
    assert html.escape(state[1]["text"][:30]) in panel
    assert handlers.select_source("missing", state) == handlers.EMPTY_SOURCE


def test_empty_question_gets_a_message_and_no_search(tiny_index):
    history, state, panel = handlers.respond(Podium(tiny_index), "  ", [], [], "", "")
    assert state == [] and "question is empty" in history[-1]["content"]


def test_bad_filter_value_is_explained(tiny_index):
    history, state, _ = handlers.respond(Podium(tiny_index), "Libya", [], [], "yesterday", "")
    assert state == [] and "not a date" in history[-1]["content"]


def test_speaker_filter_from_the_ui(tiny_index):
    _, state, _ = handlers.respond(Podium(tiny_index), "pandas Vienna zoo", [],
                                   ["Hua Chunying"], "", "")
    assert state and {q["speaker"] for q in state} == {"Hua Chunying"}


@pytest.fixture
def xss_index(hash_settings):
    b = Briefing(id="xss", title="<script>window.__xss=1</script> briefing", date="2021-01-01",
                 source_url="https://example.org/x", source_path="x", content_hash="h")
    turns = [
        Turn("xss", 0, "Q <b>", "journalist", "What about <img src=x onerror=alert(1)> payloads?"),
        Turn("xss", 1, "Ms. Smith", "official",
             "We reject <img src=x onerror=window.__xss=1> payloads and <script>alert(1)</script> "
             "tags in all their forms.", answers_turn=0),
    ]
    writer = IndexWriter(hash_settings)
    writer.write(b, turns)
    writer.rebuild_bm25()
    writer.close()
    return hash_settings


def test_transcript_text_is_escaped_everywhere(xss_index):
    history, state, panel = handlers.respond(Podium(xss_index), "payloads img script tags",
                                             [], [], "", "")
    assert state
    for rendered in (panel, history[-1]["content"]):
        assert "<img" not in rendered and "<script" not in rendered
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in panel


def test_text_fragment_link_is_encoded():
    url = handlers.text_fragment_url(
        "https://example.org/page#top",
        "China supports the Arab League in playing an active role, on the Libya-issue & more")
    assert url.startswith("https://example.org/page#:~:text=")
    fragment = url.split("#:~:text=")[1]
    start, end = fragment.split(",")
    assert unquote(start) == "China supports the Arab"
    assert unquote(end) == "the Libya-issue & more"
    assert "-" not in fragment and "&" not in fragment and " " not in fragment
    assert handlers.text_fragment_url(None, "x") is None
    assert handlers.text_fragment_url("javascript:alert(1)", "x") is None


def test_markdown_escape_keeps_text_literal():
    assert handlers.md_escape("*bold* [x](y) <b>") == "\\*bold\\* \\[x\\]\\(y\\) &lt;b&gt;"
