"""Evaluators. Each returns ``{"score": aggregate, "individual_scores": [per question]}``.

Ranking metrics (Hit@1, Hit@5, MRR@10, nDCG@10) come from ranx over turn ids; the rest
(quote hit, fidelity, abstention, latency) are podium's own and defined here.
"""

from __future__ import annotations

import numpy as np

RANKING = {"hit@1": "hit_rate@1", "hit@5": "hit_rate@5", "mrr@10": "mrr@10",
           "ndcg@10": "ndcg@10"}


def ranking_metrics(gold: dict[str, set[str]], runs: dict[str, list[str]]) -> dict[str, dict]:
    """Turn-retrieval metrics. ``gold``: qid → relevant turn ids; ``runs``: qid → ranked ids.

    Questions with no gold turn are left out (they are abstention questions). Per-question
    scores are in the order of ``gold`` (ranx returns them by sorted id).
    """
    from ranx import Qrels, Run, evaluate

    qids = [q for q in gold if gold[q]]
    if not qids:
        return {name: {"score": 0.0, "individual_scores": []} for name in RANKING}
    qrels = Qrels({q: {t: 1 for t in gold[q]} for q in qids})
    # ranx drops queries with an empty run; give them a sentinel that never matches
    run = Run({q: {t: float(len(runs.get(q, [])) - i) for i, t in enumerate(runs.get(q, []))}
               or {"<none>": 0.0} for q in qids})
    per_query = evaluate(qrels, run, list(RANKING.values()), return_mean=False)
    position = {q: n for n, q in enumerate(qrels.keys())}
    result = {}
    for name, ranx_name in RANKING.items():
        by_ranx = np.asarray(per_query[ranx_name]).ravel()
        values = [float(by_ranx[position[q]]) for q in qids]
        result[name] = {"score": float(np.mean(values)), "individual_scores": values}
    return result


def mean_metric(values: list[float]) -> dict:
    return {"score": float(np.mean(values)) if values else 0.0,
            "individual_scores": [float(v) for v in values]}


def abstention(should_abstain: list[bool], abstained: list[bool]) -> dict[str, dict]:
    """Precision/recall of abstaining, and the false-abstention rate on answerable items."""
    pairs = list(zip(should_abstain, abstained, strict=True))
    tp = sum(s and a for s, a in pairs)
    precision = tp / max(1, sum(a for _, a in pairs))
    recall = tp / max(1, sum(s for s, _ in pairs))
    answerable = [a for s, a in pairs if not s]
    false_rate = sum(answerable) / max(1, len(answerable))
    per = [float(s == a) for s, a in pairs]
    return {"abstention_precision": {"score": precision, "individual_scores": per},
            "abstention_recall": {"score": recall, "individual_scores": per},
            "false_abstention": {"score": false_rate, "individual_scores": per}}


def latency(ms: list[float]) -> dict[str, dict]:
    arr = np.asarray(ms, dtype=float) if ms else np.zeros(1)
    return {"latency_p50_ms": {"score": float(np.percentile(arr, 50)), "individual_scores": ms},
            "latency_p95_ms": {"score": float(np.percentile(arr, 95)), "individual_scores": ms}}


def paired_difference(a: list[float], b: list[float], resamples: int = 10_000,
                      seed: int = 0) -> dict:
    """``a − b`` over the same questions, with its 95 % paired-bootstrap interval.

    The questions are resampled with replacement ``resamples`` times (a fixed seed, so a
    report is reproducible); ``low``/``high`` are the 2.5th and 97.5th percentiles of the
    resampled mean differences. An interval that excludes 0 is a difference the question
    set can tell apart from chance; ``better``/``worse`` count the questions on which
    ``a`` scores above/below ``b``."""
    if len(a) != len(b):
        raise ValueError(f"paired scores differ in length ({len(a)} and {len(b)}): compare "
                         "systems run on the same questions")
    diff = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if not len(diff):
        return {"difference": 0.0, "low": 0.0, "high": 0.0, "better": 0, "worse": 0}
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(resamples, len(diff)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return {"difference": float(diff.mean()), "low": float(low), "high": float(high),
            "better": int((diff > 0).sum()), "worse": int((diff < 0).sum())}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]
