"""``podium bench ingest``: is ingest as fast as the model allows, and is re-ingest free?

Three timings, taken back to back in each of ``runs`` rounds (raw and pipeline alternate
which goes first, so that a machine getting busier or quieter favours neither). Ratios are
computed within each round and reported as medians, with the medians of the times:

- **raw**: ``SentenceTransformer.encode`` (same model, batch size and normalisation as the
  writer) of exactly the texts the index needs vectors for — every sentence of every official
  turn and every question an official answers — one text per vector, in one call;
- **pipeline**: ``index.ingest.ingest`` of the corpus into a fresh index — reading, parsing,
  roles, sentence splitting, encoding, SQLite, Chroma and BM25, everything;
- **re-ingest**: the same ingest again into that index (nothing changed).

Wall-clock time is what a user waits; CPU time (all threads of this process) is what the work
costs, and barely moves when other programs load the machine — both are reported.
Throughput is turns per second (all turns of the corpus, every role); the pipeline's is
compared with raw encoding of the same turns' texts (target ≥ 0.85×), re-ingest with the
first build (target ≤ 5 %). The pipeline encodes each distinct text once; raw encoding of the
distinct texts only is reported too, so the comparison can be read both ways. The stage
breakdown of the pipeline (read, split, encode, sqlite, chroma, bm25) shows where the rest
goes. Writes ``bench-ingest.json`` and ``bench-ingest.md`` under ``out``.
"""

from __future__ import annotations

import json
import logging
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rag.settings import REPO_ROOT, Settings

log = logging.getLogger(__name__)

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "whitehouse" / "sample"
TARGET_RATIO, TARGET_REINGEST = 0.85, 0.05


def bench_ingest(paths: list[Path], *, runs: int = 3, limit: int | None = None,
                 out: Path = Path("results/bench-ingest"), model: str = "") -> dict:
    """Run the benchmark; returns (and writes) the figures."""
    paths = paths or [DEFAULT_CORPUS]
    work = Path(tempfile.mkdtemp(prefix="podium-bench-"))
    try:
        corpus = _slice(paths, limit, work / "corpus")
        settings = Settings(home=work / "probe", model=model, progress=False)
        texts, turns = needed_texts(corpus, settings)
        encoder = _encoder(settings)
        rounds = []
        for n in range(runs):
            rounds.append(_round(corpus, texts, encoder, settings, work / f"run{n}", n))
            log.info("round %d: %s", n + 1, rounds[-1])
        result = _summary(rounds, texts, turns, corpus, settings)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _write(result, out)
    return result


def _slice(paths: list[Path], limit: int | None, folder: Path) -> list[Path]:
    """The corpus: ``paths``, or its first ``limit`` files (by name; archive members too)
    copied to ``folder`` (without sidecars: enough for front matter and JSON)."""
    if limit is None:
        return paths
    from index.sources import Sources

    folder.mkdir(parents=True)
    with Sources(paths) as sources:
        for source in sorted(sources.files, key=lambda f: f.name)[:limit]:
            inner = source.name.split("!")[-1] if "!" in source.name else source.path.name
            name = inner.replace("/", "__")
            shutil.copyfile(source.path, folder / name)
    return [folder]


def needed_texts(corpus: list[Path], settings: Settings) -> tuple[list[str], int]:
    """The texts the index needs vectors for (one per vector) and the corpus's turn count."""
    from index.chunks import ENCODED_KINDS, prepare
    from index.plan import make_plan
    from index.sources import Sources
    from index.store import IndexWriter
    from rag.embed import get_token_counter

    count = get_token_counter(settings.model_path).counts
    with Sources(corpus) as sources:
        writer = IndexWriter(settings)
        try:
            plan = make_plan(sources.files, writer, None)
        finally:
            writer.close()
    texts, turns = [], 0
    for record, _ in plan.todo:
        prepared = prepare(record.briefing, list(record.turns), settings.max_window_tokens, count)
        texts += prepared.sentence_texts()
        texts += [c.text for c in prepared.chunks if c.kind in ENCODED_KINDS]
        turns += len(record.turns)
    return texts, turns


def _encoder(settings: Settings):
    from sentence_transformers import SentenceTransformer

    from rag.embed import get_embeddings

    model = SentenceTransformer(settings.model_path, device=settings.device)
    model.encode(["warm up"] * 8)
    get_embeddings(settings.model_path, settings.device, settings.batch_size).embed_documents(
        ["warm up"] * 8)  # the pipeline's model, loaded before it is timed
    return model


def _timed(work) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process's threads, result) of ``work()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _forget() -> None:
    """Drop what this process remembers from earlier runs (split paragraphs, index rows)."""
    from index import meta, sentences

    sentences._pysbd_spans.cache_clear()
    meta._index_rows.cache_clear()


def _round(corpus: list[Path], texts: list[str], encoder, settings: Settings, home: Path,
           n: int) -> dict:
    """One round: raw encoding and a first build back to back (raw first in even rounds,
    second in odd ones, so a load that rises or falls favours neither), then a re-ingest."""
    from index.ingest import ingest

    run = settings.model_copy(update={"home": home})

    def encode(batch: list[str]):
        return lambda: encoder.encode(batch, batch_size=settings.batch_size,
                                      normalize_embeddings=True, show_progress_bar=False)

    def build():
        _forget()  # a first build starts with nothing remembered
        return ingest(corpus, run)

    figures: dict = {}
    for step in (("raw", "pipeline") if n % 2 == 0 else ("pipeline", "raw")):
        if step == "raw":
            figures["raw_s"], figures["raw_cpu_s"], _ = _timed(encode(texts))
        else:
            figures["pipeline_s"], figures["pipeline_cpu_s"], first = _timed(build)
    figures["reingest_s"], figures["reingest_cpu_s"], again = _timed(lambda: ingest(corpus, run))
    if n == 0:  # once: it only says how much of the gain is from encoding repeats once
        figures["raw_distinct_s"], _, _ = _timed(encode(list(dict.fromkeys(texts))))
    if not first.added or again.added or again.replaced:
        raise RuntimeError(f"the benchmark corpus did not ingest cleanly: {first.failed[:3]}")
    figures["briefings"], figures["refused"] = len(first.added), len(first.failed)
    figures["ratio"] = figures["raw_s"] / figures["pipeline_s"]
    figures["ratio_cpu"] = figures["raw_cpu_s"] / figures["pipeline_cpu_s"]
    figures["reingest_ratio"] = figures["reingest_s"] / figures["pipeline_s"]
    return {**figures, "stages": first.timings}


def _summary(rounds: list[dict], texts: list[str], turns: int, corpus: list[Path],
             settings: Settings) -> dict:
    keys = ("raw_s", "raw_cpu_s", "pipeline_s", "pipeline_cpu_s", "reingest_s", "reingest_cpu_s")
    median = {key: statistics.median(r[key] for r in rounds) for key in keys}
    median["raw_distinct_s"] = rounds[0]["raw_distinct_s"]
    stages = {k: statistics.median(r["stages"].get(k, 0.0) for r in rounds)
              for k in rounds[0]["stages"]}
    return {
        "benchmark": "ingest", "corpus": [str(p) for p in corpus], "model": settings.model_path,
        "batch_size": settings.batch_size, "runs": len(rounds), "turns": turns,
        "briefings": rounds[0]["briefings"], "refused_files": rounds[0]["refused"],
        "texts": len(texts), "distinct_texts": len(set(texts)),
        "seconds": {k: round(v, 2) for k, v in median.items()},
        "turns_per_second": {
            "pipeline": round(turns / median["pipeline_s"], 1),
            "raw_encode": round(turns / median["raw_s"], 1),
            "raw_encode_distinct": round(turns / median["raw_distinct_s"], 1),
        },
        "pipeline_vs_raw": round(statistics.median(r["ratio"] for r in rounds), 3),
        "pipeline_vs_raw_cpu": round(statistics.median(r["ratio_cpu"] for r in rounds), 3),
        "pipeline_vs_raw_distinct": round(rounds[0]["raw_distinct_s"] / rounds[0]["pipeline_s"],
                                          3),
        "reingest_vs_first": round(statistics.median(r["reingest_ratio"] for r in rounds), 4),
        "targets": {"pipeline_vs_raw": TARGET_RATIO, "reingest_vs_first": TARGET_REINGEST},
        "stages_s": {k: round(v, 2) for k, v in stages.items()},
        "rounds": [{k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()
                    if k != "stages"} for r in rounds],
    }


def markdown(result: dict) -> str:
    s, tps = result["seconds"], result["turns_per_second"]
    lines = [
        f"podium bench ingest — {result['briefings']} briefings ({result['refused_files']} files "
        f"refused), {result['turns']} turns, {result['texts']} texts to encode "
        f"({result['distinct_texts']} distinct), median of {result['runs']} run(s)",
        "",
        "| measure | wall s | CPU s | turns/s |",
        "|---|---:|---:|---:|",
        f"| raw SentenceTransformer.encode, all texts | {s['raw_s']} | {s['raw_cpu_s']} | "
        f"{tps['raw_encode']} |",
        f"| raw encode, distinct texts (first run) | {s['raw_distinct_s']} | | "
        f"{tps['raw_encode_distinct']} |",
        f"| podium ingest (first build) | {s['pipeline_s']} | {s['pipeline_cpu_s']} | "
        f"{tps['pipeline']} |",
        f"| podium ingest again (unchanged) | {s['reingest_s']} | {s['reingest_cpu_s']} | |",
        "",
        f"pipeline / raw encode: **{result['pipeline_vs_raw']}×** wall, "
        f"{result['pipeline_vs_raw_cpu']}× CPU (median of the rounds' ratios; target ≥ "
        f"{TARGET_RATIO}); against raw encoding of the distinct texts only (first round): "
        f"{result['pipeline_vs_raw_distinct']}×",
        f"re-ingest / first build: **{result['reingest_vs_first']:.2%}** (target ≤ "
        f"{TARGET_REINGEST:.0%})",
        "per round (raw s / pipeline s = ratio): " + "; ".join(
            f"{r['raw_s']} / {r['pipeline_s']} = {r['ratio']}" for r in result["rounds"]),
        "pipeline stages (s): " + ", ".join(f"{k} {v}" for k, v in result["stages_s"].items()),
    ]
    return "\n".join(lines)


def _write(result: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench-ingest.json").write_text(json.dumps(result, indent=2))
    (out / "bench-ingest.md").write_text(markdown(result) + "\n")

