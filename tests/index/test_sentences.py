import pytest
from conftest import SHARED, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from index.sentences import (
    _ONE_SENTENCE,
    _pysbd_spans,
    _segment,
    sentence_spans,
    split_paragraph,
    windows,
)


def test_spans_are_trimmed_exact_slices_within_paragraphs():
    text = ("Mr. Smith went to Washington D.C. on Jan. 5.  He said it was fine.\n\n"
            "Second paragraph here? Yes! The U.S. economy grew 3.5 percent.")
    spans = sentence_spans(text)
    pieces = [text[a:b] for a, b in spans]
    assert pieces == ["Mr. Smith went to Washington D.C. on Jan. 5.", "He said it was fine.",
                      "Second paragraph here?", "Yes!", "The U.S. economy grew 3.5 percent."]
    assert all("\n" not in p for p in pieces)


def test_windows_respect_the_token_budget():
    text = " ".join(f"Sentence number {i} is here." for i in range(20))
    spans = sentence_spans(text)
    wins = windows(spans, text, 12, lambda s: len(s.split()))
    assert wins[0][0] == 0 and wins[-1][1] == len(text)
    for a, b in wins:
        assert len(text[a:b].split()) <= 12 or text[a:b] in [text[x:y] for x, y in spans]
    assert len(wins) == 10  # two five-word sentences per window


def test_one_long_sentence_is_its_own_window():
    text = "Short one. " + "word " * 50 + "end. Tail."
    spans = sentence_spans(text)
    wins = windows(spans, text, 10, lambda s: len(s.split()))
    assert any(b - a > 200 for a, b in wins)


# --- the one-sentence shortcut gives exactly pysbd's answer -----------------------------------

WORDS = st.sampled_from(["Mr", "U.S", "Go", "ahead", "the", "D.C", "No", "3", "1", "a", "i",
                         "e.g", "St", "(Laughter", "“yes”", "'quoted'", "Jan", "5", "etc", "It",
                         "Dr", "No.", "vs", "—", "-", ",", ";", ":", "(a)", "1)", "A", "B", "Q",
                         "it's", "students'", "(Laughter)", "“", "”", "\"", "'", "(", ")", "I",
                         "「x」", "（x）", "The", "“A”", "&", "%", "$5", "…", "—", "Yes", "USA"])
ENDS = st.sampled_from(["", ".", "?", "!", "...", "?!", "…", ".”", "?)", ".'", "!]", "。", "..",
                        "!!", "?!?", "....", ". .", "!!!", "．"])


@given(st.lists(WORDS, min_size=1, max_size=25), ENDS)
@settings(max_examples=3000, deadline=None)
def test_one_sentence_shortcut_matches_pysbd(words, end):
    paragraph = (" ".join(words) + end).strip()
    if paragraph:
        assert split_paragraph(paragraph) == _pysbd_spans(paragraph)


@pytest.mark.shared
@needs_shared
def test_one_sentence_shortcut_matches_pysbd_on_the_corpus():
    from index.load import iter_files, load_file

    checked = 0
    corpus = SHARED / "corpus"
    for path in iter_files([corpus / "seed", corpus / "mfa" / "html",
                            corpus / "whitehouse" / "sample"]):
        for turn in load_file(path).turns:
            for paragraph in turn.text.split("\n\n"):
                if _ONE_SENTENCE.match(paragraph):
                    assert split_paragraph(paragraph) == _pysbd_spans(paragraph), paragraph
                    checked += 1
    assert checked > 5000


# --- _segment is pysbd's segment without one regex compile per sentence ------------------------

def _pysbd_segment(text: str) -> list[str]:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False).segment(text)


SPACES = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0", ""])


@given(st.lists(st.tuples(st.lists(WORDS, min_size=1, max_size=8), ENDS, SPACES), min_size=1,
                max_size=8))
@settings(max_examples=1500, deadline=None)
def test_segment_matches_pysbd(sentences):
    # repeated sentences and odd whitespace are where finding each sentence again could differ
    text = "".join(" ".join(words) + end + space for words, end, space in sentences)
    text = text + text[: len(text) // 2]
    assert _segment(text) == _pysbd_segment(text)


@pytest.mark.shared
@needs_shared
def test_segment_matches_pysbd_on_the_corpus():
    from index.load import iter_files, load_file

    checked = 0
    for path in iter_files([SHARED / "corpus" / "mfa" / "html"]):
        for turn in load_file(path).turns:
            assert _segment(turn.text) == _pysbd_segment(turn.text), turn.text[:200]
            checked += 1
    assert checked > 300
