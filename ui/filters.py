"""The chat's filters: speakers, briefings, date range and roles, from whatever the browser
sends (Gradio may send ``None`` for an empty box) to ``rag.retrieve.Filters``.

Roles: only officials can be *quoted* (the promise), so answers and timelines always search
officials; the roles filter widens "Who said" searches to journalists' and moderators'
turns, which are then shown as context, never as quotes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rag.answer import Podium
from rag.retrieve import Filters
from rag.types import ROLES

DEFAULT_ROLES: tuple[str, ...] = ("official",)


@dataclass(frozen=True)
class UiFilters:
    speakers: tuple[str, ...] = ()
    briefings: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    roles: tuple[str, ...] = DEFAULT_ROLES

    def as_dict(self) -> dict:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}


def _items(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    return tuple(str(v).strip() for v in value if v is not None and str(v).strip())


def _date(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def from_ui(speakers=None, briefings=None, since=None, until=None, roles=None) -> UiFilters:
    """Normalise component values; an empty roles box means the default (officials)."""
    chosen = _items(roles) or DEFAULT_ROLES
    bad = [r for r in chosen if r not in ROLES]
    if bad:
        raise ValueError(f"unknown role(s) {', '.join(bad)}: choose from {', '.join(ROLES)}")
    return UiFilters(_items(speakers), _items(briefings), _date(since), _date(until), chosen)


def to_engine(engine: Podium, ui: UiFilters, *, speakers: tuple[str, ...] | None = None,
              since: str | None = None, until: str | None = None) -> Filters:
    """Validated engine filters (unknown speaker/briefing or a bad date raise ValueError);
    a follow-up's own speakers or dates take precedence over the boxes."""
    return engine.filters(speakers or ui.speakers, ui.briefings, since or ui.since,
                          until or ui.until)


def briefing_choices(engine: Podium) -> list[tuple[str, str]]:
    """(label, id) for every indexed briefing, newest first."""
    rows = sorted(engine.reader.briefings.values(), key=lambda b: (b.date or "", b.id),
                  reverse=True)
    return [(f"{b.date or 'undated'} — {b.title[:90]}", b.id) for b in rows]


def official_choices(engine: Podium) -> list[str]:
    return sorted({s["speaker"] for s in engine.reader.speakers() if s["role"] == "official"})


def chip_data(engine: Podium, ui: UiFilters) -> dict:
    """What the chips show: briefing titles instead of ids where known."""
    labels = []
    for bid in ui.briefings:
        b = engine.reader.briefings.get(bid)
        labels.append(f"{b.date or 'undated'} {b.title[:40]}" if b else bid)
    return {**ui.as_dict(), "briefing_labels": labels}
