"""Write an eval result as JSON, a Markdown table and a bar plot (PNG)."""

from __future__ import annotations

import json
import platform
from pathlib import Path

COLUMNS = ["hit@1", "hit@5", "mrr@10", "ndcg@10", "quote_hit@1", "quote_hit@5", "fidelity",
           "abstention_precision", "abstention_recall", "false_abstention",
           "latency_p50_ms", "latency_p95_ms"]
PLOTTED = ["hit@1", "hit@5", "mrr@10", "ndcg@10", "quote_hit@1"]


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


def _summary(result: dict) -> dict:
    return {k: v for k, v in result.items() if k not in ("systems", "items")}


def write_report(result: dict, out: Path, command: str) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "plot": out / "plot.png"}
    paths["json"].write_text(json.dumps(result, indent=2, ensure_ascii=False))
    machine = f"{platform.machine()}, {platform.python_implementation()} " \
              f"{platform.python_version()}, {_cpus()} CPU(s)"
    details = "\n".join(f"- {k}: {v}" for k, v in _summary(result).items())
    paths["markdown"].write_text(
        f"# {result['benchmark']}\n\n{markdown_table(result)}\n\n{details}\n"
        f"- machine: {machine}\n\nReproduce: `{command}`\n")
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
