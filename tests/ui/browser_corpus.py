"""Small briefings for the browser tests, written as files the loaders read (text + sidecar)."""

from __future__ import annotations

import json
from pathlib import Path

ROSTER = [{"name": "Zhao Lijian", "role": "official", "title": "Foreign Ministry Spokesperson"},
          {"name": "Hua Chunying", "role": "official", "title": "Foreign Ministry Spokesperson"},
          {"name": "CRI", "role": "journalist"}, {"name": "AFP", "role": "journalist"},
          {"name": "Reuters", "role": "journalist"}]

def _turns(*pairs: tuple[str, str]) -> str:
    return "".join(f"{speaker}: {text}\n" for speaker, text in pairs)


LIBYA_Q = ("On June 23, the Arab League foreign ministers held an emergency meeting on Libya. "
           "Does China have a comment?")
LIBYA_A = ("China supports the Arab League in playing an active role on the Libya issue and "
           "welcomes all mediation efforts towards easing tensions. China believes that military "
           "means is a dead end in Libya.")
BRIEFINGS = {
    "fm-2020-06-24": ("Regular Press Conference on June 24, 2020", "2020-06-24", _turns(
        ("Zhao Lijian", "Good afternoon. I have two announcements to start with."),
        ("CRI", LIBYA_Q), ("Zhao Lijian", LIBYA_A),
        ("Reuters", "Will the trade talks resume next month?"),
        ("Zhao Lijian", "I have no information to offer on the trade talks at the moment.")),
    ),
    "fm-2020-05-20": ("Regular Press Conference on May 20, 2020", "2020-05-20", _turns(
        ("AFP", "What is China's view of the ceasefire talks on Libya and the Arab League?"),
        ("Zhao Lijian", "China hopes all parties in Libya will keep the ceasefire and supports "
         "the Arab League mediation on the Libya issue.")),
    ),
    "fm-2020-07-01": ("Regular Press Conference on July 1, 2020", "2020-07-01", _turns(
        ("AFP", "What is China's position on the panda loan to Vienna, and on Libya?"),
        ("Hua Chunying", "The giant panda program with Austria is a symbol of friendship. On "
         "Libya, China supports the Arab League and a political settlement.")),
    ),
}
XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS = (f"Press Conference {XSS_SCRIPT} on August 3, 2020", "2020-08-03", _turns(
    ("Reuters", f"What about {XSS_IMG} markup in questions?"),
    ("Zhao Lijian", f"We reject markup payloads such as {XSS_SCRIPT} and {XSS_IMG} in all "
     "their forms.")),
)
UPLOAD = ("Regular Press Conference on September 9, 2020", "2020-09-09", _turns(
    ("Reuters", "Will China join the lunar research station programme?"),
    ("Hua Chunying", "China welcomes partners to the international lunar research station and "
     "the lunar programme is open to all.")),
)


def write(folder: Path, name: str, spec: tuple[str, str, str]) -> Path:
    title, date, text = spec
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"{title}\n\n{text}", encoding="utf-8")
    meta = {"title": title, "date": date, "source_url": f"https://example.org/{name}.html",
            "speakers": ROSTER}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def write_corpus(folder: Path) -> list[Path]:
    paths = [write(folder, name, spec) for name, spec in BRIEFINGS.items()]
    return paths + [write(folder, "xss-2020-08-03", XSS)]
