"""The Gradio callbacks of the review workspace: thin adapters from component values to the
plain functions in ``ui.handlers`` & co., and back to component updates.

Each callback returns (or, for the streaming ones, yields) values in the order of the output
lists that ``ui.app`` wires; :data:`REVIEW` names the review outputs they share.
"""

from __future__ import annotations

import html
import logging

import gradio as gr

from rag.answer import Podium
from rag.settings import Settings
from ui import browse, export, feedback, handlers, upload
from ui.filters import DEFAULT_ROLES, briefing_choices, chip_data, from_ui, official_choices
from ui.render import EMPTY_SOURCE, chips_html

log = logging.getLogger(__name__)

# picker, source panel, selection state, plain citation, Markdown citation, download file
REVIEW = 6
NO_SELECTION = {"key": None, "before": 0, "after": 0}
PROGRESS = gr.Progress(track_tqdm=True)


def _index(value) -> int | None:
    """A chat message index from event data (an int, or a one-element list)."""
    if isinstance(value, int):
        return value
    return value[0] if isinstance(value, list | tuple) and value else None


class Events:
    """Callbacks bound to one engine (one per process, shared by every browser session)."""

    def __init__(self, settings: Settings, engine: Podium) -> None:
        self.settings, self.engine = settings, engine

    def review(self, sess: dict, key: str | None, record: dict | None = None) -> tuple:
        q = handlers.find_quote(sess, key)
        record = record or handlers.record_of(sess, key)
        choices = handlers.quote_choices(record)
        return (gr.Radio(choices=choices, value=key if q else None),
                handlers.show_quote(self.engine, sess, key), dict(NO_SELECTION, key=key),
                export.citation_text(q), export.citation_markdown(q), export.export_file(record))

    def final(self, sess: dict) -> tuple:
        record = sess["answers"][-1] if sess["answers"] else None
        key = record["quotes"][0]["key"] if record and record["quotes"] else None
        return self.review(sess, key, record)

    def submit(self, message, sess, mode, *filters):
        last = sess
        for last in handlers.respond(self.engine, sess, message, from_ui(*filters), mode):
            yield (last["history"], last, "", *[gr.skip()] * REVIEW)
        yield (last["history"], last, "", *self.final(last))

    def retry(self, sess, mode, *filters):
        last = sess
        for last in handlers.retry(self.engine, sess, from_ui(*filters), mode):
            yield (last["history"], last, *[gr.skip()] * REVIEW)
        yield (last["history"], last, *self.final(last))

    def clear(self) -> tuple:
        return ([], handlers.new_session(), "", gr.Radio(choices=[], value=None), EMPTY_SOURCE,
                dict(NO_SELECTION), "", "", None)

    def select(self, sess, evt: gr.SelectData):
        key = handlers.key_at(sess, _index(evt.index))
        return self.review(sess, key) if key else tuple([gr.skip()] * REVIEW)

    def pick(self, key, sess):
        return self.review(sess, key)

    def more(self, sess, sel, which: str):
        sel = {**NO_SELECTION, **(sel or {})}
        sel[which] += 1
        return handlers.show_quote(self.engine, sess, sel["key"], sel["before"],
                                   sel["after"]), sel

    def earlier(self, sess, sel):
        return self.more(sess, sel, "before")

    def later(self, sess, sel):
        return self.more(sess, sel, "after")

    def read(self, sess, sel):
        q = handlers.find_quote(sess, (sel or {}).get("key"))
        if q is None:
            gr.Info("Pick a cited quote first.")
            return gr.skip(), gr.skip(), gr.skip(), ""
        bid = q["briefing"]["id"]
        return (gr.Tabs(selected="browse"), gr.Dropdown(value=bid),
                browse.transcript(self.engine, bid, q), browse.anchor(q))

    def browse(self, briefing_id):
        return browse.transcript(self.engine, briefing_id)

    def like(self, sess, evt: gr.LikeData):
        item = feedback.record_feedback(self.settings.home, sess, _index(evt.index), evt.liked)
        if item:
            gr.Info(f"Feedback saved ({item['rating']}) to "
                    f"{feedback.feedback_path(self.settings.home)}")

    def chips(self, *filters):
        try:
            return chips_html(chip_data(self.engine, from_ui(*filters)))
        except ValueError as exc:
            return chips_html({}) + f"<p>{html.escape(str(exc))}</p>"

    @staticmethod
    def reset_filters():
        return None, None, "", "", list(DEFAULT_ROLES)

    def ingest(self, paths, progress=PROGRESS):
        progress(0, desc="reading files")
        report = upload.ingest_uploads(self.engine, paths)
        choices = briefing_choices(self.engine)
        return (report, gr.Dropdown(choices=official_choices(self.engine)),
                gr.Dropdown(choices=choices), gr.Dropdown(choices=choices), None)
