from index.sentences import sentence_spans, windows


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
