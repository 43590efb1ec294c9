"""index.roles: roster, hints and heuristics decide roles; answers_turn links answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.roles import assign_roles, is_outlet
from rag.types import ROLES, Briefing, RawTurn, Speaker, Transcript


def transcript(*turns: tuple, speakers: tuple[Speaker, ...] = ()) -> Transcript:
    briefing = Briefing(id="b-1", title="t", date=None, source_url=None, source_path="x.txt",
                        content_hash="0" * 64, speakers=speakers)
    raw = tuple(RawTurn(t[0], t[1], None, t[2] if len(t) > 2 else None) for t in turns)
    return Transcript(briefing=briefing, turns=raw)


SEED_LIKE = transcript(
    ("Southern Metropolis Daily", "What can be done to ensure this? Thank you."),
    ("Li Xiao", "Thank you for your question. We will ensure it."),
    ("Global Times", "How do you evaluate China's performance? Thank you."),
    ("Li Xiaomei", "Thank you for your question. China has always supported it."),
    ("Shou Xiaoli", "That is all for today's policy briefing. Thank you to all the speakers."),
)


def roles_of(turns) -> list[tuple[str, str, int | None]]:
    return [(t.speaker, t.role, t.answers_turn) for t in turns]


def test_seed_like_briefing_by_heuristics():
    briefing, turns = assign_roles(SEED_LIKE)
    assert roles_of(turns) == [
        ("Southern Metropolis Daily", "journalist", None),
        ("Li Xiao", "official", 0),
        ("Global Times", "journalist", None),
        ("Li Xiaomei", "official", 2),
        ("Shou Xiaoli", "moderator", None),
    ]
    assert [t.index for t in turns] == [0, 1, 2, 3, 4]
    assert [t.text for t in turns] == [t.text for t in SEED_LIKE.turns]
    assert all(t.briefing_id == "b-1" for t in turns)
    assert {s.name: s.role for s in briefing.speakers}["Shou Xiaoli"] == "moderator"


def test_roster_names_match_exactly_never_by_prefix():
    roster = {"Li Xiao": Speaker("Li Xiao", "moderator", "Host")}
    briefing, turns = assign_roles(SEED_LIKE, roster)
    assert turns[1].role == "moderator"  # the roster beats the question/answer heuristic
    assert turns[3].role == "official"  # "Li Xiaomei" is somebody else
    by_name = {s.name: s for s in briefing.speakers}
    assert by_name["Li Xiao"].title == "Host" and by_name["Li Xiaomei"].title is None


def test_roster_from_the_briefing_and_case_insensitive_exact_match():
    data = transcript(
        ("Global Times", "A statement, not a question.", None),
        ("li  xiao", "A reply."),
        speakers=(Speaker("Li Xiao", "official", "Deputy Director"),),
    )
    briefing, turns = assign_roles(data, {"Global Times": Speaker("Global Times", "official")})
    assert [t.role for t in turns] == ["official", "official"]
    assert {s.name: s.title for s in briefing.speakers}["li  xiao"] == "Deputy Director"


def test_roster_beats_role_hints_and_hints_beat_heuristics():
    data = transcript(("CCTV", "Is it true?", "official"), ("Hua Chunying", "Yes.", "journalist"))
    assert [t.role for t in assign_roles(data)[1]] == ["official", "journalist"]
    roster = {"Hua Chunying": Speaker("Hua Chunying", "official")}
    assert [t.role for t in assign_roles(data, roster)[1]] == ["official", "official"]


@pytest.mark.parametrize("name", ["Global Times", "Beijing Youth Daily", "Shenzhen TV", "CCTV",
                                  "Xinhua News Agency", "Reuters", "AFP", "FSN", "RIA Novosti",
                                  "Phoenix TV", "Bloomberg", "China Radio International"])
def test_outlets(name):
    assert is_outlet(name)


@pytest.mark.parametrize("name", ["Li Xiao", "Zhao Lijian", "Jen Psaki", "Operator", "Shou Xiaoli"])
def test_people_are_not_outlets(name):
    assert not is_outlet(name)


def test_moderator_closing_and_undecided_is_unknown():
    data = transcript(
        ("Wang Ping", "Good morning. Today we have three speakers."),
        ("Zhang Wei", "This concludes the press conference."),
        ("Chen Lu", "Some remark."),
    )
    assert [t.role for t in assign_roles(data)[1]] == ["unknown", "moderator", "unknown"]


def test_majority_per_speaker_fills_undecided_turns():
    data = transcript(
        ("Xu Lin", "Opening remarks about the economy."),
        ("Ms. Wu", "Could you tell us more about it?"),
        ("Xu Lin", "Certainly, growth was strong."),
        ("Ms. Wu", "And next year?"),
        ("Xu Lin", "Also strong."),
    )
    _, turns = assign_roles(data)
    assert roles_of(turns) == [
        ("Xu Lin", "official", None),
        ("Ms. Wu", "journalist", None),
        ("Xu Lin", "official", 1),
        ("Ms. Wu", "journalist", None),
        ("Xu Lin", "official", 3),
    ]


def test_answers_turn_stops_at_another_official_or_a_closing_moderator():
    data = transcript(
        ("Journalist", "What about trade?", "journalist"),
        ("Host", "Minister Li, please.", "moderator"),
        ("Li Wei", "Trade is growing.", "official"),
        ("Zhou Mei", "Let me add a point.", "official"),
        ("Journalist", "And tariffs?", "journalist"),
        ("Host", "That concludes the exchange on trade.", "moderator"),
        ("Li Wei", "Separately, an announcement.", "official"),
    )
    _, turns = assign_roles(data)
    assert [t.answers_turn for t in turns] == [None, None, 0, None, None, None, None]


_turns = st.lists(
    st.tuples(
        st.sampled_from(["Li Xiao", "Li Xiaomei", "CCTV", "Host", "Journalist"]),
        st.sampled_from(["What now?", "We support it.", "That concludes today's briefing.", "x"]),
        st.sampled_from([None, *ROLES]),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(_turns)
def test_assign_roles_invariants(turns):
    briefing, result = assign_roles(transcript(*turns))
    assert [t.index for t in result] == list(range(len(turns)))
    assert [(t.speaker, t.text) for t in result] == [(s, x) for s, x, _ in turns]
    for turn in result:
        assert turn.role in ROLES
        if turn.answers_turn is not None:
            assert turn.role == "official"
            assert turn.answers_turn < turn.index
            assert result[turn.answers_turn].role == "journalist"
    assert {s.name for s in briefing.speakers} == {s for s, _, _ in turns}
