"""Whose words a question asks for (rag.scope), and answers that quote only them."""

from __future__ import annotations

import pytest
from conftest import write_index

from rag.answer import Podium
from rag.retrieve import PIPELINES
from rag.scope import institution_of, quoted_officials, speaking_institution
from rag.types import Briefing, Speaker, Turn

CHINA, WHITE_HOUSE = "the Chinese government", "the White House"


@pytest.mark.parametrize("question, named, expected", [
    ("What did John Kirby say about the Key Bridge collapse?", ("John Kirby",), ("John Kirby",)),
    ("Psaki told reporters what about the vaccine mandate?", ("Jen Psaki",), ("Jen Psaki",)),
    ("According to Zhao Lijian, who is to blame?", ("Zhao Lijian",), ("Zhao Lijian",)),
    # named as the topic, not as the one speaking
    ("Does Biden blame Jake Sullivan for the rift with France?", ("Jake Sullivan",), ()),
    ("Who is taking over from Lu Kang as spokesman?", ("Lu Kang",), ()),
    # the reporter's statement before the question sets the scene
    ("President Biden says climate change drives migration. How did you decide whom to "
     "invite?", ("Joe Biden",), ()),
    ("Jen Psaki spoke on Monday. What did Psaki say about the aid?", ("Jen Psaki",),
     ("Jen Psaki",)),
    # a meeting: asks about a discussion, not for one speaker's words alone
    ("What did the Professor think about the results?", ("Professor B",), ()),
])
def test_an_official_is_asked_for_with_a_verb_of_saying(question, named, expected):
    assert quoted_officials(question, named) == expected


@pytest.mark.parametrize("question, expected", [
    ("What did China's foreign ministry say about the Beirut explosion?", CHINA),
    ("How did Beijing react to the sanctions?", CHINA),
    ("What is China’s position on the Kalapani dispute?", CHINA),
    ("Which Chinese foreign ministry spokesperson branded Navarro a liar?", CHINA),
    ("Did the White House urge a boycott of Georgia businesses?", WHITE_HOUSE),
    ("According to the White House, what would the failure signal?", WHITE_HOUSE),
    ("Which press secretary said the busing was a political game?", WHITE_HOUSE),
    # the other institution is only the topic
    ("How did China respond to the White House's decision to close the consulate?", CHINA),
    # what an institution did is the topic, not its words
    ("Does the United States back the study that China rejected in July 2021?", None),
    ("When did China lift its duties on Australian barley?", None),
    ("Does China back the Arab League on Libya?", None),
    # both speak: no one institution to keep
    ("Did the White House respond to China's position on the talks?", None),
])
def test_an_institution_is_asked_for_as_the_one_that_speaks(question, expected):
    found = speaking_institution(question)
    assert (found.name if found else None) == expected


def _briefing(bid: str, url: str | None, title: str = "Press Conference") -> Briefing:
    return Briefing(id=bid, title=title, date="2021-03-01", source_url=url,
                    source_path=f"/tmp/{bid}.txt", content_hash=f"hash-{bid}")


@pytest.mark.parametrize("url, title, expected", [
    ("https://www.fmprc.gov.cn/mfa_eng/xwfw_665399/t1792107.shtml", "Regular Press", CHINA),
    ("https://bidenwhitehouse.archives.gov/briefing-room/press-briefings/x/", "Briefing",
     WHITE_HOUSE),
    ("https://www.whitehouse.gov/briefings/x/", "Briefing", WHITE_HOUSE),
    (None, "SCIO briefing on the National Human Rights Action Plan", CHINA),
    ("https://example.org/briefing", "Press Secretary briefing", None),  # the host decides
    (None, "Weekly meeting", None),
])
def test_whose_briefing_it_is(url, title, expected):
    found = institution_of(_briefing("b", url, title))
    assert (found.name if found else None) == expected


def _corpus(*owners: str) -> list[tuple[Briefing, list[Turn]]]:
    """One briefing per owner ("china", "whitehouse"), each with an official's reply on
    Libya and the Arab League."""
    made = {
        "china": ("https://www.fmprc.gov.cn/mfa_eng/t1.shtml", "Zhao Lijian",
                  "China supports the Arab League in its role on Libya and opposes military "
                  "intervention by foreign forces."),
        "whitehouse": ("https://bidenwhitehouse.archives.gov/briefing-room/x/", "Jen Psaki",
                       "We support the Arab League in its role on Libya and the ceasefire "
                       "talks among the Libyan parties."),
    }
    corpus = []
    for n, owner in enumerate(owners):
        url, official, reply = made[owner]
        briefing = Briefing(id=f"{owner}-{n}", title="Press briefing", date=f"2021-03-0{n + 1}",
                            source_url=url, source_path=f"/tmp/{owner}.txt",
                            content_hash=f"hash-{owner}",
                            speakers=(Speaker(official, "official"), Speaker("AP", "journalist")))
        corpus.append((briefing, [
            Turn(briefing.id, 0, "AP", "journalist", "What about the Arab League and Libya?"),
            Turn(briefing.id, 1, official, "official", reply, answers_turn=0),
        ]))
    return corpus


def test_an_answer_quotes_only_whom_the_question_asks_for(hash_settings):
    engine = Podium(write_index(hash_settings, _corpus("china", "whitehouse")))
    both = engine.ask("What about the Arab League role on Libya?")
    assert {q.turn.speaker for q in both.quotes} == {"Zhao Lijian", "Jen Psaki"}

    china = engine.ask("What did China's foreign ministry say about the Arab League on Libya?")
    assert [q.turn.speaker for q in china.quotes] == ["Zhao Lijian"]
    assert china.asks_for == "the Chinese government"
    assert china.filters["briefings"] == []  # the filters the user chose
    assert "only the words of the Chinese government, as the question asks" in china.message

    psaki = engine.ask("What did Jen Psaki say about the Arab League on Libya?")
    assert [q.turn.speaker for q in psaki.quotes] == ["Jen Psaki"]
    assert psaki.asks_for == "Jen Psaki" and psaki.filters["speakers"] == []

    # a filter the user set is kept
    kept = engine.ask("What did Jen Psaki say about the Arab League on Libya?",
                      speakers=("Zhao Lijian",))
    assert [q.turn.speaker for q in kept.quotes] == ["Zhao Lijian"] and not kept.asks_for
    # and the eval's ablation turns the lever off
    off = engine.ask("What did China's foreign ministry say about the Arab League on Libya?",
                     pipeline=PIPELINES["podium-no-scope"])
    assert {q.turn.speaker for q in off.quotes} == {"Zhao Lijian", "Jen Psaki"}


def test_an_institution_with_no_indexed_briefing_has_nothing_to_quote(hash_settings):
    engine = Podium(write_index(hash_settings, _corpus("whitehouse")))
    answer = engine.ask("What did China's foreign ministry say about the Arab League on Libya?")
    assert answer.abstained and not answer.quotes
    assert answer.message == ("No indexed briefing has the words of the Chinese government, "
                              "whom the question asks for, so there is nothing to quote.")


def test_briefings_of_no_known_institution_are_never_scoped(tiny_index):
    # tiny_corpus's briefings come from example.org: whose they are is unknown
    answer = Podium(tiny_index).ask("What did China's foreign ministry say about the Arab "
                                    "League on Libya?")
    assert [q.turn.speaker for q in answer.quotes][:1] == ["Zhao Lijian"]
    assert not answer.asks_for and "as the question asks" not in answer.message
