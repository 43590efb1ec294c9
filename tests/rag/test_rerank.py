"""Which speakers a question names (rag.rerank.named_speakers); the exchange cosine."""

from __future__ import annotations

import numpy as np
import pytest

from rag.rerank import OPENING_SHARE, exchange_cosine, named_speakers

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


def _unit(v):
    return np.asarray(v, np.float32) / np.linalg.norm(v)


def test_the_exchange_favours_a_reply_whose_question_and_opening_both_fit():
    e = np.eye(4, dtype=np.float32)
    query = _unit(e[0] + e[1])  # asks about subjects 0 and 1
    # both replies answer a question on subject 0; one opens on subject 1, the other on 2
    fits = exchange_cosine(query, e[0], np.stack([e[1], e[1], e[3]]))
    drifts = exchange_cosine(query, e[0], np.stack([e[2], e[2], e[1]]))
    assert fits > drifts
    # the vector is question + OPENING_SHARE x the mean of the first two sentences, normalised
    expected = _unit(e[0] + OPENING_SHARE * e[1]) @ query
    assert fits == pytest.approx(float(expected), abs=1e-6)
    # a turn without a question is its opening alone
    assert exchange_cosine(query, None, np.stack([e[1], e[0]])) == \
        pytest.approx(float(_unit(e[0] + e[1]) @ query), abs=1e-6)


def test_question_vector_is_the_stored_question_chunk(tiny_index):
    from rag.store import IndexReader

    reader = IndexReader(tiny_index)
    stored = reader.vectorstore.get(ids=["fm-2020-06-24:0002:question00"],
                                    include=["embeddings"])["embeddings"][0]
    np.testing.assert_allclose(reader.question_vector("fm-2020-06-24", 2), stored, atol=1e-6)
    assert reader.question_vector("fm-2020-06-24", 0) is None  # the opening: no question
