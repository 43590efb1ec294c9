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


def test_a_later_sentence_that_answers_clearly_better_is_quoted_instead_of_the_opening():
    from rag.quotes import answers_later

    q = _unit([1, 0, 0])
    courtesy = [_unit([0, 1, 0]), _unit([0, 0, 1]), _unit([0, 1, 1])]  # "Sure. Let me…"
    answer = _unit([1, 0.2, 0])  # cosine 0.98 with the question
    assert answers_later(q, np.stack(courtesy + [answer]), 3)
    # an opening on the question (0.89), less than 0.1 behind the later sentence: the opening
    assert not answers_later(q, np.stack([_unit([1, 0.5, 0])] + courtesy[:2] + [answer]), 3)
    assert not answers_later(q, np.stack([answer] + courtesy), 3)
    # a later sentence far ahead of the opening, but itself not on the question (0.37)
    assert not answers_later(q, np.stack(courtesy + [_unit([0.4, 1, 0])]), 3)
    # a lead of 0.1 or more over an opening that is on the question (0.78) is enough
    assert answers_later(q, np.stack([_unit([1, 0.8, 0])] + courtesy[:2] + [answer]), 3)
    assert not answers_later(q, np.zeros((0, 3), dtype=np.float32), 3)
    # an opening 0.09 behind (0.89 against 0.98): enough for a "who said" question's lead
    near = np.stack([_unit([1, 0.5, 0])] + courtesy[:2] + [answer])
    assert answers_later(q, near, 3, lead=0.05) and not answers_later(q, near, 3)


def test_the_span_may_be_anchored_among_given_sentences():
    """``among``: the best of those sentences anchors the span, however the others score."""
    q = _unit([1, 0, 0])
    vecs = np.stack([_unit([1, 0, 0]), _unit([0, 1, 0]), _unit([0.3, 0, 1]), _unit([0, 1, 1])])
    assert best_span(q, SPANS, vecs, 1).start == 0
    span = best_span(q, SPANS, vecs, 1, among=[2, 3])
    assert (span.start, span.end) == (141, 210) and abs(span.score - float(vecs[2] @ q)) < 1e-6
