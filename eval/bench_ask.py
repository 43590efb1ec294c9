"""Warm ``ask()`` latency on an index: median and p95 over several rounds.

The first question loads the model and stores and is left out; each of ``rounds`` rounds
asks every question once. Run on the demo corpus with
``PODIUM_HOME=... podium bench ask`` (the README quotes the latest figures); ``--questions``
takes other questions, and ``--systems`` compares pipelines side by side.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path

import numpy as np

from rag.answer import Podium
from rag.retrieve import PIPELINES
from rag.settings import Settings

QUESTIONS = [
    "What did the press secretary say about the World Health Organization?",
    "How is the administration handling student loan payments?",
    "Did the President rejoin the Paris climate agreement?",
    "What did Jen Psaki say about vaccine distribution in February 2021?",
    "How does China evaluate its role in global human rights governance?",
    "What can be done to ensure defendants' confessions are voluntary?",
    "What is the White House position on the debt ceiling?",
    "What did Karine Jean-Pierre say about the border?",
    "Will the President travel to Europe?",
    "What is the recipe for a sourdough starter?",
]


def read_questions(path: Path) -> list[str]:
    """Questions from a file: a gold JSON Lines file (its "question" fields) or plain text
    (one question per line)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0].startswith("{"):
        return [json.loads(line)["question"] for line in lines]
    if not lines:
        raise ValueError(f"no questions in {path}: one per line, or a gold JSON Lines file")
    return lines


def bench_ask(settings: Settings, rounds: int = 5, questions: list[str] | None = None,
              systems: list[str] | None = None) -> dict:
    """Warm latency of ``ask()``; with several ``systems`` (``rag.retrieve.PIPELINES``),
    each question is asked by each in turn, so they share the machine's load. Top-level
    figures are the first system's; ``systems`` has each one's."""
    questions = questions or QUESTIONS
    systems = systems or ["podium"]
    engine = Podium(settings)
    engine.ask(questions[0])  # warm-up: model load, stores, caches
    totals: dict[str, list[float]] = {s: [] for s in systems}
    stages: dict[str, dict[str, list[float]]] = {s: {} for s in systems}
    round_medians = []
    for _ in range(rounds):
        this_round = []
        for question in questions:
            for system in systems:
                t0 = time.perf_counter()
                answer = engine.ask(question, pipeline=PIPELINES[system])
                ms = (time.perf_counter() - t0) * 1000
                totals[system].append(ms)
                if system == systems[0]:
                    this_round.append(ms)
                for stage, value in answer.timings_ms.items():
                    stages[system].setdefault(stage, []).append(value)
        round_medians.append(statistics.median(this_round))
    each = {s: {"p50_ms": float(np.percentile(totals[s], 50)),
                "p95_ms": float(np.percentile(totals[s], 95)),
                "stages_p50_ms": {k: float(np.percentile(v, 50))
                                  for k, v in stages[s].items()}} for s in systems}
    return {
        "questions": len(questions), "rounds": rounds, "briefings": len(engine.reader.briefings),
        **each[systems[0]], "round_medians_ms": round_medians, "systems": each,
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }
