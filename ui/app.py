"""The Gradio chat: ask on the left, review every cited quote on the right.

``build_app(settings)`` returns the Blocks; ``serve`` launches it on 127.0.0.1 by default,
never with a share link. The behaviour lives in ``ui.handlers``.
"""

from __future__ import annotations

import os

from rag.answer import Podium
from rag.settings import Settings
from ui import handlers

EXAMPLES = [
    "What did the press secretary say about the World Health Organization?",
    "How is the administration handling student loan payments?",
    "How does China evaluate its role in global human rights governance?",
    "What can be done to ensure defendants' confessions are voluntary?",
]

CSS = """
.podium-source {font-size: 0.95rem; line-height: 1.5;}
.podium-cite {margin-bottom: .6rem;}
.podium-role {font-size: .8rem; padding: 0 .4rem; border: 1px solid #999; border-radius: 4px;}
.podium-question {background: #f3f4f6; color: #111; padding: .6rem; border-left: 3px solid #888;
  margin-bottom: .6rem;}
.podium-label {font-size: .8rem; text-transform: uppercase; color: #555;}
mark.podium-quote {background: #fde68a; color: #111; padding: 0 .1rem;}
"""


def build_app(settings: Settings, engine: Podium | None = None):
    import gradio as gr

    engine = engine or Podium(settings)
    officials = sorted(s["speaker"] for s in engine.reader.speakers() if s["role"] == "official")

    with gr.Blocks(title="podium — officials' own words") as app:
        gr.Markdown("## podium\nAsk about the indexed press briefings. Answers are the "
                    "officials' own words, quoted verbatim and cited; pick a quote to review "
                    "it in its full turn.")
        state = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="Answers", height=520, elem_id="podium-chat",
                                  feedback_options=None)
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask a question…", show_label=False,
                                     scale=5, elem_id="podium-question", autofocus=True)
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="podium-ask")
                gr.Examples(EXAMPLES, inputs=box)
                with gr.Accordion("Filters", open=False):
                    speakers = gr.Dropdown(officials, multiselect=True, label="Speakers",
                                           elem_id="podium-speakers")
                    with gr.Row():
                        since = gr.Textbox(label="Since (YYYY-MM-DD)", elem_id="podium-since")
                        until = gr.Textbox(label="Until (YYYY-MM-DD)", elem_id="podium-until")
            with gr.Column(scale=2):
                picker = gr.Radio([], label="Cited quotes", elem_id="podium-quotes")
                source = gr.HTML(handlers.EMPTY_SOURCE, elem_id="podium-source")

        def on_ask(message, history, chosen, since_value, until_value):
            history, quotes, panel = handlers.respond(
                engine, message, history, chosen, since_value, until_value)
            choices = handlers.quote_choices(quotes)
            radio = gr.Radio(choices=choices, value=choices[0] if choices else None)
            return history, quotes, radio, panel, ""

        outputs = [chat, state, picker, source, box]
        inputs = [box, chat, speakers, since, until]
        send.click(on_ask, inputs, outputs, api_name="ask")
        box.submit(on_ask, inputs, outputs, api_name=False)
        picker.change(handlers.select_source, [picker, state], source, api_name=False)
    return app


def serve(settings: Settings, host: str, port: int) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = build_app(settings)
    app.launch(server_name=host, server_port=port, share=False, css=CSS,
               footer_links=["api"], show_error=False)
