"""The podium QA set: questions over ../shared briefings with gold verbatim spans.

``run_podium_qa`` indexes the corpus (MFA pages, White House sample, the seed page) once
under a cache folder, then asks every question with each system — the BM25, dense and
fusion baselines and podium's full pipeline — through the same code (``rag.retrieve
.PIPELINES``), and scores turn ranking, quote hits, fidelity, abstention and latency.
"""

from __future__ import annotations

import json
import logging
import re
import time
from pathlib import Path

from eval.metrics import abstention, latency, mean_metric, overlaps, ranking_metrics
from rag.answer import Podium
from rag.retrieve import PIPELINES
from rag.settings import Settings
from rag.types import turn_id

log = logging.getLogger(__name__)

GOLD = Path(__file__).resolve().parent / "data" / "podium_qa.jsonl"
CORPUS_PARTS = ("mfa/html", "whitehouse/sample", "seed")


REQUIRED = ("id", "question", "answerable")
REQUIRED_ANSWERABLE = ("source", "speaker", "gold_span")


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold questions of a JSON Lines file, each checked for the keys the eval reads."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}, line {number}: not JSON ({e.msg})") from None
        needed = REQUIRED + (REQUIRED_ANSWERABLE if item.get("answerable") else ())
        missing = [k for k in needed if k not in item]
        if missing:
            raise ValueError(f"{path}, line {number}: missing {', '.join(missing)} (an item "
                             f"needs {', '.join(REQUIRED)}; an answerable one also "
                             f"{', '.join(REQUIRED_ANSWERABLE)})")
        items.append(item)
    if not items:
        raise ValueError(f"no questions in {path}: expected one JSON object per line")
    return items


def build_index(corpus: Path, home: Path, model: str = "",
                sources: list[str] | None = None) -> Settings:
    """Index the QA corpus under ``home`` (unchanged files are skipped on later runs).

    ``sources`` limits the index to those files (relative to ``corpus``), for quick runs.
    """
    from index.ingest import ingest

    missing = [p for p in CORPUS_PARTS if not (corpus / p).exists()]
    if missing:
        raise FileNotFoundError(f"{corpus} lacks {', '.join(missing)}: pass --corpus pointing "
                                "at ../shared/corpus")
    settings = Settings(home=home, model=model, progress=False)
    paths = [corpus / p for p in (sources or CORPUS_PARTS)]
    if sources:  # the MFA pages take their URL and date from the index.jsonl beside them
        paths = sorted(set(paths))
    report = ingest(paths, settings)
    if report.failed:
        raise RuntimeError(f"could not index the QA corpus: {report.failed}")
    return settings


def locate(item: dict, engine: Podium, corpus: Path) -> tuple[str, int, int] | None:
    """The gold (turn id, start, end): the stored turn that contains the gold span, its
    words in order whatever whitespace is between them (a span may run over a paragraph
    break, which the gold file writes as a space)."""
    if not item.get("answerable"):
        return None
    source = str(corpus / item["source"])
    gold = re.compile(r"\s+".join(map(re.escape, item["gold_span"].split())))
    for briefing in engine.reader.briefings.values():
        if briefing.source_path != source:
            continue
        for turn in engine.reader.turns(briefing.id):
            found = gold.search(turn.text)
            if found and turn.role == "official":
                return turn.id, found.start(), found.end()
    log.warning("gold span of %s not found in an official turn of %s", item["id"], source)
    return None


def _fidelity(engine: Podium, answer) -> float:
    for q in answer.quotes:
        stored = engine.reader.turn(q.turn.briefing_id, q.turn.index)
        if stored is None or stored.role != "official" or \
                stored.text[q.start:q.end] != q.text:
            return 0.0
    return 1.0


def evaluate_system(engine: Podium, items: list[dict], golds: dict, system: str,
                    outcomes: list[dict] | None = None) -> dict:
    """``system``'s metrics over ``items``; with ``outcomes``, also what it did with each
    question (:func:`outcome`), appended there."""
    pipeline = PIPELINES[system]
    runs, quote1, quote5, fidelity, abstained, ms, best = {}, [], [], [], [], [], []
    for item in items:
        qid, gold = item["id"], golds.get(item["id"])
        ranked = engine.rank(item["question"], pipeline=pipeline)
        runs[qid] = [turn_id(c.hit.briefing_id, c.hit.turn_index) for c in ranked][:10]
        t0 = time.perf_counter()
        answer = engine.ask(item["question"], top=5, pipeline=pipeline)
        ms.append((time.perf_counter() - t0) * 1000)
        fidelity.append(_fidelity(engine, answer))
        abstained.append(answer.abstained)
        best.append(answer.scores["best_support"])
        hits = [bool(gold) and q.turn.id == gold[0] and overlaps((q.start, q.end), gold[1:])
                for q in answer.quotes]
        if gold:
            quote1.append(float(bool(hits[:1] and hits[0])))
            quote5.append(float(any(hits)))
        if outcomes is not None:
            outcomes.append(outcome(item, gold, answer, runs[qid], hits))
    metrics = ranking_metrics({k: {v[0]} if v else set() for k, v in golds.items()}, runs)
    metrics["quote_hit@1"] = mean_metric(quote1)
    metrics["quote_hit@5"] = mean_metric(quote5)
    metrics["fidelity"] = mean_metric(fidelity)
    metrics.update(abstention([not i.get("answerable") for i in items], abstained))
    metrics.update(latency(ms))
    metrics["best_support"] = mean_metric(best)
    return metrics


def outcome(item: dict, gold: tuple[str, int, int] | None, answer, ranked: list[str],
            hits: list[bool]) -> dict:
    """What the system did with one question, for the report's list of misses: declined or
    not, where the gold reply ranked (1–10, or None), and its first quote."""
    first = answer.quotes[0] if answer.quotes else None
    return {
        "id": item["id"], "type": item.get("type", "untyped"), "question": item["question"],
        "answerable": bool(item.get("answerable")), "located": gold is not None,
        "declined": answer.abstained, "message": answer.message if answer.abstained else None,
        "gold_rank": ranked.index(gold[0]) + 1 if gold and gold[0] in ranked else None,
        "quote_hit@1": bool(hits[:1] and hits[0]), "quote_hit@5": any(hits),
        "first_quote": None if first is None else
        {"speaker": first.turn.speaker, "turn": first.turn.id, "text": first.text},
        "gold_speaker": item.get("speaker"), "gold_span": item.get("gold_span"),
    }


def load_golds(paths: list[Path]) -> list[dict]:
    """The questions of several gold files, in order, each item tagged with its file's stem
    (``set``). Ids must be unique across the files, since results are kept by id."""
    items, seen = [], {}
    for path in paths:
        for item in load_gold(path):
            if item["id"] in seen:
                raise ValueError(f"question id {item['id']!r} is in both {seen[item['id']]} "
                                 f"and {path}: ids must be unique across the gold files")
            seen[item["id"]] = path
            items.append({**item, "set": path.stem})
    return items


def run_podium_qa(corpus: Path, home: Path, systems: list[str],
                  gold: Path | list[Path] = GOLD, model: str = "",
                  limit: int | None = None) -> dict:
    """Every system over the questions of ``gold`` (one file, or several pooled)."""
    gold_files = [gold] if isinstance(gold, Path) else list(gold)
    items = load_golds(gold_files)[:limit]
    sources = sorted({i["source"] for i in items if i.get("source")}) if limit else None
    settings = build_index(corpus, home, model, sources)
    engine = Podium(settings)
    engine.ask("warm up the model")  # keep model loading out of the latency figures
    golds = {i["id"]: locate(i, engine, corpus) for i in items}
    outcomes: list[dict] = []  # podium's answer to each question, for the list of misses
    results = {s: evaluate_system(engine, items, golds, s,
                                  outcomes if s == "podium" else None) for s in systems}
    return {
        "benchmark": "podium-qa", "gold": " + ".join(p.name for p in gold_files),
        "questions": len(items),
        "corpus": "sources of these questions only" if sources else "all of " + str(corpus),
        "briefings_indexed": len(engine.reader.briefings),  # more if --index holds others
        "answerable": sum(bool(i.get("answerable")) for i in items),
        "gold_located": sum(g is not None for g in golds.values()),
        "threshold": settings.min_support, "systems": results,
        "items": [{"id": i["id"], "set": i["set"], "type": i.get("type", "untyped"),
                   "answerable": i.get("answerable"), "located": golds[i["id"]] is not None}
                  for i in items],
        "outcomes": outcomes,
    }
