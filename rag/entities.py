"""Names a follow-up question can swap: countries, organisations and indexed officials.

A small, explicit gazetteer (no NER model is available offline). Acronyms match
case-sensitively ("US", "WHO", "UN") so that "us", "who" and "un-" never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAMES = (
    "United States", "America", "American", "Washington", "the White House", "China", "Chinese",
    "Beijing", "Russia", "Russian", "Moscow", "Kremlin", "European Union", "Europe", "European",
    "Brussels", "Britain", "British", "United Kingdom", "London", "Japan", "Japanese", "Tokyo",
    "India", "Indian", "Taiwan", "Hong Kong", "Xinjiang", "Tibet", "Ukraine", "Ukrainian",
    "Iran", "Iranian", "Israel", "Israeli", "Palestine", "Palestinian", "Gaza", "North Korea",
    "South Korea", "Korea", "Korean", "Australia", "Australian", "Canada", "Canadian", "Germany",
    "German", "France", "French", "Pakistan", "Afghanistan", "Taliban", "Libya", "Syria",
    "Iraq", "Yemen", "Saudi Arabia", "Egypt", "Turkey", "Mexico", "Cuba", "Venezuela", "Brazil",
    "Philippines", "Vietnam", "Myanmar", "Indonesia", "Singapore", "Africa", "African Union",
    "Arab League", "United Nations", "Security Council", "World Health Organization",
    "World Trade Organization", "Pentagon", "State Department", "Congress", "Senate",
)
_ACRONYMS = ("US", "U.S.", "USA", "UK", "EU", "UN", "WHO", "WTO", "NATO", "ASEAN", "DPRK",
             "ROK", "PRC", "G7", "G20", "IMF")
_NAME_RE = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(_NAMES, key=len,
                                                                        reverse=True)) + r")\b",
                      re.IGNORECASE)
_ACRONYM_RE = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in sorted(
    _ACRONYMS, key=len, reverse=True)) + r")(?![\w])")
ACTOR_WORDS = re.compile(r"\b(side|government|administration|position|view|stance|response|"
                         r"officials?|authorities|ministry|spokes\w+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


def find_entities(text: str) -> list[Mention]:
    """Countries and organisations in ``text``, in order, without overlaps."""
    found = [Mention(m.group(), m.start(), m.end())
             for pattern in (_NAME_RE, _ACRONYM_RE) for m in pattern.finditer(text)]
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def find_speaker(text: str, officials: list[str] | tuple[str, ...]) -> tuple[str | None, str]:
    """The official named in ``text`` (full name, or a surname only one official has) and the
    text without the name (and its possessive)."""
    surnames: dict[str, list[str]] = {}
    for name in officials:
        surnames.setdefault(name.split()[-1].casefold(), []).append(name)
    forms = [(name, name) for name in officials]
    forms += [(s, names[0]) for s, names in surnames.items() if len(names) == 1 and len(s) > 2]
    for form, name in sorted(forms, key=lambda f: -len(f[0])):
        match = re.search(rf"\b{re.escape(form)}(?:'s|’s)?(?!\w)", text, re.IGNORECASE)
        if match:
            return name, (text[: match.start()] + text[match.end():]).strip()
    return None, text
