from rag.abstain import head_word, named_phrases, unknown_names


def test_named_phrases_skip_question_words_and_split_possessives():
    assert named_phrases("What did Karine Jean-Pierre say about Lewiston, Maine?") == \
        ["Karine Jean-Pierre", "Lewiston", "Maine"]
    assert named_phrases("What about Sinovac's COVID-19 data?") == ["Sinovac's", "COVID-19"]
    assert named_phrases("how are you today?") == []


def test_head_word_is_the_last_word_without_possessive():
    assert head_word("Governor Greg Abbott's") == "abbott"
    assert head_word("Champlain Towers") == "towers"


def test_unknown_names_need_an_unmentioned_head_word():
    vocabulary = {"governor", "abbott", "china", "libya", "maine"}
    assert unknown_names("Did Governor Greg Abbott send buses?", vocabulary) == []
    assert unknown_names("What about Astroworld and Libya?", vocabulary) == ["Astroworld"]
    assert unknown_names("What about Lewiston, Maine?", vocabulary) == ["Lewiston"]
    assert unknown_names("What about Astroworld?", set()) == []  # no vocabulary: no verdict


def test_unknown_name_abstains_without_quotation_marks(tiny_index):
    from rag.answer import Podium

    answer = Podium(tiny_index).ask("What did China say about Astroworld and Libya?")
    assert answer.abstained and not answer.quotes
    assert "mentions Astroworld" in answer.message
    assert "“" not in answer.message and '"' not in answer.message
