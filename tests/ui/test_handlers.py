"""The chat's handler functions, without a browser."""

from __future__ import annotations

import html
from urllib.parse import unquote

import pytest
from conftest import write_index

from rag.answer import Podium
from rag.types import Briefing, Turn
from ui import handlers
from ui.filters import UiFilters, from_ui

NONE = UiFilters()


def ask(engine, message, session=None, filters=NONE, mode="Answer"):
    """Run a streamed turn to the end; returns (final session, number of steps)."""
    steps = list(handlers.respond(engine, session, message, filters, mode))
    return steps[-1], len(steps)


def test_respond_streams_the_summary_then_each_quote(tiny_index):
    engine = Podium(tiny_index)
    session, steps = ask(engine, "Does China support the Arab League on Libya?")
    history, record = session["history"], session["answers"][-1]
    assert steps == 2 + len(record["quotes"])  # question, summary, then one step per quote
    assert [m["role"] for m in history] == ["user"] + ["assistant"] * (1 + len(record["quotes"]))
    assert "\\[1\\]" not in history[2]["content"] and "[1] Zhao Lijian" in history[2]["content"]
    assert "answering CRI:" in history[2]["content"]
    q = record["quotes"][0]
    assert q["text"] == q["turn_text"][q["start"]:q["end"]]
    panel = handlers.show_quote(engine, session, q["key"])
    assert "<mark class='podium-quote'>China supports the Arab League" in panel
    assert panel.index("Question from CRI") < panel.index("<mark")  # the question, above
    assert "#:~:text=" in panel


def test_first_step_shows_the_question_before_searching(tiny_index):
    steps = handlers.respond(Podium(tiny_index), None, "Libya", NONE, "Answer")
    first = next(steps)
    assert first["history"][-1]["content"] == handlers.SEARCHING


def test_clicking_a_message_opens_its_quote(tiny_index):
    engine = Podium(tiny_index.model_copy(update={"min_support": 0.05, "quote_margin": 2.0}))
    session, _ = ask(engine, "trade talks Libya Arab League")
    record = session["answers"][0]
    assert len(record["quotes"]) >= 2
    second = record["quotes"][1]
    assert handlers.key_at(session, record["start"] + 3) == second["key"]  # quote [2]
    assert handlers.key_at(session, record["start"] + 1) == record["quotes"][0]["key"]
    assert handlers.key_at(session, record["start"]) == record["quotes"][0]["key"]
    assert handlers.key_at(session, 99) is None
    panel = handlers.show_quote(engine, session, second["key"])
    assert html.escape(second["text"][:30]) in panel
    assert handlers.show_quote(engine, session, "missing") == handlers.EMPTY_SOURCE
    labels = [label for label, _ in handlers.quote_choices(record)]
    assert labels[0].startswith("[1] ")


def test_a_quote_further_on_in_the_same_reply_says_so(tiny_index):
    """The Libya reply is quoted twice ([1] its opening, [2] further on): [2] names [1]
    instead of repeating the question, and its picker label says it is later in [1]."""
    session, _ = ask(Podium(tiny_index), "Does China back the Arab League on Libya?")
    record = session["answers"][0]
    first, second = record["quotes"][:2]
    assert first["turn_id"] == second["turn_id"]
    message = session["history"][record["start"] + 3]["content"]
    assert message.startswith("**[2] Zhao Lijian**")
    assert "*further on in the same reply as [1]*" in message and "answering" not in message
    assert "answering" in session["history"][record["start"] + 2]["content"]
    labels = [label for label, _ in handlers.quote_choices(record)]
    assert labels[1].endswith("(later in [1])") and "later" not in labels[0]


def test_neighbouring_turns_on_demand(tiny_index):
    engine = Podium(tiny_index)
    session, _ = ask(engine, "Does China support the Arab League on Libya?")
    key = session["answers"][0]["quotes"][0]["key"]
    plain = handlers.show_quote(engine, session, key)
    wider = handlers.show_quote(engine, session, key, before=1, after=1)
    assert "Good afternoon" not in plain and "Good afternoon" in wider
    assert "trade talks resume" not in plain and "trade talks resume" in wider
    assert wider.index("Good afternoon") < wider.index("Question from CRI") \
        < wider.index("<mark") < wider.index("trade talks resume")


def test_empty_question_gets_a_message_and_no_search(tiny_index):
    session, _ = ask(Podium(tiny_index), "  ")
    assert session["answers"][-1]["quotes"] == []
    assert "question is empty" in session["history"][-1]["content"]


def test_none_values_from_the_browser_are_handled(tiny_index):
    filters = from_ui(None, None, None, None, None)
    assert filters == NONE
    session, _ = ask(Podium(tiny_index), None, None, filters, None)
    assert "question is empty" in session["history"][-1]["content"]


def test_bad_filter_value_is_explained(tiny_index):
    session, _ = ask(Podium(tiny_index), "Libya", filters=from_ui(since="yesterday"))
    assert session["answers"][-1]["quotes"] == []
    assert "not a date" in session["history"][-1]["content"]


def test_speaker_filter_from_the_ui(tiny_index):
    session, _ = ask(Podium(tiny_index), "pandas Vienna zoo",
                     filters=from_ui(speakers=["Hua Chunying"]))
    quotes = session["answers"][-1]["quotes"]
    assert quotes and {q["speaker"] for q in quotes} == {"Hua Chunying"}
    assert session["answers"][-1]["filters"]["speakers"] == ["Hua Chunying"]


def test_answers_refuse_to_quote_non_officials(tiny_index):
    session, _ = ask(Podium(tiny_index), "Libya", filters=from_ui(roles=["journalist"]))
    assert "only officials can be quoted" in session["history"][-1]["content"]


def test_followup_is_rewritten_and_shown_without_quotation_marks(tiny_index):
    engine = Podium(tiny_index)
    session, _ = ask(engine, "Does China support the Arab League on Libya?")
    session, _ = ask(engine, "and Hua Chunying?", session)
    record = session["answers"][-1]
    assert record["followup"] and record["filters"]["speakers"] == ["Hua Chunying"]
    summary = session["history"][record["start"] + 1]["content"]
    assert summary.startswith("*Follow-up read as:* Does China support the Arab League on Libya")
    assert "“" not in summary and '"' not in summary
    session, _ = ask(engine, "what about last month?", session)
    record = session["answers"][-1]
    assert record["filters"]["since"] and record["filters"]["until"]
    assert "briefings from" in session["history"][record["start"] + 1]["content"]


def test_who_said_finds_the_speaker_and_date(tiny_index):
    engine = Podium(tiny_index)
    session, _ = ask(engine, "Who said 'military intervention by foriegn forces'?")
    record = session["answers"][-1]
    assert record["mode"] == "who" and record["quotes"][0]["speaker"] == "Zhao Lijian"
    summary = session["history"][record["start"] + 1]["content"]
    assert "Zhao Lijian" in summary and "2020\\-06\\-24" in summary
    assert "foriegn" not in session["history"][record["start"] + 2]["content"]  # never quoted
    q = record["quotes"][0]
    assert q["text"] == q["turn_text"][q["start"]:q["end"]]
    assert "military intervention by foreign forces" in q["text"]


def test_who_said_reports_journalists_as_context_only(tiny_index):
    session, _ = ask(Podium(tiny_index), "the panda loan to Vienna", mode="Who said",
                     filters=from_ui(roles=["official", "journalist"]))
    record = session["answers"][-1]
    assert record["quotes"] == [] and record["others"][0]["speaker"] == "AFP"
    assert "context only" in session["history"][-1]["content"]


def test_timeline_is_one_quote_per_briefing_by_date(tiny_index):
    engine = Podium(tiny_index.model_copy(update={"min_support": 0.0}))
    session, _ = ask(engine, "timeline of China", mode="Answer")
    record = session["answers"][-1]
    dates = [q["briefing"]["date"] for q in record["quotes"]]
    assert record["mode"] == "timeline" and dates == sorted(dates)
    assert len({q["briefing"]["id"] for q in record["quotes"]}) == len(dates) >= 2


def test_retry_replaces_the_last_answer(tiny_index):
    engine = Podium(tiny_index)
    session, _ = ask(engine, "Does China support the Arab League on Libya?")
    before = len(session["history"])
    after = list(handlers.retry(engine, session, NONE))[-1]
    assert len(after["answers"]) == 1 and len(after["history"]) == before
    assert after["answers"][0]["id"] != session["answers"][0]["id"]
    assert list(handlers.retry(engine, None, NONE))[-1] == handlers.new_session()


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
    return write_index(hash_settings, [(b, turns)])


def test_transcript_text_is_escaped_everywhere(xss_index):
    from ui import browse, export

    engine = Podium(xss_index)
    session, _ = ask(engine, "payloads img script tags")
    q = session["answers"][-1]["quotes"][0]
    panel = handlers.show_quote(engine, session, q["key"], before=2, after=2)
    page = browse.transcript(engine, "xss", q)
    rendered = [panel, page, export.citation_markdown(q)]
    rendered += [m["content"] for m in session["history"]]
    for text in rendered:
        assert "<img" not in text and "<script" not in text
    assert "&lt;img src=x onerror=window.__xss=1&gt;" in panel
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in page


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
    short = handlers.text_fragment_url("https://e.org/p", "A dead-end, truly")
    assert short == "https://e.org/p#:~:text=A%20dead%2Dend%2C%20truly"


def test_markdown_escape_keeps_text_literal():
    assert handlers.md_escape("*bold* [x](y) <b>") == "\\*bold\\* \\[x\\]\\(y\\) &lt;b&gt;"
    assert handlers.md_escape(None) == ""
