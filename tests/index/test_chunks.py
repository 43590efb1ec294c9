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


MEETING = _turns(*[(speaker, "official", text, None) for speaker, text in [
    ("Project Manager", "Let us talk about the remote control buttons today."),
    ("Industrial Designer", "Yeah."),
    ("Marketing", "Users told us they lose the remote and want fewer buttons on it."),
    ("Industrial Designer", "Mm-hmm."),
    ("Project Manager", "So a simple design then, with a big power button."),
    ("User Interface", "And a speech recogniser could find the lost remote."),
]])


def test_a_transcript_without_questions_gets_overlapping_passages(monkeypatch):
    monkeypatch.setattr("index.chunks.PASSAGE_WORDS", 15)
    prepared = prepare(BRIEFING, MEETING, 200, _words)
    passages = [c for c in prepared.chunks if c.kind == "passage"]
    # 9 + 1 + 13 words reach 15 at turn 2; the next passage starts at the middle turn
    assert [(c.start, c.end) for c in passages] == [(0, 3), (1, 4), (2, 5), (3, 6)]
    assert [c.id for c in passages] == [f"b:{n:04d}:passage00" for n in range(4)]
    first = passages[0]
    assert first.text == "\n".join(f"{t.speaker}: {t.text}" for t in MEETING[0:3])
    assert first.turn_index == 0
    # every boundary between two turns falls inside some passage
    assert all(any(c.start <= n and n + 1 < c.end for c in passages)
               for n in range(len(MEETING) - 1))


def test_a_briefing_with_questions_gets_no_passages():
    prepared = prepare(BRIEFING, TANKS, 200, _words)
    assert not [c for c in prepared.chunks if c.kind == "passage"]
    assert {c.kind for c in prepared.chunks} == {"text", "question"}


def test_a_passage_without_an_official_turn_is_left_out(monkeypatch):
    monkeypatch.setattr("index.chunks.PASSAGE_WORDS", 8)
    turns = _turns(("Moderator", "moderator", "Welcome everyone, the hearing is open now.", None),
                   ("Moderator", "moderator", "We will hear from the minister after this.", None),
                   ("Minister", "official", "Thank you for having me here today.", None))
    passages = [c for c in prepare(BRIEFING, turns, 200, _words).chunks if c.kind == "passage"]
    assert [(c.start, c.end) for c in passages] == [(2, 3)]  # (0, 2) and (1, 2) are not
