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
    lines = [f"{'would add' if args.dry_run else 'added'} {len(report.added)} briefing(s), "
             f"replaced {len(report.replaced)}, skipped {len(report.skipped)} unchanged; "
             f"{report.turns_added} turns {'to index' if args.dry_run else 'indexed'}"]
    lines += [f"  skipped {b}: {why}" for b, why in report.skipped if args.verbose]
    for _path, error in report.failed:
        print(f"error: {error}", file=sys.stderr)
    if report.failed:
        lines.append(f"{len(report.failed)} file(s) refused (see errors above)")
    _emit(args, report.as_dict(), "\n".join(lines))
    return EXIT_ERROR if report.failed else EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from rag.answer import Podium
    from rag.render import answer_to_dict, answer_to_text

    answer = Podium(_settings(args)).ask(
        args.question, top=args.top, speakers=tuple(args.speaker or ()),
        briefings=tuple(args.briefing or ()), since=args.since, until=args.until)
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
    from rag.store import IndexReader

    rows = IndexReader(_settings(args)).speakers()
    text = "\n".join(f"{r['speaker']:<32} {r['role']:<10} {r['turns']:>6} turns "
                     f"{r['briefings']:>4} briefings" for r in rows)
    _emit(args, {"speakers": rows}, text or "no speakers indexed")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from index.ingest import remove

    found = remove(args.briefing_id, _settings(args))
    if not found:
        print(f"error: no briefing {args.briefing_id!r} in the index: see `podium stats --json`",
              file=sys.stderr)
        return EXIT_ERROR
    _emit(args, {"removed": args.briefing_id}, f"removed {args.briefing_id}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from index.ingest import ensure_demo_index
    from ui.app import serve

    settings = _settings(args)
    if args.demo:
        ensure_demo_index(settings)
    host = args.host or settings.host
    port = args.port or settings.port
    if args.json:
        print(json.dumps({"url": f"http://{host}:{port}"}))
    serve(settings, host=host, port=port)
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

    p = command("ingest", cmd_ingest, "add briefing files or folders to the index")
    p.add_argument("paths", nargs="+", help="files (.txt .html .md) or folders")
    p.add_argument("--format", choices=["seed", "text", "mfa", "html", "markdown"],
                   help="force a format instead of detecting it")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    p = command("ask", cmd_ask, "answer a question with officials' verbatim quotes")
    p.add_argument("question")
    p.add_argument("--top", type=int, help="quotes to return (default 3)")
    p.add_argument("--speaker", action="append", help="only this speaker (repeatable)")
    p.add_argument("--briefing", action="append", help="only this briefing id (repeatable)")
    p.add_argument("--since", help="only briefings on/after YYYY-MM-DD")
    p.add_argument("--until", help="only briefings on/before YYYY-MM-DD")

    command("stats", cmd_stats, "what is indexed: briefings, turns by role, speakers, model")
    command("speakers", cmd_speakers, "speakers with role, turns and briefings")
    p = command("remove", cmd_remove, "remove one briefing from the index")
    p.add_argument("briefing_id")

    p = command("serve", cmd_serve, "open the Gradio chat")
    p.add_argument("--host", help="bind address (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--demo", action="store_true",
                   help="index the bundled demo corpus first if the index is empty")
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
