from index.chunks import exchange_question, prepare
from rag.types import Briefing, Turn

BRIEFING = Briefing(id="b", title="Press Briefing", date="2023-01-25", source_url=None,
                    source_path="b.txt", content_hash="h")


def _turns(*rows):
    return [Turn(briefing_id="b", index=n, speaker=speaker, role=role, text=text,
                 answers_turn=answers)
            for n, (speaker, role, text, answers) in enumerate(rows)]


def _words(texts):
    return [len(t.split()) for t in texts]


TANKS = _turns(
    ("Q", "journalist", "Can you tell us a little bit more about how the U.S. settled on the "
                        "number of tanks it is providing: 31?", None),
    ("John Kirby", "official", "Yeah.", 0),
    ("Q", "journalist", "That's a very specific number.", None),
    ("John Kirby", "official", "It is basically the size of a Ukrainian tank battalion.", 2),
    ("Q", "journalist", "And what about the timeline for delivering those tanks to Ukraine?",
     None),
    ("John Kirby", "official", "It will take many months to get them there.", 4),
)


def test_a_short_follow_up_is_read_with_the_question_before_it():
    by_index = {t.index: t for t in TANKS}
    assert exchange_question(TANKS[2], by_index) == f"{TANKS[0].text}\n\n{TANKS[2].text}"
    assert exchange_question(TANKS[4], by_index) == TANKS[4].text  # long enough alone
    assert exchange_question(TANKS[0], by_index) == TANKS[0].text  # nothing before it


def test_a_short_question_from_another_journalist_is_a_new_question():
    turns = _turns(("CRI", "journalist", "The Arab League met on Libya. Does China have a "
                                         "comment?", None),
                   ("Zhao Lijian", "official", "China supports the Arab League on Libya.", 0),
                   ("Reuters", "journalist", "Will the trade talks resume next month?", None),
                   ("Zhao Lijian", "official", "I have no information on the trade talks.", 2))
    assert exchange_question(turns[2], {t.index: t for t in turns}) == turns[2].text


def test_the_question_before_is_not_taken_across_a_moderator():
    turns = _turns(("Q", "journalist", "A long question about the trade deal with China?", None),
                   ("Host", "moderator", "Next question.", None),
                   ("Q", "journalist", "And Japan?", None),
                   ("Official", "official", "We have said what we have to say on that.", 2))
    assert exchange_question(turns[2], {t.index: t for t in turns}) == "And Japan?"


def test_question_chunks_skip_one_word_replies_and_carry_the_follow_up_context():
    prepared = prepare(BRIEFING, TANKS, 200, _words)
    questions = {c.turn_index: c for c in prepared.chunks if c.kind == "question"}
    assert 1 not in questions  # "Yeah." is found by nothing but its own words
    assert questions[3].text.startswith("Can you tell us") and \
        questions[3].text.endswith("specific number.")
    assert (questions[3].start, questions[3].end) == (0, len(TANKS[2].text))
    assert questions[5].text == TANKS[4].text
    assert {c.turn_index for c in prepared.chunks if c.kind == "text"} == {1, 3, 5}
