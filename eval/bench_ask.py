"""Warm ``ask()`` latency on an index: median and p95 over several rounds.

The first question loads the model and stores and is left out; each of ``rounds`` rounds
asks every question once. Run on the demo corpus with
``PODIUM_HOME=... podium bench ask`` (the README quotes the latest figures).
"""

from __future__ import annotations

import platform
import statistics
import time

import numpy as np

from rag.answer import Podium
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


def bench_ask(settings: Settings, rounds: int = 5, questions: list[str] | None = None) -> dict:
    questions = questions or QUESTIONS
    engine = Podium(settings)
    engine.ask(questions[0])  # warm-up: model load, stores, caches
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    round_medians = []
    for _ in range(rounds):
        this_round = []
        for question in questions:
            t0 = time.perf_counter()
            answer = engine.ask(question)
            this_round.append((time.perf_counter() - t0) * 1000)
            for stage, ms in answer.timings_ms.items():
                stages.setdefault(stage, []).append(ms)
        totals += this_round
        round_medians.append(statistics.median(this_round))
    return {
        "questions": len(questions), "rounds": rounds, "briefings": len(engine.reader.briefings),
        "p50_ms": float(np.percentile(totals, 50)), "p95_ms": float(np.percentile(totals, 95)),
        "round_medians_ms": round_medians,
        "stages_p50_ms": {k: float(np.percentile(v, 50)) for k, v in stages.items()},
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
    }
