"""Turn the chat's thumbs (``$PODIUM_HOME/feedback.jsonl``) into eval items and a report.

``podium eval feedback [FILE]`` reads the ratings the chat stored (``ui.feedback``), keeps the
latest rating per answer or quote, and writes under ``--out`` (default results/feedback):

- ``items.jsonl`` — eval items: a thumbs-up quote is a gold span (``gold_span``,
  ``gold_turn``) for its question, in the podium QA set's shape; a thumbs-down quote is a
  negative (``bad_turn``: it should not be returned), a thumbs-down on a whole answer lists
  all its turns as ``bad_turns``; a thumbs-down on an abstention marks the
  question answerable, a thumbs-up on one marks it unanswerable;
- ``report.json`` / ``report.md`` — counts, approval rate, and, when an index is at hand,
  whether today's podium still returns the liked quotes (``kept_liked``) and no longer returns
  the disliked ones (``dropped_disliked``), each ``{"score": …, "individual_scores": […]}``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)


def read_feedback(path: Path) -> list[dict]:
    """Every well-formed rating in ``path`` (bad lines are logged with their number)."""
    if not path.exists():
        raise FileNotFoundError(f"no feedback file at {path}: rate answers in the chat first "
                                "(thumbs up/down), or pass the file: podium eval feedback FILE")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or "rating" not in item or "question" not in item:
                raise ValueError("expected an object with rating and question")
            items.append(item)
        except ValueError as exc:
            log.warning("skipping line %d of %s: %s", number, path, exc)
    return items


def latest(ratings: list[dict]) -> list[dict]:
    """The last rating per (question, filters, target, citation); "cleared" removes it."""
    last: dict[str, dict] = {}
    for item in ratings:
        key = json.dumps([item["question"], item.get("filters"), item.get("target"),
                          item.get("citation")], sort_keys=True)
        last[key] = item
    return [item for item in last.values() if item["rating"] in ("up", "down")]


def to_items(ratings: list[dict]) -> list[dict]:
    """Eval items from the latest ratings (see the module docstring)."""
    out = []
    for n, item in enumerate(ratings, start=1):
        base = {"id": f"fb-{n:03d}", "question": item["question"], "from": "feedback",
                "filters": item.get("filters", {}), "rated": item.get("time")}
        quote = _rated_quote(item)
        if quote is not None:
            key = "gold" if item["rating"] == "up" else "bad"
            out.append({**base, f"{key}_turn": quote["turn_id"], f"{key}_span": quote["text"],
                        "speaker": quote["speaker"], "date": quote.get("date"),
                        "answerable": True if key == "gold" else None})
        elif item.get("abstained"):
            out.append({**base, "answerable": item["rating"] == "down"})
        elif item["rating"] == "down":  # the whole answer was wrong: none of its turns fit
            out.append({**base, "bad_turns": [q["turn_id"] for q in item.get("quotes") or []],
                        "answerable": None})
    return out


def _rated_quote(item: dict) -> dict | None:
    quotes = item.get("quotes") or []
    if item.get("target") == "quote" and item.get("citation"):
        return next((q for q in quotes if q["citation"] == item["citation"]), None)
    return quotes[0] if quotes and item["rating"] == "up" else None


def rerun(items: list[dict], engine, top: int = 5) -> dict:
    """Does podium today still return liked quotes and leave out disliked ones?"""
    kept, dropped = [], []
    for item in items:
        turn = item.get("gold_turn") or item.get("bad_turn")
        if not turn:
            continue
        f = item.get("filters") or {}
        answer = engine.ask(item["question"], top=top, speakers=tuple(f.get("speakers") or ()),
                            briefings=tuple(f.get("briefings") or ()), since=f.get("since"),
                            until=f.get("until"))
        found = float(any(q.turn.id == turn for q in answer.quotes))
        (kept if "gold_turn" in item else dropped).append(
            found if "gold_turn" in item else 1.0 - found)
    return {name: {"score": sum(v) / len(v) if v else None, "individual_scores": v}
            for name, v in (("kept_liked", kept), ("dropped_disliked", dropped))}


def run_feedback(path: Path, out: Path, engine=None) -> dict:
    """Read ``path``, write items and a report under ``out``; the report as a dict."""
    everything = read_feedback(path)
    ratings = latest(everything)
    items = to_items(ratings)
    ups = sum(r["rating"] == "up" for r in ratings)
    report = {"benchmark": "feedback", "file": str(path), "ratings_read": len(everything),
              "ratings_kept": len(ratings), "up": ups, "down": len(ratings) - ups,
              "approval": round(ups / len(ratings), 3) if ratings else None,
              "items": len(items), "gold_items": sum("gold_turn" in i for i in items),
              "negative_items": sum("bad_turn" in i for i in items)}
    if engine is not None:
        report["rerun"] = rerun(items, engine)
    out.mkdir(parents=True, exist_ok=True)
    (out / "items.jsonl").write_text("".join(json.dumps(i, ensure_ascii=False) + "\n"
                                             for i in items), encoding="utf-8")
    (out / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (out / "report.md").write_text(markdown(report), encoding="utf-8")
    report["paths"] = {name: str(out / name) for name in ("items.jsonl", "report.json",
                                                          "report.md")}
    return report


def markdown(report: dict) -> str:
    lines = ["# Feedback from the chat", "",
             f"- ratings: {report['ratings_kept']} kept of {report['ratings_read']} read "
             f"({report['up']} up, {report['down']} down; approval {report['approval']})",
             f"- eval items: {report['items']} ({report['gold_items']} gold spans, "
             f"{report['negative_items']} negatives)"]
    for name, value in (report.get("rerun") or {}).items():
        score = "—" if value["score"] is None else f"{value['score']:.3f}"
        lines.append(f"- {name}: {score} over {len(value['individual_scores'])} item(s)")
    return "\n".join(lines) + "\n"


def engine_or_none(settings):
    """A Podium on ``settings``' index to re-run the items with, or None when there is none."""
    if not settings.db_path.exists():
        log.info("no index in %s: the report leaves out the re-run", settings.home)
        return None
    from rag.answer import Podium

    return Podium(settings)
