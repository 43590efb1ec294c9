"""Shared fixtures: tiny inline briefings, a deterministic embedder, temp stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.settings import Settings
from rag.types import Briefing, Speaker, Turn

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(),
    reason=f"{SHARED} is absent: these tests read the ../shared corpus (CI always has it)",
)


def make_briefing(bid: str, date: str, title: str) -> Briefing:
    return Briefing(id=bid, title=title, date=date, source_url=f"https://example.org/{bid}",
                    source_path=f"/tmp/{bid}.txt", content_hash=f"hash-{bid}",
                    speakers=(Speaker("Zhao Lijian", "official"), Speaker("CRI", "journalist")))


def exchange(briefing: Briefing, *lines: tuple[str, str]) -> list[Turn]:
    """Turns of ``briefing`` from (speaker, text) lines in order: a speaker named in
    ``JOURNALISTS`` asks, anyone else is an official answering the question just before."""
    turns: list[Turn] = []
    for index, (speaker, text) in enumerate(lines):
        asker = speaker in JOURNALISTS
        asked = turns[-1].index if turns and turns[-1].role == "journalist" else None
        turns.append(Turn(briefing.id, index, speaker, "journalist" if asker else "official",
                          text, answers_turn=None if asker else asked))
    return turns


JOURNALISTS = {"AP", "AFP", "CRI", "Reuters", "Q"}


def tiny_corpus() -> list[tuple[Briefing, list[Turn]]]:
    """Two small briefings, written like the real ones."""
    b1 = make_briefing("fm-2020-06-24", "2020-06-24", "Regular Press Conference on June 24, 2020")
    t1 = [
        Turn(b1.id, 0, "Zhao Lijian", "official",
             "Good afternoon. I have two announcements to start with. The Foreign Minister "
             "will visit Oman next week."),
        Turn(b1.id, 1, "CRI", "journalist",
             "On June 23, the Arab League foreign ministers held an emergency meeting on Libya. "
             "Does China have a comment?"),
        Turn(b1.id, 2, "Zhao Lijian", "official",
             "China supports the Arab League in playing an active role on the Libya issue and "
             "welcomes all mediation efforts towards easing tensions. China opposes military "
             "intervention by foreign forces.\n\nRelevant parties should seek a political "
             "settlement under UN auspices.", answers_turn=1),
        Turn(b1.id, 3, "Reuters", "journalist", "Will the trade talks resume next month?"),
        Turn(b1.id, 4, "Zhao Lijian", "official",
             "I have no information to offer on the trade talks at the moment. Please refer to "
             "the competent authorities.", answers_turn=3),
    ]
    b2 = make_briefing("fm-2020-07-01", "2020-07-01", "Regular Press Conference on July 1, 2020")
    t2 = [
        Turn(b2.id, 0, "AFP", "journalist",
             "What is China's position on the panda loan to Vienna?"),
        Turn(b2.id, 1, "Hua Chunying", "official",
             "The giant panda program with Austria is a symbol of friendship. The zoo in Vienna "
             "has taken good care of the pandas.", answers_turn=0),
        Turn(b2.id, 2, "Moderator", "moderator", "That is all for today's press conference."),
    ]
    return [(b1, t1), (b2, t2)]


@pytest.fixture
def hash_settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", model="hash", progress=False,
                    min_support=0.25)


def write_index(settings: Settings, corpus: list[tuple[Briefing, list[Turn]]]) -> Settings:
    """Store these briefings under ``settings`` (SQLite, Chroma and BM25), as ingest would."""
    from index.store import IndexWriter

    writer = IndexWriter(settings)
    for briefing, turns in corpus:
        writer.write(briefing, turns)
    writer.rebuild_bm25()
    writer.close()
    return settings


@pytest.fixture
def tiny_index(hash_settings: Settings) -> Settings:
    return write_index(hash_settings, tiny_corpus())


def ranked_candidate(briefing: str, index: int, support: float, final: float, end: int = 20):
    """A candidate as ``rag.rerank`` makes one, quoting its turn's first ``end`` characters."""
    from rag.quotes import Span
    from rag.rerank import Candidate
    from rag.retrieve import Hit

    return Candidate(Hit(briefing, index, rrf=0.01), Span(0, end, support), support, final)


def engine_ranking(settings: Settings, monkeypatch, ranked: list):
    """A ``Podium`` whose ranking is ``ranked`` whatever the question, to test what ``ask``
    does with a ranking."""
    from rag.answer import Podium

    engine = Podium(settings)

    def rank(question, filters, pipeline, timings):
        timings.update(embed_ms=0.0, retrieve_ms=0.0, quotes_ms=0.0)
        return ranked

    monkeypatch.setattr(engine, "rank", rank)
    return engine
