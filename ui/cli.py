"""The ``podium`` command line: ingest, ask, stats, speakers, remove, serve.

Commands are thin: heavy imports happen inside them, and library errors become one clear
line on stderr with a non-zero exit. Every command takes ``--json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# rag.retrieve.PIPELINES, named here so that building the parser stays cheap (tested)
SYSTEMS = ["bm25", "dense", "fusion", "podium", "podium-no-questions", "podium-no-rerank",
           "podium-no-speaker", "podium-no-dates", "podium-no-passages", "podium-no-claims",
           "podium-no-scope", "podium-no-figures", "podium-no-later-quote"]


def _settings(args: argparse.Namespace):
    from rag.settings import Settings

    overrides = {}
    if getattr(args, "no_progress", False) or getattr(args, "json", False):
        overrides["progress"] = False
    return Settings(**overrides)


def _emit(args: argparse.Namespace, data: dict, text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else text)


def cmd_ingest(args: argparse.Namespace) -> int:
    from index.ingest import ingest

    report = ingest([Path(p) for p in args.paths], _settings(args), fmt=args.format,
                    dry_run=args.dry_run)
    verb = "would add" if args.dry_run else "added"
    lines = [f"{verb} {len(report.added)} briefing(s), replaced {len(report.replaced)}, "
             f"skipped {len(report.skipped)} unchanged; {report.turns_added} turns "
             f"{'to index' if args.dry_run else 'indexed'}"]
    if report.turns_added and not args.dry_run:
        lines[0] += f" in {report.seconds:.1f} s ({report.turns_per_second:.0f} turns/s)"
    if args.verbose:
        lines += [f"  {verb} {b} ({n} turns)" for b, n in report.added]
        lines += [f"  replaced {b} ({n} turns)" for b, n in report.replaced]
        lines += [f"  skipped {b}: {why}" for b, why in report.skipped]
    lines += [f"  removed {b}: {why}" for b, why in report.removed]
    if report.repaired:
        lines.append("finished an interrupted ingest first: " + ", ".join(
            f"{k} {v}" for k, v in report.repaired.items()))
    if report.failed:
        lines.append(f"{len(report.failed)} file(s) refused:")
    _emit(args, report.as_dict(), "\n".join(lines))
    for _path, error in report.failed:  # the bad files, listed at the end
        print(f"error: {error}", file=sys.stderr)
    return EXIT_ERROR if report.failed else EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.answer import Podium
    from rag.render import answer_to_dict, answer_to_text

    answer = Podium(_settings(args)).ask(
        args.question, top=args.top, speakers=tuple(args.speaker or ()),
        briefings=tuple(args.briefing or ()), since=args.since, until=args.until)
    _emit(args, answer_to_dict(answer), answer_to_text(answer))
    return EXIT_OK


def cmd_who_said(args: argparse.Namespace) -> int:
    from rag.answer import Podium
    from rag.whosaid import sighting_to_dict, who_said

    engine = Podium(_settings(args))
    roles = ("official", "journalist") if args.journalists else ("official",)
    found = who_said(engine.reader, args.phrase, roles=roles, filters=engine.filters(
        tuple(args.speaker or ()), tuple(args.briefing or ()), args.since, args.until))
    rows = [sighting_to_dict(engine.reader, s, n) for n, s in enumerate(found, start=1)]
    lines = [f"{len(rows)} turn(s) contain these words" if rows else
             "No indexed turn contains these words (exactly or nearly)."]
    for n, row in enumerate(rows, start=1):
        b = row["briefing"]
        kind = "exact" if row["exact"] else f"near-exact {row['similarity']:.2f}"
        lines += ["", f"[{n}] {row['speaker']} ({row['role']}) — {b['title']} — "
                      f"{b['date'] or 'date unknown'} ({kind})"]
        if "quote" in row:
            lines.append(f"    “{row['quote']['text']}”")
    _emit(args, {"schema": 1, "phrase": args.phrase, "sightings": rows}, "\n".join(lines))
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from rag.answer import Podium
    from rag.render import answer_to_dict, answer_to_text
    from rag.whosaid import timeline

    engine = Podium(_settings(args))
    answer = timeline(engine, args.topic, engine.filters(
        tuple(args.speaker or ()), tuple(args.briefing or ()), args.since, args.until))
    _emit(args, answer_to_dict(answer), answer_to_text(answer))
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from rag.store import IndexReader

    stats = IndexReader(_settings(args)).stats()
    roles = ", ".join(f"{r} {n}" for r, n in sorted(stats["turns_by_role"].items()))
    text = (f"briefings: {stats['briefings']}\nturns: {stats['turns']} ({roles})\n"
            f"indexed chunks: {stats['chunks']}\nspeakers: {stats['speakers']}\n"
            f"index: {stats['index']}\nmodel: {stats['model']}")
    _emit(args, stats, text)
    return EXIT_OK


def cmd_speakers(args: argparse.Namespace) -> int:
    from index.speakers import list_speakers, set_role

    if args.set_role:
        change = set_role(args.set_role[0], args.set_role[1], _settings(args))
        text = (f"{change.speaker} is now {change.role}"
                f"{' (podium decides)' if change.role == 'auto' else ''}: "
                f"{change.turns} turn(s) re-labelled in {len(change.briefings)} briefing(s), "
                f"{change.embedded} text(s) embedded")
        _emit(args, change.as_dict(), text)
        return EXIT_OK
    rows = list_speakers(_settings(args))
    lines = [f"{'speaker':<32} {'role':<10} {'turns':>6} {'briefings':>9}"] + [
        f"{r['speaker']:<32} {r['role']:<10} {r['turns']:>6} {r['briefings']:>9}"
        + (f"  (set: {r['override']})" if r["override"] else "")
        + (f"  [{', '.join(f'{k} {v}' for k, v in sorted(r['roles'].items()))}]"
           if len(r["roles"]) > 1 else "")
        for r in rows]
    _emit(args, {"speakers": rows}, "\n".join(lines) if rows else "no speakers indexed")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from index.ingest import remove

    settings, removed, missing = _settings(args), [], []
    for briefing_id in args.briefing_id:
        (removed if remove(briefing_id, settings) else missing).append(briefing_id)
    for briefing_id in missing:
        print(f"error: no briefing {briefing_id!r} in the index: see `podium stats --json`",
              file=sys.stderr)
    if removed:
        _emit(args, {"removed": removed[0] if len(removed) == 1 else removed},
              "\n".join(f"removed {b}" for b in removed))
    return EXIT_ERROR if missing else EXIT_OK


def cmd_bench(args: argparse.Namespace) -> int:
    if args.what == "ask":
        from eval.bench_ask import bench_ask, read_questions

        questions = read_questions(Path(args.questions)) if args.questions else None
        result = bench_ask(_settings(args), rounds=args.runs, questions=questions,
                           systems=args.systems)
        lines = []
        for system, figures in result["systems"].items():
            stages = ", ".join(f"{k} {v:.1f}" for k, v in figures["stages_p50_ms"].items())
            lines.append(f"{system}: p50 {figures['p50_ms']:.1f} ms, p95 "
                         f"{figures['p95_ms']:.1f} ms (stage p50: {stages})")
        _emit(args, result, f"ask() warm over {result['questions']} questions x "
              f"{result['rounds']} rounds on {result['briefings']} briefings; "
              f"{result['machine']}\n" + "\n".join(lines))
        return EXIT_OK
    from eval.bench_ingest import bench_ingest, markdown

    result = bench_ingest([Path(p) for p in args.paths], runs=args.runs, limit=args.limit,
                          out=Path(args.out), model=args.model)
    _emit(args, result, markdown(result))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    from index.ingest import ensure_demo_index
    from ui.app import parse_auth, serve

    settings = _settings(args)
    auth = parse_auth(args.auth or os.environ.get("PODIUM_AUTH"))
    if args.demo:
        ensure_demo_index(settings)
    host = args.host or settings.host
    port = args.port or settings.port
    if host not in ("127.0.0.1", "localhost", "::1") and auth is None:
        print(f"warning: serving on {host} without --auth: anyone who can reach this machine "
              "can use podium (set --auth user:password or PODIUM_AUTH)", file=sys.stderr)
    if args.json:
        print(json.dumps({"url": f"http://{host}:{port}", "auth": auth is not None}), flush=True)
    else:
        print(f"podium: serving on http://{host}:{port}"
              f"{' (login required)' if auth else ''} — Ctrl+C to stop", flush=True)
    serve(settings, host=host, port=port, auth=auth)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.report import differences_table, markdown_table, set_table, type_table, write_report

    if args.benchmark == "feedback":  # the chat's thumbs up/down → eval items (eval/feedback.py)
        from eval.feedback import engine_or_none, markdown, run_feedback

        settings = _settings(args)
        path = Path(args.path) if args.path else settings.home / "feedback.jsonl"
        report = run_feedback(path, Path(args.out or "results/feedback"),
                              engine_or_none(settings))
        _emit(args, report, markdown(report) + "\n".join(report["paths"].values()))
        return EXIT_OK
    report_name = args.benchmark
    if args.benchmark == "podium-qa":
        from eval.podium_qa import GOLD, run_podium_qa

        golds = [Path(g) for g in args.gold] if args.gold else [GOLD]
        if [g.resolve() for g in golds] != [GOLD]:  # other gold sets: keep the main report
            report_name += "-" + "+".join(g.stem for g in golds)
        for gold in golds:
            if not gold.is_file():
                print(f"error: no gold file {gold}: pass --gold with JSON Lines files of "
                      "questions (format: eval/data/podium_qa.jsonl)", file=sys.stderr)
                return EXIT_USAGE
        result = run_podium_qa(Path(args.corpus), Path(args.index or "results/index-podium-qa"),
                               args.systems, gold=golds, model=args.model, limit=args.limit)
    else:
        from eval.qmsum import run_qmsum

        if not args.path:
            print("error: `podium eval qmsum` needs the QMSum folder or JSON file, e.g. "
                  "../shared/eval/qmsum/data/ALL/val", file=sys.stderr)
            return EXIT_USAGE
        result = run_qmsum(Path(args.path), Path(args.index or "results/index-qmsum"),
                           args.systems, model=args.model, limit=args.limit)
    out = Path(args.out or f"results/{report_name}")
    paths = write_report(result, out, "podium " + " ".join(sys.argv[1:]))
    tables = [markdown_table(result), differences_table(result), type_table(result),
              set_table(result)]
    _emit(args, result, "\n\n".join(t for t in tables if t) + "\n\n" +
          "\n".join(f"{k}: {v}" for k, v in paths.items()))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="podium", description="Answer questions about press briefings with the "
        "officials' own words. The index lives in $PODIUM_HOME.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=func)
        return p

    p = command("ingest", cmd_ingest, "add briefing files, folders or .zip/.tar.gz archives to "
                "the index (unchanged files are skipped; pages of one briefing are merged)")
    p.add_argument("paths", nargs="+", help="files (.txt .html .md .json .jsonl), folders or "
                   "archives")
    p.add_argument("--format", choices=["text", "seed", "html", "mfa", "markdown", "json",
                                        "qmsum"],
                   help="force a format instead of detecting it from the content")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    p = command("ask", cmd_ask, "answer a question with officials' verbatim quotes")
    p.add_argument("question")
    p.add_argument("--top", type=int, help="quotes to return (default 3)")
    p.add_argument("--speaker", action="append", help="only this speaker (repeatable)")
    p.add_argument("--briefing", action="append", help="only this briefing id (repeatable)")
    p.add_argument("--since", help="only briefings on/after YYYY-MM-DD")
    p.add_argument("--until", help="only briefings on/before YYYY-MM-DD")

    for name, func, help_, arg in [
        ("who-said", cmd_who_said, "find who said a phrase (exact or near-exact)", "phrase"),
        ("timeline", cmd_timeline, "one quote per briefing on a topic, oldest first", "topic"),
    ]:
        p = command(name, func, help_)
        p.add_argument(arg)
        p.add_argument("--speaker", action="append", help="only this speaker (repeatable)")
        p.add_argument("--briefing", action="append", help="only this briefing id (repeatable)")
        p.add_argument("--since", help="only briefings on/after YYYY-MM-DD")
        p.add_argument("--until", help="only briefings on/before YYYY-MM-DD")
        if name == "who-said":
            p.add_argument("--journalists", action="store_true",
                           help="also search journalists' questions (shown as context)")

    command("stats", cmd_stats, "what is indexed: briefings, turns by role, speakers, model")
    p = command("speakers", cmd_speakers, "speakers with role, turns and briefings; "
                "--set-role fixes a wrong role for good (re-labels, re-embeds only what changes)")
    p.add_argument("--set-role", nargs=2, metavar=("NAME", "ROLE"),
                   help="ROLE: official, journalist, moderator, unknown, or auto (podium decides)")
    p = command("remove", cmd_remove, "remove briefings from the index")
    p.add_argument("briefing_id", nargs="+")

    p = command("bench", cmd_bench, "measure speed. ingest: the pipeline's turns/s against "
                "raw SentenceTransformer.encode of the same texts, and re-ingest of an unchanged "
                "corpus against the first build (median of --runs); ask: warm ask() latency")
    p.add_argument("what", choices=["ingest", "ask"],
                   help="ingest: throughput; ask: warm ask() latency on the index in PODIUM_HOME")
    p.add_argument("paths", nargs="*", help="what to ingest (default: the White House sample "
                   "in ../shared)")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    p.add_argument("--limit", type=int, help="only the first N files (archives: members)")
    p.add_argument("--out", default="results/bench-ingest", help="report folder")
    p.add_argument("--model", default="", help="embedding model folder ('' = bundled)")
    p.add_argument("--questions", metavar="FILE", help="ask: these questions (one per line, "
                   "or a gold JSON Lines file) instead of the built-in ten")
    p.add_argument("--systems", nargs="+", choices=SYSTEMS, default=["podium"],
                   help="ask: pipelines to time side by side, each question asked by each "
                   "in turn (e.g. podium podium-no-scope)")

    p = command("eval", cmd_eval, "measure podium against baselines (writes JSON, Markdown "
                "and a PNG under --out). Benchmarks: feedback [FILE] (the chat's thumbs up/down "
                "as eval items and a report), podium-qa (the repo's gold questions over "
                "../shared/corpus) and qmsum PATH (QMSum meetings, per-meeting turn retrieval "
                "of the specific queries). Systems: bm25, dense, fusion (their RRF) and podium "
                "(the full pipeline). Metrics: Hit@1, Hit@5, MRR@10, nDCG@10 on gold turns; "
                "quote hit@1/@5 (a returned quote overlaps the gold span); fidelity (every quote "
                "an exact official slice: must be 1.000); abstention precision/recall and "
                "false-abstention rate; latency p50/p95 of ask(). Then podium minus each other "
                "system, question by question, with a 95 % paired-bootstrap interval: an "
                "interval that excludes 0 is a difference the questions can tell from chance. "
                "podium-qa reports also give podium's figures by kind of question, and "
                "report.md lists every question podium missed, with what it quoted or why it "
                "declined, beside the gold words.")
    p.add_argument("benchmark", choices=["podium-qa", "qmsum", "feedback"])
    p.add_argument("path", nargs="?", help="qmsum: a folder of meeting JSON files or one file; "
                   "feedback: the chat's ratings (default $PODIUM_HOME/feedback.jsonl)")
    p.add_argument("--corpus", default=str(Path("..") / "shared" / "corpus"),
                   help="podium-qa: the ../shared/corpus folder")
    p.add_argument("--gold", nargs="+", metavar="FILE",
                   help="podium-qa: the questions (default eval/data/podium_qa.jsonl; "
                   "eval/data/podium_qa_holdout.jsonl and podium_qa_holdout2.jsonl to "
                   "podium_qa_holdout18.jsonl are the held-out sets). Several files are pooled "
                   "into one run (ids must not repeat), and the report adds podium's figures "
                   "for each file")
    p.add_argument("--index", help="where to keep the eval index (reused across runs)")
    p.add_argument("--out", help="report folder (default results/BENCHMARK, or "
                   "results/podium-qa-STEM for other --gold files, their stems joined by +)")
    p.add_argument("--systems", nargs="+", default=["bm25", "dense", "fusion", "podium"],
                   choices=SYSTEMS, help="podium-no-X: podium with one lever off (ablation)")
    p.add_argument("--limit", type=int, help="only the first N questions or meetings")
    p.add_argument("--model", default="", help="embedding model folder ('' = bundled)")

    p = command("serve", cmd_serve, "open the Gradio chat")
    p.add_argument("--host", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--demo", action="store_true",
                   help="index the bundled demo corpus first if the index is empty")
    p.add_argument("--auth", metavar="USER:PASSWORD",
                   help="require this login (default: $PODIUM_AUTH; none on loopback)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
