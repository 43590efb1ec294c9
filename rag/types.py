"""The records that flow between podium's stages.

``index`` produces :class:`Briefing` and :class:`Turn`; ``rag`` turns a question into an
:class:`Answer` made of :class:`Quote` slices. A quote never carries typed text: its
``text`` is always derived from ``turn.text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["official", "journalist", "moderator", "unknown"]
ROLES: tuple[Role, ...] = ("official", "journalist", "moderator", "unknown")


@dataclass(frozen=True)
class Speaker:
    """One entry of a briefing's roster."""

    name: str
    role: Role = "unknown"
    title: str | None = None


@dataclass(frozen=True)
class RawTurn:
    """A turn as a loader reads it, before roles are decided.

    ``role_hint`` is what the format itself says ("Q:" is a journalist, "A:" the
    spokesperson, a bold MFA paragraph a question); ``None`` when it says nothing.
    """

    speaker: str
    text: str
    page: int | None = None
    role_hint: Role | None = None


@dataclass(frozen=True)
class Briefing:
    """One press briefing. ``id`` is stable: from the source URL or the file's content hash."""

    id: str
    title: str
    date: str | None  # ISO 8601 (YYYY-MM-DD) or None when the source gives none
    source_url: str | None
    source_path: str
    content_hash: str
    pages: int = 1
    speakers: tuple[Speaker, ...] = ()
    format: str = ""


@dataclass(frozen=True)
class Transcript:
    """What a loader returns: the briefing's metadata and its turns in order."""

    briefing: Briefing
    turns: tuple[RawTurn, ...]


@dataclass(frozen=True)
class Turn:
    """One stored speaker turn. ``text`` is exactly what quotes are sliced from."""

    briefing_id: str
    index: int
    speaker: str
    role: Role
    text: str
    answers_turn: int | None = None
    page: int | None = None

    @property
    def id(self) -> str:
        return turn_id(self.briefing_id, self.index)


def turn_id(briefing_id: str, index: int) -> str:
    """The stable id of a turn: ``"{briefing_id}:{index:04d}"``."""
    return f"{briefing_id}:{index:04d}"


@dataclass(frozen=True)
class Quote:
    """A character-exact slice ``turn.text[start:end]`` of an official's turn."""

    turn: Turn
    start: int
    end: int
    briefing: Briefing
    question: Turn | None = None  # the journalist turn it answers: context, never quoted
    citation: int = 0  # 1-based number shown as [n]
    scores: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= len(self.turn.text):
            raise ValueError(
                f"quote span {self.start}:{self.end} is outside turn {self.turn.id} "
                f"(length {len(self.turn.text)})"
            )
        if self.turn.role != "official":
            raise ValueError(
                f"turn {self.turn.id} by {self.turn.speaker!r} has role {self.turn.role!r}: "
                "only officials may be quoted"
            )

    @property
    def text(self) -> str:
        return self.turn.text[self.start : self.end]


@dataclass(frozen=True)
class Answer:
    """podium's reply to one question."""

    question: str
    quotes: tuple[Quote, ...]
    abstained: bool
    message: str
    scores: dict[str, float] = field(default_factory=dict)  # per stage, e.g. best dense cosine
    timings_ms: dict[str, float] = field(default_factory=dict)
    filters: dict[str, object] = field(default_factory=dict)
    asks_for: str = ""  # whose words the question asks for, if it names them (rag.scope)
