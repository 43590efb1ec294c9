"""Which speakers a question names (rag.rerank.named_speakers)."""

from __future__ import annotations

import pytest

from rag.rerank import asks_back, named_speakers

BRIEFINGS = ["Jen Psaki", "John Kirby", "Karine Jean-Pierre", "Zhao Lijian", "Hua Chunying"]
MEETING = ["Industrial Designer", "Marketing", "Project Manager", "User Interface",
           "Professor B", "Professor D", "PhD A", "Grad E"]


@pytest.mark.parametrize(("question", "expected"), [
    ("What did Jen Psaki say about the refugee cap?", ("Jen Psaki",)),
    ("What did Psaki say about the refugee cap?", ("Jen Psaki",)),
    ("Did Psaki and Kirby agree on Ukraine?", ("Jen Psaki", "John Kirby")),
    ("Did Jen Psaki agree with Kirby on Ukraine?", ("Jen Psaki", "John Kirby")),
    ("What did the spokesperson say about Libya?", ()),
])
def test_briefing_speakers_by_full_name_or_unique_surname(question, expected):
    assert named_speakers(question, BRIEFINGS) == expected


@pytest.mark.parametrize(("question", "expected"), [
    ("What did the Industrial Designer think of the scroll wheel?", ("Industrial Designer",)),
    # "designer" here belongs to "user interface designer", not to Industrial Designer
    ("What did the user interface designer recommend?", ("User Interface",)),
    ("What did the professor think about clustering?", ("Professor B", "Professor D")),
    ("What did Grad E contribute on storage disks?", ("Grad E",)),
    ("Why did Project Manager agree with Marketing?", ("Marketing", "Project Manager")),
])
def test_meeting_speakers_by_role(question, expected):
    assert sorted(named_speakers(question, MEETING)) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("The people of Georgia?", True),
    ("Like who? Which agencies reported this?", True),
    ("“This” being SWIFT?", True),
    ("Didn't you ask that yesterday? We oppose it.", False),
    ("We oppose it.", False),
    ("I’m sorry, say that again.", True),  # asks to hear the question again
    ("Sorry, I didn’t hear the last part.", True),
    ("Sorry, we have said that again and again.", False),
])
def test_a_reply_that_only_asks_back(text, expected):
    from index.sentences import sentence_spans

    spans = sentence_spans(text)
    assert asks_back(text, spans) is expected


def test_a_reply_found_through_its_question_quotes_its_opening_unless_a_later_sentence_answers():
    import numpy as np

    from rag.rerank import _candidate
    from rag.retrieve import Hit
    from rag.types import Turn

    def unit(v):
        v = np.asarray(v, dtype=np.float32)
        return v / np.linalg.norm(v)

    text = ("Sure. Let me get to those. Thanks for asking. "
            "His first call will be on Friday with Prime Minister Trudeau.")
    spans = [(0, 5), (6, 26), (27, 45), (46, 107)]

    class Reader:
        def __init__(self, vectors):
            self.vectors = vectors

        def sentences(self, briefing_id, index):
            return spans, self.vectors

        def turn(self, briefing_id, index):
            return Turn("b", 1, "Jen Psaki", "official", text, answers_turn=0)

    query = unit([1, 0, 0])
    hit = Hit("b", 1, 0.03, question_cosine=0.75)
    courtesy = np.stack([unit([0, 1, 0]), unit([0, 0, 1]), unit([0, 1, 1]), unit([1, 1, 0])])
    span, support, later, aside, _ = _candidate(Reader(courtesy), query, hit, 3)
    assert text[span.start:span.end].startswith("His first call") and support == 0.75
    assert later is None and not aside  # nothing after the quote; a reply that says much
    # an opening sentence on the question (0.64), within 0.1 of the later one (0.71)
    related = np.stack([unit([1, 1.2, 0]), unit([0, 0, 1]), unit([0, 1, 1]), unit([1, 1, 0])])
    span, support, later, aside, _ = _candidate(Reader(related), query, hit, 3)
    assert (span.start, span.end) == (0, 45) and support == 0.75  # the opening, whole
    assert (later.start, later.end) == (46, 107)  # and the sentence after it, kept for later
    # asked nearly what the reporter asked (SAME_QUESTION): the reply's opening answers it,
    # however much better a later sentence matches the words; that sentence is quoted next
    same = Hit("b", 1, 0.03, question_cosine=0.85)
    span, support, later, aside, _ = _candidate(Reader(courtesy), query, same, 3)
    assert (span.start, span.end) == (0, 45) and support == 0.85
    assert (later.start, later.end) == (46, 107)


def test_the_reported_words_choose_the_quote_but_never_lower_the_support():
    """A "who said" question's query holds its reported words too (``rag.claim``); a turn's
    support is the better of that match and the question's own (``plain``)."""
    import numpy as np

    from rag.rerank import _candidate
    from rag.retrieve import Hit
    from rag.types import Turn

    text = "I would remind you the state dinner happened before we knew about this."

    class Reader:
        def sentences(self, briefing_id, index):
            return [(0, len(text))], np.asarray([[1.0, 0.0, 0.0]], dtype=np.float32)

        def turn(self, briefing_id, index):
            return Turn("b", 1, "John Kirby", "official", text, answers_turn=0)

    plain = np.asarray([1.0, 0.0, 0.0], dtype=np.float32)
    query = np.asarray([1.0, 1.0, 0.0], dtype=np.float32) / np.sqrt(2)  # with the claim
    hit = Hit("b", 1, 0.03, question_cosine=None)
    _, support, *_ = _candidate(Reader(), query, hit, 3)
    assert abs(support - 0.7071) < 1e-3
    _, support, *_ = _candidate(Reader(), query, hit, 3, plain=plain)
    assert abs(support - 1.0) < 1e-6


@pytest.mark.parametrize(("text", "expected"), [
    ("It’s quite a day. (Laughter.)", True),
    ("You never disappoint, my friend. (Laughter.)", True),
    ("That is — that is —", True),
    ("(Inaudible.)", True),
    ("(Laughs.) I’m sure you guys are all very excited about that.", True),
    ("— in order to arrive.", True),  # the rest of a sentence the reporter cut into
    ("No.", False),  # short, but an answer
    ("It won’t be today.", False),
    ("We do not support that. We’ve been very clear about it, and the President said so "
     "last week. (Laughter.)", False),  # says something
])
def test_an_aside_says_next_to_nothing(text, expected):
    from rag.rerank import says_little

    assert says_little(text) is expected
