"""The review workspace in a real browser: `podium serve` driven by Chromium (Playwright).

The server runs as a subprocess on a free loopback port against a tmp index of a few small
briefings (hash embedder: fast, lexical). Screenshots of the main views are saved under the
test's tmp dir; set PODIUM_SCREENSHOTS=DIR to also copy them there (docs/ for the README).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_corpus import LIBYA_A, UPLOAD, XSS_IMG, XSS_SCRIPT, write, write_corpus

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: install Debian "
                       "chromium (apt-get install chromium chromium-driver; .ci/run does)"),
]
playwright_api = pytest.importorskip("playwright.sync_api", reason="PyPI playwright is missing: "
                                     "pip install -e '.[dev]'")
expect = playwright_api.expect
TIMEOUT = 20_000  # ms, per expectation
# expect() has its own 5 s default, separate from the page's: too short on a busy 2-core CI box
expect.set_options(timeout=TIMEOUT)
QUESTION = "Does China support the Arab League on Libya?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"podium serve exited {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"podium serve did not answer on {url} in {seconds}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from index.ingest import ingest
    from rag.settings import Settings

    root = tmp_path_factory.mktemp("browser")
    home = root / "home"
    report = ingest(write_corpus(root / "corpus"), Settings(home=home, model="hash",
                                                            progress=False))
    assert not report.failed, report.failed
    port = _free_port()
    env = {**os.environ, "PODIUM_HOME": str(home), "PODIUM_MODEL": "hash",
           "PODIUM_MIN_SUPPORT": "0.25", "GRADIO_ANALYTICS_ENABLED": "False",
           "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env.pop("PODIUM_AUTH", None)
    log = root / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--host", "127.0.0.1",
                                 "--port", str(port)], env=env, cwd=root, stdout=out,
                                stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, proc, log)
        yield {"url": url, "home": home, "root": root, "shots": root / "shots"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(server["url"], wait_until="domcontentloaded")
    page.wait_for_selector("#podium-question textarea")
    yield page
    context.close()


def shoot(page, server, name: str) -> Path:
    server["shots"].mkdir(exist_ok=True)
    path = server["shots"] / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if os.environ.get("PODIUM_SCREENSHOTS"):
        target = Path(os.environ["PODIUM_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.name)
    return path


def ask(page, question: str, last_citation: int | None = None):
    page.fill("#podium-question textarea", question)
    page.click("#podium-ask")
    bots = page.locator("#podium-chat [data-testid=bot]")
    if last_citation:
        expect(bots.filter(has_text=f"[{last_citation}] ").last).to_be_visible()
    expect(page.locator("#podium-chat")).not_to_contain_text("Searching the briefings")
    return bots


def quote_messages(page):
    bots = page.locator("#podium-chat [data-testid=bot]")
    return [t for t in bots.all_inner_texts() if t.lstrip().startswith("[")]


def test_ask_click_a_quote_and_review_it(page, server):
    page.evaluate("""() => { window.__counts = []; const chat = document.querySelector(
        '#podium-chat'); new MutationObserver(() => { const n = chat.querySelectorAll(
        '[data-testid=bot]').length; if (window.__counts.at(-1) !== n) window.__counts.push(n);
        }).observe(chat, {childList: true, subtree: true}); }""")
    bots = ask(page, QUESTION, last_citation=3)
    counts = page.evaluate("window.__counts")
    assert len(set(counts)) >= 3 and counts == sorted(counts), counts  # streamed, step by step

    # click a citation in the chat (its number depends on the ranking, not on the UI)
    hua = re.compile(r"\[\d\] Hua Chunying")
    bots.filter(has_text=hua).click()
    source = page.locator("#podium-source")
    expect(source).to_contain_text(hua)
    expect(source.locator("mark.podium-quote")).to_have_text(
        "On Libya, China supports the Arab League and a political settlement.")
    bots.filter(has_text="[1] Zhao Lijian").click()
    expect(source.locator("mark.podium-quote")).to_have_text(LIBYA_A)
    text = source.inner_text()
    assert text.index("Question from CRI".upper()) < text.index(LIBYA_A[:40])
    assert "Arab League foreign ministers held an emergency meeting" in text
    href = source.locator("a.podium-link").get_attribute("href")
    assert href.startswith("https://example.org/fm-2020-06-24.html#:~:text=China%20supports")

    page.click("#podium-earlier")  # neighbouring turns on demand
    expect(source).to_contain_text("Good afternoon. I have two announcements")
    page.click("#podium-export button.label-wrap, #podium-export >> text=Copy & export")
    expect(page.locator("#podium-cite-text textarea")).to_have_value(
        f"“{LIBYA_A}” — Zhao Lijian (official, Foreign Ministry Spokesperson), Regular Press "
        f"Conference on June 24, 2020, 2020-06-24. {href}")
    shoot(page, server, "review-workspace")

    page.locator("#podium-chat [aria-label='Like']").first.click()  # thumbs up on the answer
    feedback = server["home"] / "feedback.jsonl"
    _wait_for(lambda: feedback.exists() and feedback.read_text().strip())
    item = json.loads(feedback.read_text().splitlines()[-1])
    assert item["rating"] == "up" and item["question"] == QUESTION and len(item["quotes"]) == 3

    page.click("#podium-read")  # the whole briefing, the cited turn marked and in view
    cited = page.locator("#podium-transcript .podium-cited")
    expect(cited).to_be_visible()
    expect(cited.locator("mark.podium-quote")).to_have_text(LIBYA_A)
    expect(page.locator("#podium-transcript")).to_contain_text("Zhao Lijian (official, Foreign")
    expect(cited).to_be_in_viewport()
    shoot(page, server, "browse")


def _wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def open_accordion(page, elem_id: str, label: str) -> None:
    page.locator(f"#{elem_id}").get_by_text(label, exact=True).first.click()


def test_speaker_filter_is_shown_and_honoured(page, server):
    open_accordion(page, "podium-filters", "Filters")
    page.click("#podium-speakers input")
    page.keyboard.type("Hua")
    page.get_by_role("option", name="Hua Chunying").click()
    page.keyboard.press("Escape")
    expect(page.locator("#podium-chips")).to_contain_text("speaker: Hua Chunying")
    ask(page, QUESTION, last_citation=1)
    quotes = quote_messages(page)
    assert quotes and all("Hua Chunying" in q and "Zhao Lijian" not in q for q in quotes)
    shoot(page, server, "filters")


def test_followup_is_rewritten_and_shown(page, server):
    ask(page, QUESTION, last_citation=3)
    ask(page, "what about last month?")
    chat = page.locator("#podium-chat")
    expect(chat).to_contain_text(f"Follow-up read as: {QUESTION}")
    expect(chat).to_contain_text("briefings from 2020-06-01 to 2020-06-30")
    last_summary = page.locator("#podium-chat [data-testid=bot]",
                                has_text="Follow-up read as").last.inner_text()
    assert "“" not in last_summary  # the rewritten question is never put in quotation marks
    followup_quotes = quote_messages(page)[3:]
    assert followup_quotes and all("2020-06-24" in q for q in followup_quotes)


def test_upload_box_ingests_a_file(page, server):
    folder = server["root"] / "to-upload"
    transcript = write(folder, "lunar-2020-09-09", UPLOAD)
    open_accordion(page, "podium-upload", "Add briefings")
    page.set_input_files("#podium-files input[type=file]",
                         [str(transcript), str(folder / "lunar-2020-09-09.meta.json")])
    # Gradio shows the name's stem and extension in separate elements ("lunar-2020-09-09 .txt")
    expect(page.locator("#podium-files")).to_contain_text(re.compile(r"lunar-2020-09-09\s*\.txt"))
    page.click("#podium-ingest")
    expect(page.locator("#podium-ingest-report")).to_contain_text("Added 1", timeout=60_000)
    ask(page, "lunar research station programme", last_citation=1)
    expect(page.locator("#podium-chat")).to_contain_text("2020-09-09")
    assert "Hua Chunying" in quote_messages(page)[0]


def test_xss_payloads_are_shown_as_text(page, server):
    ask(page, "reject markup payloads in all their forms", last_citation=1)
    page.locator("#podium-chat [data-testid=bot]", has_text="[1] Zhao Lijian").first.click()
    source = page.locator("#podium-source")
    expect(source).to_contain_text(XSS_SCRIPT)
    expect(source).to_contain_text(XSS_IMG)
    page.click("#podium-read")
    transcript = page.locator("#podium-transcript")
    expect(transcript).to_contain_text(f"Press Conference {XSS_SCRIPT} on August 3, 2020")
    expect(transcript).to_contain_text(f"What about {XSS_IMG} markup in questions?")
    time.sleep(0.5)  # give an injected onerror handler every chance to fire
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#podium-transcript img, #podium-source img, #podium-chat img").count() \
        == 0
    shoot(page, server, "xss")
