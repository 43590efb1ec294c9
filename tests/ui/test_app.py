"""The Gradio app builds, serves on loopback and answers through its API."""

from __future__ import annotations

import socket
import urllib.request

from rag.answer import Podium
from ui.app import CSS, build_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_app_serves_on_loopback_and_answers(tiny_index):
    engine = Podium(tiny_index)
    app = build_app(tiny_index, engine)
    port = _free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
               share=False, css=CSS, quiet=True)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200
            assert "podium" in response.read().decode("utf-8", "replace")
        from gradio_client import Client

        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        history, radio, panel, box = client.predict(  # gr.State is not part of the API
            "Does China support the Arab League on Libya?", [], [], "", "", api_name="/ask")
        assert str(radio.get("value", radio)).startswith("[1] Zhao Lijian"), radio
        assert "<mark class='podium-quote'>China supports" in panel and box == ""
    finally:
        app.close()
