"""The review workspace (Gradio Blocks): ask on the left, review every cited quote on the right,
read whole briefings in the Browse tab.

``build_app(settings)`` returns the Blocks; ``serve`` launches it on 127.0.0.1 by default,
never with a share link, behind ``auth`` when given. This module only lays out components
and wires them to the callbacks in ``ui.events``, which call plain, tested functions.
"""

from __future__ import annotations

import logging
import os
from types import SimpleNamespace

import gradio as gr

from rag.answer import Podium
from rag.settings import Settings
from ui import api, handlers
from ui.events import Events
from ui.filters import DEFAULT_ROLES, briefing_choices, official_choices
from ui.render import EMPTY_SOURCE, EMPTY_TRANSCRIPT, chips_html

log = logging.getLogger(__name__)

EXAMPLES = [
    "What did the press secretary say about the World Health Organization?",
    "How is the administration handling student loan payments?",
    "How does China evaluate its role in global human rights governance?",
    "Who said the trip was a success",
    "Timeline of vaccine distribution",
]
PLACEHOLDER = ("**Ask about the indexed press briefings.** Answers are the officials' own "
               "words, quoted verbatim and numbered; click a quote to review it in its full "
               "turn. Follow-ups such as *what about last month?* or *and the US side?* are "
               "read against your previous question.")
SCROLL_JS = ("(a) => { if (a) { setTimeout(() => { const el = document.getElementById(a); "
             "if (el) el.scrollIntoView({block: 'center'}); }, 400); } return []; }")
ROLES = ["official", "journalist", "moderator", "unknown"]
PRIVATE = {"api_visibility": "private"}  # UI events; the API is ui.api's endpoints

CSS = """
.podium-source, .podium-transcript {font-size: .95rem; line-height: 1.55;}
.podium-cite {margin-bottom: .6rem;}
.podium-role {font-size: .75rem; padding: 0 .4rem; border: 1px solid #999; border-radius: 4px;}
.podium-question {background: #f3f4f6; color: #111; padding: .6rem; border-left: 3px solid #888;
  margin-bottom: .6rem;}
.podium-context {color: #555; padding: .4rem .6rem; border-left: 3px dotted #bbb;
  margin-bottom: .6rem;}
.podium-label {font-size: .78rem; text-transform: uppercase; color: #666;}
.podium-meta {font-size: .85rem; color: #555;}
mark.podium-quote {background: #fde68a; color: #111; padding: 0 .1rem;}
.podium-chips {display: flex; flex-wrap: wrap; gap: .35rem; align-items: center;}
.podium-chip {background: #eef2ff; color: #1e3a8a; border: 1px solid #c7d2fe;
  border-radius: 999px; padding: .05rem .6rem; font-size: .8rem;}
.podium-row {padding: .35rem .5rem; border-bottom: 1px solid #eee;}
.podium-row.podium-journalist {background: #f9fafb;}
.podium-row.podium-cited {background: #fffbeb; border-left: 4px solid #f59e0b;}
.podium-speaker {font-weight: 600;}
.podium-page {text-align: center; color: #888; font-size: .8rem; margin: .6rem 0;}
#podium-transcript {max-height: 75vh; overflow-y: auto;}
"""


def _chat_column(ui: SimpleNamespace) -> None:
    ui.chips = gr.HTML(chips_html({"roles": list(DEFAULT_ROLES)}), elem_id="podium-chips")
    ui.chat = gr.Chatbot(label="Answers", height=560, elem_id="podium-chat",
                         placeholder=PLACEHOLDER, latex_delimiters=[],
                         feedback_options=("Like", "Dislike"), buttons=["copy"],
                         group_consecutive_messages=False)
    ui.mode = gr.Radio(list(handlers.MODES), value="Answer", label="Mode", elem_id="podium-mode")
    with gr.Row():
        ui.box = gr.Textbox(placeholder="Ask a question, or: who said …", show_label=False,
                            scale=5, autofocus=True, elem_id="podium-question")
        ui.send = gr.Button("Ask", variant="primary", scale=1, elem_id="podium-ask")
    with gr.Row():
        ui.retry = gr.Button("↻ Retry last", size="sm", elem_id="podium-retry")
        ui.clear = gr.Button("Clear chat", size="sm", elem_id="podium-clear")
    gr.Examples(EXAMPLES, inputs=ui.box, label="Examples")


def _filters(ui: SimpleNamespace, engine: Podium) -> None:
    with gr.Accordion("Filters", open=False, elem_id="podium-filters"):
        ui.speakers = gr.Dropdown(official_choices(engine), multiselect=True, label="Speakers",
                                  elem_id="podium-speakers")
        ui.briefings = gr.Dropdown(briefing_choices(engine), multiselect=True, label="Briefings",
                                   elem_id="podium-briefings")
        with gr.Row():
            ui.since = gr.Textbox(label="Since (YYYY-MM-DD)", elem_id="podium-since")
            ui.until = gr.Textbox(label="Until (YYYY-MM-DD)", elem_id="podium-until")
        ui.roles = gr.CheckboxGroup(ROLES, value=list(DEFAULT_ROLES), elem_id="podium-roles",
                                    label="Roles (answers quote officials only; the other "
                                    "roles widen Who said)")
        ui.reset = gr.Button("Clear filters", size="sm", elem_id="podium-reset")
    with gr.Accordion("Add briefings", open=False, elem_id="podium-upload"):
        ui.files = gr.File(file_count="multiple", elem_id="podium-files",
                           label="Transcripts (.txt, .md, .html) and their sidecars")
        ui.ingest = gr.Button("Ingest", elem_id="podium-ingest")
        ui.report = gr.Markdown(elem_id="podium-ingest-report")


def _review_column(ui: SimpleNamespace) -> None:
    ui.picker = gr.Radio([], label="Cited quotes", elem_id="podium-quotes")
    ui.source = gr.HTML(EMPTY_SOURCE, elem_id="podium-source")
    with gr.Row():
        ui.earlier = gr.Button("↑ Earlier turn", size="sm", elem_id="podium-earlier")
        ui.later = gr.Button("↓ Later turn", size="sm", elem_id="podium-later")
        ui.read = gr.Button("Read in briefing →", size="sm", elem_id="podium-read")
    with gr.Accordion("Copy & export", open=False, elem_id="podium-export"):
        ui.cite_text = gr.Textbox(label="Citation — plain text", lines=3, buttons=["copy"],
                                  interactive=False, elem_id="podium-cite-text")
        ui.cite_md = gr.Textbox(label="Citation — Markdown", lines=3, buttons=["copy"],
                                interactive=False, elem_id="podium-cite-md")
        ui.download = gr.DownloadButton("Export answer as Markdown", value=None,
                                        elem_id="podium-download")


def _layout(engine: Podium) -> SimpleNamespace:
    ui = SimpleNamespace()
    ui.session = gr.State(handlers.new_session())
    ui.selected = gr.State({"key": None, "before": 0, "after": 0})
    gr.Markdown("## podium — the officials' own words, verbatim and cited")
    with gr.Tabs(elem_id="podium-tabs") as ui.tabs:
        with gr.Tab("Chat", id="chat"), gr.Row():
            with gr.Column(scale=3):
                _chat_column(ui)
                _filters(ui, engine)
            with gr.Column(scale=2):
                _review_column(ui)
        with gr.Tab("Browse", id="browse"):
            ui.pick_briefing = gr.Dropdown(briefing_choices(engine), label="Briefing",
                                           elem_id="podium-browse-pick")
            ui.transcript = gr.HTML(EMPTY_TRANSCRIPT, elem_id="podium-transcript")
            ui.anchor = gr.Textbox(visible=False)
    return ui


def _wire(ui: SimpleNamespace, ev: Events) -> None:
    filters = [ui.speakers, ui.briefings, ui.since, ui.until, ui.roles]
    review = [ui.picker, ui.source, ui.selected, ui.cite_text, ui.cite_md, ui.download]
    asking = [ui.box, ui.session, ui.mode, *filters]
    for trigger in (ui.send.click, ui.box.submit):
        trigger(ev.submit, asking, [ui.chat, ui.session, ui.box, *review], **PRIVATE)
    for trigger in (ui.chat.retry, ui.retry.click):
        trigger(ev.retry, [ui.session, ui.mode, *filters], [ui.chat, ui.session, *review],
                **PRIVATE)
    for trigger in (ui.chat.clear, ui.clear.click):
        trigger(ev.clear, None, [ui.chat, ui.session, ui.box, *review], **PRIVATE)
    ui.chat.select(ev.select, [ui.session], review, **PRIVATE)
    ui.chat.like(ev.like, [ui.session], None, **PRIVATE)
    ui.picker.input(ev.pick, [ui.picker, ui.session], review, **PRIVATE)
    ui.earlier.click(ev.earlier, [ui.session, ui.selected], [ui.source, ui.selected], **PRIVATE)
    ui.later.click(ev.later, [ui.session, ui.selected], [ui.source, ui.selected], **PRIVATE)
    ui.read.click(ev.read, [ui.session, ui.selected],
                  [ui.tabs, ui.pick_briefing, ui.transcript, ui.anchor], **PRIVATE
                  ).then(None, [ui.anchor], None, js=SCROLL_JS, **PRIVATE)
    ui.pick_briefing.input(ev.browse, [ui.pick_briefing], ui.transcript, **PRIVATE)
    for component in filters:
        component.change(ev.chips, filters, ui.chips, **PRIVATE)
    ui.reset.click(ev.reset_filters, None, filters, **PRIVATE)
    ui.ingest.click(ev.ingest, [ui.files], [ui.report, ui.speakers, ui.briefings,
                                            ui.pick_briefing, ui.files], **PRIVATE)


def build_app(settings: Settings, engine: Podium | None = None) -> gr.Blocks:
    engine = engine or Podium(settings)
    with gr.Blocks(title="podium — officials' own words") as app:
        ui = _layout(engine)
        api.register(engine)  # first, so that /ask, /who_said, /timeline keep their names
        _wire(ui, Events(settings, engine))
    return app


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``"user:password"`` (from ``--auth`` or ``PODIUM_AUTH``) → a login; empty → None."""
    if not value or not value.strip():
        return None
    user, sep, password = value.strip().partition(":")
    if not sep or not user or not password:
        shown = f"{user}:…" if sep else value[:20]
        raise ValueError(f"bad --auth / PODIUM_AUTH value {shown!r}: expected user:password, "
                         "e.g. --auth editor:PASSWORD")
    return user, password


def theme() -> gr.themes.Base:
    return gr.themes.Soft(primary_hue="amber", neutral_hue="slate")


def serve(settings: Settings, host: str, port: int,
          auth: tuple[str, str] | None = None) -> None:
    """Serve the workspace; never a share link, a login when ``auth`` is given."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = build_app(settings)
    log.info("serving podium on http://%s:%s%s", host, port, " (login required)" if auth else "")
    app.launch(server_name=host, server_port=port, share=False, css=CSS, theme=theme(),
               auth=auth, auth_message="podium: sign in with the --auth / PODIUM_AUTH account",
               footer_links=["api"], show_error=False, quiet=True)
