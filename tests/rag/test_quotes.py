import numpy as np

from rag.quotes import best_span


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


SPANS = [(0, 70), (71, 140), (141, 210), (211, 280)]


def test_best_sentence_alone_when_neighbours_are_off_topic():
    q = _unit([1, 0, 0])
    vecs = np.stack([_unit([0, 1, 0]), _unit([1, 0, 0]), _unit([0, 0, 1]), _unit([0, 1, 1])])
    span = best_span(q, SPANS, vecs, 3)
    assert (span.start, span.end) == (71, 140) and span.score > 0.99


def test_nearly_as_relevant_neighbours_join_up_to_three():
    q = _unit([1, 0, 0])
    vecs = np.stack([_unit([1, 0.1, 0]), _unit([1, 0, 0]), _unit([1, 0.1, 0]),
                     _unit([1, 0.1, 0])])
    span = best_span(q, SPANS, vecs, 3)
    assert span.end - span.start > 140 and (span.start, span.end) != (0, 280)


def test_short_lead_sentence_is_extended():
    spans = [(0, 20), (21, 120)]
    q = _unit([1, 0])
    vecs = np.stack([_unit([1, 0]), _unit([0, 1])])
    span = best_span(q, spans, vecs, 3)
    assert (span.start, span.end) == (0, 120)


def test_no_sentences_no_span():
    assert best_span(_unit([1, 0]), [], np.zeros((0, 2), dtype=np.float32), 3) is None


def test_opening_span_takes_the_first_sentences():
    from rag.quotes import opening_span

    span = opening_span(SPANS, 0.7, 3)
    assert (span.start, span.end, span.score) == (0, 210, 0.7)
    assert opening_span(SPANS[:1], 0.5, 3).end == 70
    assert opening_span([], 0.5, 3) is None


def test_the_sentences_after_the_best_in_its_paragraph_join_it():
    # the topic sentence matches the question best; the specifics follow it
    text = ("Today the CDC extended the moratorium. It was to expire on March 31st. "
            "It now runs through June 30th.\nSeparately, the President will travel.")
    spans = [(0, 38), (39, 70), (71, 101), (102, 133)]
    q = _unit([1, 0, 0])
    vecs = np.stack([_unit([1, 0, 0]), _unit([0, 1, 0]), _unit([0, 0, 1]), _unit([0, 1, 1])])
    assert text[slice(*spans[2])] == "It now runs through June 30th."
    span = best_span(q, spans, vecs, 3, text)
    assert (span.start, span.end) == (0, 101)
    assert best_span(q, spans, vecs, 2, text).end == 70  # never past max_sentences


def test_a_paragraph_break_stops_the_following_sentences():
    text = ("We firmly oppose these sanctions and will respond resolutely to them.\n"
            "On your second question, I have no comment.")
    spans = [(0, 69), (70, 113)]
    assert text[slice(*spans[1])] == "On your second question, I have no comment."
    q = _unit([1, 0])
    vecs = np.stack([_unit([1, 0]), _unit([0, 1])])
    assert (best_span(q, spans, vecs, 3, text).end, best_span(q, spans, vecs, 3).end) == (69, 69)
    assert best_span(q, spans, vecs, 3, text.replace("\n", " ")).end == 113


def test_a_courtesy_opening_is_not_the_answer():
    from rag.quotes import opens_with_courtesy

    q = _unit([1, 0, 0])
    courtesy = [_unit([0, 1, 0]), _unit([0, 0, 1]), _unit([0, 1, 1])]  # "Sure. Let me…"
    answer = _unit([1, 0.2, 0])
    assert opens_with_courtesy(q, np.stack(courtesy + [answer]), 3)
    # an opening sentence on the question, or no later sentence on it: quote the opening
    assert not opens_with_courtesy(q, np.stack([answer] + courtesy), 3)
    assert not opens_with_courtesy(q, np.stack(courtesy + [_unit([0.3, 1, 0])]), 3)
    assert not opens_with_courtesy(q, np.zeros((0, 3), dtype=np.float32), 3)
