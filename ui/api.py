"""The Gradio API endpoints (``/ask``, ``/who_said``, ``/timeline``): the same filters as
the chat and the CLI, the same JSON as ``podium ask --json`` (schema 1).

Call them with ``gradio_client``::

    Client("http://127.0.0.1:7860/").predict("student loans", ["Jen Psaki"], [], "2021-01-01",
                                              "", api_name="/ask")
"""

from __future__ import annotations

from rag.answer import Podium
from rag.render import answer_to_dict
from rag.whosaid import sighting_to_dict, timeline, who_said
from ui.filters import from_ui, to_engine


def _filters(engine: Podium, speakers, briefings, since, until, roles=None):
    import gradio as gr

    try:
        ui = from_ui(speakers, briefings, since, until, roles)
        return ui, to_engine(engine, ui)
    except ValueError as exc:
        raise gr.Error(str(exc)) from exc


def register(engine: Podium) -> None:
    """Add the endpoints to the Blocks being built (call inside ``with gr.Blocks()``)."""
    import gradio as gr

    def ask(question: str, speakers: list[str] | None = None,
            briefings: list[str] | None = None, since: str | None = None,
            until: str | None = None) -> dict:
        """Answer with officials' verbatim, cited quotes (the `podium ask --json` schema)."""
        _, filters = _filters(engine, speakers, briefings, since, until)
        try:
            answer = engine.ask(question or "", speakers=filters.speakers,
                                briefings=filters.briefings, since=filters.since,
                                until=filters.until)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        return answer_to_dict(answer)

    def who_said_api(phrase: str, roles: list[str] | None = None,
                     speakers: list[str] | None = None, briefings: list[str] | None = None,
                     since: str | None = None, until: str | None = None) -> dict:
        """Turns containing a phrase (exact or near-exact): speaker, briefing, date, span."""
        ui, filters = _filters(engine, speakers, briefings, since, until, roles)
        try:
            found = who_said(engine.reader, phrase or "", roles=ui.roles, filters=filters)
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc
        rows = [sighting_to_dict(engine.reader, s, n) for n, s in enumerate(found, start=1)]
        return {"schema": 1, "phrase": phrase, "filters": {**filters.as_dict(),
                                                           "roles": list(ui.roles)},
                "sightings": rows}

    def timeline_api(topic: str, speakers: list[str] | None = None,
                     briefings: list[str] | None = None, since: str | None = None,
                     until: str | None = None) -> dict:
        """One quote per briefing for a topic, oldest first (the `ask --json` schema)."""
        _, filters = _filters(engine, speakers, briefings, since, until)
        try:
            return answer_to_dict(timeline(engine, topic or "", filters))
        except ValueError as exc:
            raise gr.Error(str(exc)) from exc

    gr.api(ask, api_name="ask")
    gr.api(who_said_api, api_name="who_said")
    gr.api(timeline_api, api_name="timeline")
