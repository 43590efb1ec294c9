"""When to say "no official addressed this" instead of quoting.

Two signals, both cheap:

1. **Support**: a candidate turn supports an answer as strongly as the better of its best
   sentence's cosine with the question and the cosine of the journalist question it
   answered. Below ``Settings.min_support`` nothing is quoted.
2. **Unknown names**: a question that names someone or something (a capitalised phrase such
   as *Astroworld* or *Champlain Towers*) that no indexed briefing mentions at all cannot
   have been addressed. A phrase counts as unknown when its last word (the head: *Abbott*
   in *Greg Abbott*) never occurs in any stored turn or title.
"""

from __future__ import annotations

import re

_PHRASE = re.compile(r"(?:[A-Z][\w'’\-]*[\w]|[A-Z])(?:\s+(?:[A-Z][\w'’\-]*[\w]|[A-Z]))*")
_WORD = re.compile(r"\w+")
# Capitalised words that start questions or are too generic to name anything.
_GENERIC = {
    "what", "did", "does", "do", "how", "who", "whom", "when", "where", "which", "why", "will",
    "would", "is", "are", "was", "were", "could", "can", "should", "has", "have", "had", "the",
    "a", "an", "in", "on", "at", "of", "and", "or", "for", "to", "i", "if", "as", "by", "with",
    "after", "before", "any", "tell", "give", "please", "according", "under", "during",
}


def named_phrases(question: str) -> list[str]:
    """Capitalised phrases in the question, minus the words that start a question."""
    phrases = []
    for match in _PHRASE.finditer(question):
        words: list[str] = []
        for word in match.group(0).split():
            if word.lower().strip("'’") in _GENERIC:
                continue
            words.append(word)
            if re.search(r"['’]s$", word):  # a possessive ends a name: "Sinovac's COVID-19"
                phrases.append(" ".join(words))
                words = []
        if words:
            phrases.append(" ".join(words))
    return phrases


def head_word(phrase: str) -> str:
    words = _WORD.findall(re.sub(r"['’]s\b", "", phrase).lower())
    return words[-1] if words else ""


def unknown_names(question: str, vocabulary: set[str]) -> list[str]:
    """Named phrases whose head word no stored turn or title contains."""
    if not vocabulary:
        return []
    return [p for p in named_phrases(question) if head_word(p) and head_word(p) not in vocabulary]
