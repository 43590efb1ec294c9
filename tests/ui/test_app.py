"""The Gradio app builds, serves on loopback, answers through its API and honours --auth."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from rag.answer import Podium
from ui.app import CSS, build_app, parse_auth


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tiny_index, request):
    auth = getattr(request, "param", None)
    app = build_app(tiny_index, Podium(tiny_index))
    port = _free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
               share=False, css=CSS, quiet=True, auth=auth)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_app_serves_on_loopback_and_answers(served):
    with urllib.request.urlopen(served, timeout=30) as response:
        assert response.status == 200
        assert "podium" in response.read().decode("utf-8", "replace")
    from gradio_client import Client

    client = Client(served, verbose=False)
    answer = client.predict("Does China support the Arab League on Libya?", [], [], "", "",
                            api_name="/ask")
    assert answer["schema"] == 1 and answer["quotes"][0]["speaker"] == "Zhao Lijian"
    assert answer["quotes"][0]["text"].startswith("China supports the Arab League")
    # the same filters as the chat and the CLI
    only_hua = client.predict("pandas Vienna zoo Libya", ["Hua Chunying"], None, None, None,
                              api_name="/ask")
    assert {q["speaker"] for q in only_hua["quotes"]} == {"Hua Chunying"}
    found = client.predict("military intervention by foreign forces", None, None, None, None,
                           None, api_name="/who_said")
    assert found["sightings"][0]["speaker"] == "Zhao Lijian"
    assert found["sightings"][0]["exact"] is True
    assert "military intervention by foreign forces" in found["sightings"][0]["quote"]["text"]


@pytest.mark.parametrize("served", [("editor", "s3cret")], indirect=True)
def test_auth_is_required_when_set(served):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(served + "config", timeout=30)
    assert err.value.code in (401, 403)
    from gradio_client import Client

    client = Client(served, auth=("editor", "s3cret"), verbose=False)
    answer = client.predict("Libya Arab League", None, None, None, None, api_name="/ask")
    assert answer["schema"] == 1


def test_parse_auth():
    assert parse_auth("editor:s3:cret") == ("editor", "s3:cret")
    assert parse_auth(None) is None and parse_auth("  ") is None
    with pytest.raises(ValueError, match="expected user:password") as err:
        parse_auth(":hunter2")
    assert "hunter2" not in str(err.value)
    with pytest.raises(ValueError, match="expected user:password"):
        parse_auth("nopassword")


def test_serve_never_shares_and_binds_loopback_by_default(monkeypatch, tiny_index):
    from ui import app as app_module
    from ui import cli

    seen = {}

    def fake_launch(self, **kwargs):
        seen.update(kwargs)

    monkeypatch.setattr("gradio.Blocks.launch", fake_launch)
    monkeypatch.setenv("PODIUM_HOME", str(tiny_index.home))
    monkeypatch.setenv("PODIUM_MODEL", "hash")
    monkeypatch.setenv("PODIUM_AUTH", "editor:s3cret")
    assert cli.main(["serve", "--port", "7999"]) == 0
    assert seen["share"] is False and seen["server_name"] == "127.0.0.1"
    assert seen["auth"] == ("editor", "s3cret") and seen["css"] == app_module.CSS
    monkeypatch.setenv("PODIUM_AUTH", "broken")
    assert cli.main(["serve", "--port", "7999"]) == 1
