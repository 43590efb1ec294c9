"""The claim a "who said" question reports (rag.claim.reported_claim)."""

from __future__ import annotations

import numpy as np
import pytest

from rag.claim import reported_claim


@pytest.mark.parametrize(("question", "claim"), [
    ("Which White House official insisted, on the day of Russia's invasion of Ukraine, that "
     "the door to diplomacy remained open?", "the door to diplomacy remained open"),
    ("Which official at the June 2021 SCIO human rights briefing noted that China has won "
     "election to the UN Human Rights Council five times?",
     "China has won election to the UN Human Rights Council five times"),
    ("During the January 2025 Los Angeles wildfires, which official said FEMA had gotten "
     "$27 billion from the latest supplemental?", "FEMA had gotten $27 billion from the latest "
                                                   "supplemental"),
    ("Who dismissed Nagy's criticism as envy driven by a Cold War mindset?",
     "Nagy's criticism as envy driven by a Cold War mindset"),
    ("Which Chinese spokesperson branded Peter Navarro a serial liar?",
     "Peter Navarro a serial liar"),
    # a clause on the occasion between the asker and the verb, however long
    ("Which Chinese foreign ministry spokesperson, asked in April 2020 about a bill from "
     "Senators Cotton and Hawley named after Dr. Li Wenliang, said it was hard to understand "
     "how those lawmakers had ever been elected?",
     "it was hard to understand how those lawmakers had ever been elected"),
    ("Which spokesperson, responding in June 2020 to Robert O'Brien's claim that foreign "
     "actors were exploiting the protests, advised American politicians to fix their own "
     "problems first?", "American politicians to fix their own problems first"),
    # an economist or a diplomat is asked for as an official is
    ("Which White House economist said in July 2022 that the word left people unsure how "
     "long prices would rise?", "the word left people unsure how long prices would rise"),
    # other verbs that report words
    ("Which spokesperson, reacting in May 2020 to Donald Trump saying he might revoke the "
     "visas of Chinese students, wondered whether this was a rebirth of McCarthyism?",
     "whether this was a rebirth of McCarthyism"),
    ("Which White House official joked in May 2022 that BTS had opened for him?",
     "BTS had opened for him"),
    ("Which White House economist pointed out in July 2022 that consumer spending makes up a "
     "bigger share of the US economy?", "consumer spending makes up a bigger share of the US "
                                        "economy"),
    # "told" is followed by whom it was told
    ("Which official told reporters at the White House in January 2025, during the wildfires, "
     "that there had been 179 disaster declarations?", "there had been 179 disaster "
                                                      "declarations"),
    ("Which Cabinet member told a July 2021 briefing that 97 percent of people in hospital "
     "were unvaccinated?", "97 percent of people in hospital were unvaccinated"),
])
def test_the_claim_of_a_who_said_question(question, claim):
    assert reported_claim(question) == claim


@pytest.mark.parametrize("question", [
    "What did the spokesperson say about Libya?",  # asks what, not who
    "Who is taking over from Lu Kang as the foreign ministry's spokesman?",  # no reporting verb
    "Who said so?",  # nothing reported
    "Does China back the Arab League on Libya?",
    "Which country did the foreign ministry spokesperson at the briefing in Beijing on the "
    "24th of June say would host the talks?",  # the verb is too far from the asker
    # the role word is no asker after a verb: "official travel" asks for no official
    "Which parts of China did the fast lane for essential business and official travel "
    "cover, as described by the foreign ministry in June 2020?",
    # a verb that takes an object, not words: the object is the topic
    "Which spokesperson praised the city of Wagga Wagga for restoring its sister-city ties?",
])
def test_other_questions_report_no_claim(question):
    assert reported_claim(question) is None


def test_sentences_are_scored_by_question_and_claim_together(tiny_index, monkeypatch):
    """The rerank query is the normalised mean of the question's and the claim's vectors."""
    import rag.answer as answer_module
    from rag.answer import Podium
    from rag.retrieve import PIPELINES

    engine = Podium(tiny_index)
    seen = []
    real = answer_module.rerank
    monkeypatch.setattr(answer_module, "rerank",
                        lambda reader, query, *a, **k: seen.append(query) or
                        real(reader, query, *a, **k))
    question = "Which spokesperson said that China supports the Arab League on Libya?"
    engine.rank(question)
    engine.rank(question, pipeline=PIPELINES["podium-no-claims"])
    embed = engine.embeddings.embed_query
    both = np.add(embed(question), embed("China supports the Arab League on Libya"))
    assert np.allclose(seen[0], both / np.linalg.norm(both), atol=1e-6)
    assert np.allclose(seen[1], embed(question), atol=1e-6)



def test_a_clause_closed_by_no_verb_of_saying_reports_no_claim():
    # "declined … and called it …": no verb after a comma closes the clause on the occasion
    assert reported_claim(
        "Which White House official, asked in January 2023 amid the classified-documents "
        "revelations whether Washington classifies too much, declined to make a sweeping "
        "judgment and called it a question of balance?") is None


def test_every_gold_question_is_read_without_error():
    """The question readers (who said, what is asked for, when, which names) take every
    question of the gold files, and each of their sentences as a "Which official, …"
    question (the blind seventeenth set found a crash in the claim reader)."""
    import json
    import re
    from pathlib import Path

    from rag.abstain import named_phrases
    from rag.dates import named_period
    from rag.figures import asked_for

    questions = [json.loads(line)["question"]
                 for path in sorted(Path(__file__).parents[2].glob("eval/data/podium_qa*.jsonl"))
                 for line in path.read_text().splitlines() if line.strip()]
    assert len(questions) > 800
    sentences = [s for q in questions for s in re.split(r"(?<=[?.!])\s+", q) if s]
    for question in questions + [f"Which official, {s[0].lower()}{s[1:]}" for s in sentences]:
        reported_claim(question)
        asked_for(question)
        named_period(question)
        named_phrases(question)
