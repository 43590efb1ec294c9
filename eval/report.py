"""Write an eval result as JSON, a Markdown table and a bar plot (PNG)."""

from __future__ import annotations

import json
import platform
from pathlib import Path

COLUMNS = ["hit@1", "hit@5", "mrr@10", "ndcg@10", "quote_hit@1", "quote_hit@5", "fidelity",
           "abstention_precision", "abstention_recall", "false_abstention",
           "latency_p50_ms", "latency_p95_ms"]
PLOTTED = ["hit@1", "hit@5", "mrr@10", "ndcg@10", "quote_hit@1"]
# per-question means, compared question by question between podium and each other system
COMPARED = ["hit@1", "hit@5", "ndcg@10", "quote_hit@1", "quote_hit@5"]


def markdown_table(result: dict) -> str:
    systems = result["systems"]
    columns = [c for c in COLUMNS if any(c in m for m in systems.values())]
    lines = ["| system | " + " | ".join(columns) + " |",
             "|---|" + "---:|" * len(columns)]
    for name, metrics in systems.items():
        cells = []
        for column in columns:
            value = metrics.get(column, {}).get("score")
            cells.append("—" if value is None else
                         f"{value:.1f}" if column.endswith("_ms") else f"{value:.3f}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def differences(result: dict, reference: str = "podium") -> dict[str, dict[str, dict]]:
    """``reference`` minus every other system, metric by metric, paired over the questions
    (:func:`eval.metrics.paired_difference`); empty when ``reference`` was not run."""
    from eval.metrics import paired_difference

    systems = result["systems"]
    if reference not in systems:
        return {}
    ours = systems[reference]
    return {name: {m: paired_difference(ours[m]["individual_scores"],
                                        metrics[m]["individual_scores"])
                   for m in COMPARED if m in ours and m in metrics}
            for name, metrics in systems.items() if name != reference}


def differences_table(result: dict, reference: str = "podium") -> str:
    """Markdown: ``reference`` minus each system, 95 % interval, questions up/down."""
    diffs = result.get("differences") or differences(result, reference)
    if not diffs:
        return ""
    columns = [m for m in COMPARED if any(m in d for d in diffs.values())]
    lines = [f"{reference} minus each system, paired over the same questions: difference "
             "[95 % bootstrap interval] (questions better / worse)", "",
             "| system | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for name, metrics in diffs.items():
        cells = [_difference(metrics[m]) if m in metrics else "—" for m in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _difference(d: dict) -> str:
    return (f"{d['difference']:+.3f} [{d['low']:+.2f}, {d['high']:+.2f}] "
            f"({d['better']} / {d['worse']})")


def _grouped(result: dict, system: str, key: str) -> dict[str, dict[str, list[float]]]:
    """``system``'s per-question scores, grouped by ``key`` of ``result["items"]`` ("type"
    or "set").

    Ranking and quote metrics are per answerable question whose gold span was found, in the
    order of ``result["items"]``; *declined* lists 1.0 for each question ``system`` declined,
    kept apart for answerable and unanswerable questions."""
    items, metrics = result["items"], result["systems"][system]
    located = [i for i in items if i.get("located")]
    groups: dict[str, dict[str, list[float]]] = {}
    for column in ("hit@1", "hit@5", "quote_hit@1", "quote_hit@5"):
        if column not in metrics:
            continue
        for item, score in zip(located, metrics[column]["individual_scores"], strict=True):
            groups.setdefault(item[key], {}).setdefault(column, []).append(score)
    correct = metrics["abstention_recall"]["individual_scores"]  # right decision, per item
    for item, right in zip(items, correct, strict=True):
        declined = right if not item["answerable"] else 1.0 - right
        column = "declined_answerable" if item["answerable"] else "declined_unanswerable"
        groups.setdefault(item[key], {}).setdefault(column, []).append(declined)
    return groups


def _table(title: str, first: str, columns: list[tuple[str, str]],
           groups: dict[str, dict[str, list[float]]], order: list[str]) -> str:
    lines = [title, "", f"| {first} | questions | " + " | ".join(h for h, _ in columns) + " |",
             "|---|---:|" + "---:|" * len(columns)]
    for name in order:
        scores = groups[name]
        count = len(scores.get("declined_answerable", [])) + \
            len(scores.get("declined_unanswerable", []))
        cells = [f"{sum(v) / len(v):.3f}" if (v := scores.get(c)) else "—" for _, c in columns]
        lines.append(f"| {name} | {count} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def type_table(result: dict, system: str = "podium") -> str:
    """Markdown: ``system``'s figures by kind of question (podium QA sets only); *declined*
    is the share of questions ``system`` declined (right for unanswerable ones, wrong for
    the rest)."""
    items = result.get("items")
    if not items or system not in result["systems"] or "type" not in items[0]:
        return ""
    groups = _grouped(result, system, "type")
    for scores in groups.values():
        scores["declined"] = scores.get("declined_answerable", []) + \
            scores.get("declined_unanswerable", [])
    columns = [(c, c) for c in ("hit@1", "quote_hit@1", "quote_hit@5", "declined")]
    return _table(f"{system} by kind of question:", "kind", columns, groups, sorted(groups))


def set_table(result: dict, system: str = "podium") -> str:
    """Markdown: ``system``'s figures for each gold file of a pooled run (``--gold`` with
    several files); empty for a run over one file."""
    items = result.get("items")
    if not items or system not in result["systems"] or "set" not in items[0]:
        return ""
    order = list(dict.fromkeys(i["set"] for i in items))
    if len(order) < 2:
        return ""
    columns = [(c, c) for c in ("hit@1", "hit@5", "quote_hit@1", "quote_hit@5")] + [
        ("abstention_recall", "declined_unanswerable"),
        ("false_abstention", "declined_answerable")]
    return _table(f"{system} by gold file (the rows above pool them):", "gold file", columns,
                  _grouped(result, system, "set"), order)


MISSES = [  # (heading, test on one of podium's outcomes), in the order the report lists them
    ("Unanswerable, but answered", lambda o: not o["answerable"] and not o["declined"]),
    ("Answerable, but declined", lambda o: o["answerable"] and o["declined"]),
    ("Another reply quoted first", lambda o: o["answerable"] and not o["declined"]
     and o["gold_rank"] != 1),
    ("The right reply first, other words of it quoted", lambda o: o["answerable"]
     and not o["declined"] and o["gold_rank"] == 1 and not o["quote_hit@1"]),
]
SHOWN_CHARS = 160  # of a quote or gold span in the list of misses


def misses_section(result: dict) -> str:
    """Markdown: every question podium got wrong (podium QA sets only), grouped by how,
    with what it quoted or why it declined, and the gold words. Quotes and gold spans are
    shown verbatim, cut at ``SHOWN_CHARS`` with an ellipsis outside the quotation marks."""
    outcomes = [o for o in result.get("outcomes") or () if o["located"] or not o["answerable"]]
    if not outcomes:
        return ""
    groups = [(heading, [o for o in outcomes if missed(o)]) for heading, missed in MISSES]
    if not any(found for _, found in groups):
        return "podium's misses: none."
    lines = ["podium's misses (its first quote, or why it declined; then the gold words):"]
    for heading, found in groups:
        lines += ["", f"{heading} ({len(found)}):", ""] if found else []
        for o in found:
            said = (f"declined: {o['message']}" if o["declined"] else
                    f"{o['first_quote']['speaker']}: {_shown(o['first_quote']['text'])}")
            gold = (f"; gold (ranked {o['gold_rank'] or 'below 10'}): "
                    f"{o['gold_speaker']}: {_shown(o['gold_span'])}" if o["answerable"] else "")
            later = (" (a later quote holds the gold words)"
                     if o["answerable"] and o.get("quote_hit@5") else "")
            lines.append(f"- {o['id']} ({o['type']}) *{o['question']}* — {said}{gold}{later}")
    return "\n".join(lines)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= SHOWN_CHARS else f"“{text[:SHOWN_CHARS].rstrip()}”…"


def _summary(result: dict) -> dict:
    return {k: v for k, v in result.items()
            if k not in ("systems", "items", "differences", "outcomes")}


def write_report(result: dict, out: Path, command: str) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "plot": out / "plot.png"}
    result["differences"] = differences(result)
    paths["json"].write_text(json.dumps(result, indent=2, ensure_ascii=False))
    machine = f"{platform.machine()}, {platform.python_implementation()} " \
              f"{platform.python_version()}, {_cpus()} CPU(s)"
    details = "\n".join(f"- {k}: {v}" for k, v in _summary(result).items())
    parts = [f"# {result['benchmark']}", markdown_table(result), differences_table(result),
             type_table(result), set_table(result), misses_section(result),
             f"{details}\n- machine: {machine}",
             f"Reproduce: `{command}`"]
    paths["markdown"].write_text("\n\n".join(p for p in parts if p) + "\n")
    _plot(result, paths["plot"])
    return paths


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _plot(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    systems = list(result["systems"])
    metrics = [m for m in PLOTTED if m in result["systems"][systems[0]]]
    x = np.arange(len(metrics))
    width = 0.8 / max(1, len(systems))
    fig, ax = plt.subplots(figsize=(8, 4))
    for i, name in enumerate(systems):
        values = [result["systems"][name][m]["score"] for m in metrics]
        ax.bar(x + i * width, values, width, label=name)
    ax.set_xticks(x + width * (len(systems) - 1) / 2, metrics)
    ax.set_ylim(0, 1)
    ax.set_title(f"{result['benchmark']}: baselines vs podium")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
