"""Decide who is speaking in what role, and which question each official turn answers.

:func:`assign_roles` is the entry point. A turn's role comes from, in order:

1. the roster: the ``roster`` argument, then the briefing's own ``speakers`` (sidecar, front
   matter, index.jsonl). Names match exactly (case and spacing aside), never by prefix:
   "Li Xiao" and "Li Xiaomei" are two people. Roster entries with role "unknown" decide nothing;
2. the format's ``role_hint`` ("Q:" is a journalist, "A:" the spokesperson, …);
3. heuristics: outlet-like names ("Global Times", "CCTV") are journalists; a turn with a
   closing phrase ("That is all for today's …") is the moderator's; a turn that asks, followed
   by another speaker, is a journalist's and the reply an official's; then each speaker's
   majority role fills their undecided turns. What is still undecided is "unknown".

``answers_turn`` of an official turn is the closest journalist turn before it, unless another
official turn, or a moderator turn closing the exchange, comes in between (so an announcement
after a "***" separator answers nothing). Opening statements answer nothing.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import replace

from index.formats import word_set
from rag.types import Briefing, RawTurn, Role, Speaker, Transcript, Turn

log = logging.getLogger(__name__)

_OUTLET_WORDS = word_set(
    """daily times tv news agency press post radio channel network herald journal reuters afp
    ap bloomberg cctv cgtn cri xinhua nhk bbc cnn phoenix tass ria efe yonhap kyodo fsn
    broadcasting television newspaper magazine tribune gazette telegraph shimbun ilbo novosti
    sputnik monthly weekly cnr cns scmp nikkei dpa ansa irna npr"""
)
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_CLOSING = re.compile(
    r"\b(that is all for today|that's all for today|that concludes|this concludes"
    r"|thank you to all the speakers|(today's|this) (press conference|briefing) is (now )?"
    r"(over|concluded|adjourned))",
    re.IGNORECASE,
)
_ASKING = re.compile(
    r"\?|\b(I would like to know|I'd like to know|I wonder|could you (tell|comment|elaborate|"
    r"confirm|give)|can you (tell|comment|confirm|give)|what is your comment"
    r"|do you have any comment)\b",
    re.IGNORECASE,
)


def assign_roles(
    transcript: Transcript, roster: dict[str, Speaker] | None = None
) -> tuple[Briefing, list[Turn]]:
    """The briefing with its completed roster, and its turns with roles and ``answers_turn``.

    ``roster`` (e.g. the role overrides of ``podium speakers --set-role``) wins over the
    briefing's own roster; its entries for people who do not speak here are ignored."""
    briefing, raw = transcript.briefing, list(transcript.turns)
    given = {speaker_key(s.name): s for s in briefing.speakers}
    own = dict(given)
    for name, entry in (roster or {}).items():
        base = given.get(speaker_key(name))
        given[speaker_key(name)] = replace(entry, name=base.name if base else name,
                                           title=entry.title or (base.title if base else None))
    roles, locked = _initial_roles(raw, given)
    _question_pairs(raw, roles)
    _speaker_majority(raw, roles, locked)
    final: list[Role] = [role or "unknown" for role in roles]
    answers = _answers(raw, final)
    turns = [
        Turn(briefing.id, i, t.speaker, final[i], t.text, answers[i], t.page)
        for i, t in enumerate(raw)
    ]
    speaking = {speaker_key(t.speaker) for t in raw}
    speakers = _completed_roster(raw, final,
                                 {k: v for k, v in given.items() if k in own or k in speaking})
    log.debug("%s: roles %s", briefing.id, Counter(final))
    return replace(briefing, speakers=speakers), turns


def is_outlet(name: str) -> bool:
    """"Global Times", "Shenzhen TV", "CCTV": a news organisation, not a person."""
    words = name.replace("-", " ").split()
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return True
    return any(word.casefold().strip(".") in _OUTLET_WORDS for word in words)


def speaker_key(name: str) -> str:
    """How names are matched: exactly, but for case and spacing."""
    return " ".join(name.split()).casefold()


def _initial_roles(
    raw: list[RawTurn], given: dict[str, Speaker]
) -> tuple[list[Role | None], list[bool]]:
    """Roster and hints decide and lock a turn; name and closing-phrase heuristics only decide."""
    roles: list[Role | None] = []
    locked: list[bool] = []
    for turn in raw:
        entry = given.get(speaker_key(turn.speaker))
        if entry is not None and entry.role != "unknown":
            roles.append(entry.role)
            locked.append(True)
        elif turn.role_hint is not None:
            roles.append(turn.role_hint)
            locked.append(True)
        else:
            roles.append(_name_or_phrase_role(turn))
            locked.append(False)
    return roles, locked


def _name_or_phrase_role(turn: RawTurn) -> Role | None:
    if is_outlet(turn.speaker):
        return "journalist"
    if _CLOSING.search(turn.text):
        return "moderator"
    return None


def _question_pairs(raw: list[RawTurn], roles: list[Role | None]) -> None:
    """An asking turn answered by another speaker is a journalist's; the answer an official's."""
    for i in range(len(raw) - 1):
        if raw[i].speaker == raw[i + 1].speaker:
            continue
        follower = roles[i + 1]
        if roles[i] is None and _ASKING.search(raw[i].text) and follower not in (
            "journalist", "moderator"
        ):
            roles[i] = "journalist"
        if roles[i] == "journalist" and follower is None:
            roles[i + 1] = "official"


def _speaker_majority(raw: list[RawTurn], roles: list[Role | None], locked: list[bool]) -> None:
    """A speaker mostly classified one way keeps that role for all their unlocked turns."""
    by_speaker: dict[str, Counter] = {}
    for turn, role in zip(raw, roles, strict=True):
        if role is not None:
            by_speaker.setdefault(turn.speaker, Counter())[role] += 1
    for i, turn in enumerate(raw):
        counts = by_speaker.get(turn.speaker)
        if locked[i] or not counts:
            continue
        role, n = counts.most_common(1)[0]
        if n * 2 > sum(counts.values()):
            roles[i] = role


def _answers(raw: list[RawTurn], roles: list[Role]) -> list[int | None]:
    answers: list[int | None] = [None] * len(raw)
    for k, role in enumerate(roles):
        if role != "official":
            continue
        for j in range(k - 1, -1, -1):
            if roles[j] == "journalist":
                answers[k] = j
                break
            if roles[j] == "official" or (
                roles[j] == "moderator" and _CLOSING.search(raw[j].text)
            ):
                break
    return answers


def _completed_roster(
    raw: list[RawTurn], roles: list[Role], given: dict[str, Speaker]
) -> tuple[Speaker, ...]:
    """Every speaker (first appearance order) with their majority role, then unused entries."""
    counts: dict[str, Counter] = {}
    for turn, role in zip(raw, roles, strict=True):
        counts.setdefault(turn.speaker, Counter())[role] += 1
    speakers = []
    for name, count in counts.items():
        entry = given.get(speaker_key(name))
        speakers.append(Speaker(name, count.most_common(1)[0][0], entry.title if entry else None))
    seen = {speaker_key(name) for name in counts}
    speakers.extend(s for k, s in given.items() if k not in seen)
    return tuple(speakers)
