import pytest

from index.chunks import prepare
from rag.embed import HASH_MODEL, TokenCounter
from rag.settings import Settings
from rag.types import Briefing, Turn


@pytest.mark.model
def test_token_counter_counts_word_pieces_not_padding():
    # the bundled tokenizer.json pads every text to 128: a counter that kept that padding
    # made every sentence "128 tokens", so every embedding window held a single sentence
    count = TokenCounter(Settings().model_path).count
    assert count("Thank you.") == 3
    assert count("The President has said many things about the economy.") == 10
    long = "word " * 400
    assert count(long) == 400  # past the model's limit: the real length, not truncated


@pytest.mark.model
def test_windows_hold_several_sentences_up_to_the_budget():
    settings = Settings()
    text = " ".join(f"Point number {n} is that the economy grew in the quarter." for n in range(40))
    turn = Turn(briefing_id="b", index=0, speaker="Jen Psaki", role="official", text=text)
    count = TokenCounter(settings.model_path).count
    prepared = prepare(Briefing(id="b", title="t", date=None, source_url=None, source_path="t.txt",
                                 content_hash="h"), [turn], settings.max_window_tokens,
                       TokenCounter(settings.model_path).counts)
    windows = [c for c in prepared.chunks if c.kind == "text"]
    assert 1 < len(windows) < 40
    assert all(count(w.text) <= settings.max_window_tokens for w in windows)
    assert " ".join(w.text for w in windows) == text


def test_hash_counter_needs_no_model():
    assert TokenCounter(HASH_MODEL).count("one two three") == 4
