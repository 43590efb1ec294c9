"""End to end with the real bundled model: files → index → verbatim quotes.

Marked ``model``: the bundled all-MiniLM-L6-v2 loads offline in seconds. The MFA checks
read ../shared and skip when it is absent.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO, SHARED, needs_shared

from index.ingest import ingest
from rag.answer import Podium
from rag.settings import Settings

pytestmark = pytest.mark.model

DEMO = REPO / "data" / "demo"
SEED = DEMO / "scio" / "scio-2021-06-07-human-rights-action-plan-page9.txt"
WH = DEMO / "whitehouse" / "2021-01" / \
    "2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"
MFA = SHARED / "corpus" / "mfa" / "html"


@pytest.fixture(scope="module")
def demo_index(tmp_path_factory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("e2e"), progress=False)
    report = ingest([SEED, WH], settings)
    assert not report.failed and len(report.added) == 2
    return settings


def test_seed_question_is_answered_by_the_right_official(demo_index):
    answer = Podium(demo_index).ask("How will the courts make sure confessions are voluntary?")
    assert not answer.abstained
    first = answer.quotes[0]
    assert first.turn.speaker == "Li Xiao" and first.turn.role == "official"
    assert first.question is not None and first.question.speaker == "Southern Metropolis Daily"
    assert first.text == first.turn.text[first.start:first.end]


def test_white_house_question(demo_index):
    answer = Podium(demo_index).ask("Did the President rejoin the Paris climate agreement?")
    assert not answer.abstained
    assert answer.quotes[0].turn.speaker == "Jen Psaki"
    assert any("Paris" in q.text for q in answer.quotes)


def test_unaddressed_question_abstains(demo_index):
    answer = Podium(demo_index).ask("What is the recipe for a good sourdough bread starter?")
    assert answer.abstained and not answer.quotes
    assert answer.message.startswith("No official")


def test_reingest_adds_nothing(demo_index):
    engine = Podium(demo_index)
    ids = sorted(engine.reader.vectorstore.get(include=[])["ids"])
    report = ingest([SEED, WH], demo_index)
    assert not report.added and not report.replaced and len(report.skipped) == 2
    assert sorted(Podium(demo_index).reader.vectorstore.get(include=[])["ids"]) == ids


@needs_shared
def test_arab_league_on_libya(tmp_path):
    pages = ["2020-06-24_t1792107.html", "2020-06-19_t1790521.html", "2018-05-11_t1558711.html"]
    folder = tmp_path / "mfa"
    folder.mkdir()
    for page in pages:
        shutil.copy(MFA / page, folder / page)
    shutil.copy(MFA.parent / "index.jsonl", folder / "index.jsonl")
    settings = Settings(home=tmp_path / "home", progress=False)
    report = ingest([folder], settings)
    assert not report.failed and len(report.added) == 3

    answer = Podium(settings).ask("Does China back the Arab League on Libya?")
    assert not answer.abstained
    first = answer.quotes[0]
    assert first.turn.speaker == "Zhao Lijian" and first.briefing.date == "2020-06-24"
    assert first.question.speaker == "CRI"
    assert "China supports the Arab League in playing an active role on the Libya issue" \
        in first.text
    assert first.briefing.source_url.endswith("t1792107.shtml")
    nothing = Podium(settings).ask("What did officials say about the Mars rover landing?")
    assert nothing.abstained


