"""Whose words a question asks for, so that podium quotes only them.

"What did John Kirby say about the Key Bridge collapse?" asks for Kirby's words: a quote
from Pete Buttigieg on the bridge answers another question. "What did China's foreign
ministry say about the Beirut explosion?" asks for the Chinese government's words: Jen
Psaki's condolences are not them. When a question names who speaks — an indexed official
with a verb of speaking, or an institution as the one that speaks — ``Podium.rank`` searches
only that official's turns, or only that institution's briefings, as if the user had set
the filter; the answer says so. A name that is only the topic ("Does Biden blame Jake
Sullivan…?", "How did China respond to the White House's decision?") changes nothing.

Institutions are a small explicit table (no NER model ships offline): who publishes which
briefings (by the host of their source URL, or their title when they have none) and how
questions name them as a speaker. A corpus with no briefing of a known institution (a
meeting transcript, your own files without URLs) is never scoped by institution; a corpus
that has some, but none of the institution a question names, has nothing to quote for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from rag.abstain import HONORIFICS
from rag.types import Briefing

# verbs of saying: "What did Kirby say…", "Psaki told…"
_SAYING = (r"say|said|says|tell|told|comment|commented|respond|responded|react|reacted|"
           r"reply|replied|answer|answered|announce|announced|confirm|confirmed|deny|denied|"
           r"call|called|describe|described|claim|claimed|insist|insisted|warn|warned|state|"
           r"stated|argue|argued|explain|explained")
# an institution also speaks by taking a stand: "Did the White House urge a boycott…"
_SPEAKING = (_SAYING + r"|justify|justified|defend|defended|dismiss|dismissed|reject|rejected|"
             r"urge|urged|welcome|welcomed|condemn|condemned|view|see|think|make of|stand|"
             r"endorse|endorsed|support|oppose|rule out|acknowledge|acknowledged|admit|"
             r"admitted|blame|blamed|accuse|accused")
_ASKS = r"did|does|do|has|have|had|will|would|was|is|were|are|could|can|should"
_STANDS = (r"position|stance|view|views|response|reaction|answer|reply|line|comment|comments|"
           r"remarks|statement|explanation|assessment|message|argument|take|justification")
_SPEAKER_NOUNS = (r"official|officials|spokesperson|spokesman|spokeswoman|spokespeople|"
                  r"secretary|adviser|advisor|economist|aide|diplomat")


# statements ending before the question asked: "Facebook says it will label …. Does China
# have any comment on this?" (a full stop after a word, not after "Mr", "Sen" or "U.S")
_NOT_AFTER_HONORIFIC = "".join(rf"(?<!\b{h})" for h in HONORIFICS)
_PREAMBLE = re.compile(
    rf"^[^?]*[a-z0-9)\"'”’]{{2}}{_NOT_AFTER_HONORIFIC}[.!]\s+(?=[A-Z][^?]*\?)")


@dataclass(frozen=True)
class Institution:
    name: str  # as the answer names it
    hosts: tuple[str, ...]  # a briefing is theirs when its source URL's host ends so
    titles: re.Pattern  # …or, without a URL, when its title matches
    speaks: tuple[str, ...]  # how a question names them as a speaker (lower case, regex)
    adjectives: tuple[str, ...]  # "Which <adjective> spokesperson…"


INSTITUTIONS = (
    Institution(
        "the Chinese government",  # its Foreign Ministry and SCIO briefings
        ("fmprc.gov.cn", "mfa.gov.cn", "china.org.cn", "scio.gov.cn"),
        re.compile(r"\bSCIO\b|State Council Information Office|Foreign Ministry Spokesperson"),
        (r"china's foreign ministry", r"chinese foreign ministry", r"beijing's foreign ministry",
         r"the foreign ministry", r"foreign ministry", r"china", r"beijing",
         r"the chinese government", r"the chinese side", r"chinese officials", r"the scio",
         r"scio", r"the state council information office"),
        (r"chinese foreign ministry", r"chinese", r"foreign ministry", r"beijing's")),
    Institution(
        "the White House",
        ("whitehouse.gov", "whitehouse.archives.gov"),  # bidenwhitehouse.archives.gov, …
        re.compile(r"White House|Press Secretary"),
        (r"the white house", r"the biden white house", r"the biden administration",
         r"the trump administration", r"the obama administration", r"the administration",
         r"the press secretary", r"washington", r"the us government",
         r"the u\.s\. government"),
        (r"white house", r"biden administration", r"biden white house", r"press")),
)


def _normal(question: str) -> str:
    return " ".join(question.casefold().replace("’", "'").split())


def _names_as_speaker(text: str, forms: list[str], adjectives: tuple[str, ...] = ()) -> bool:
    """Does ``text`` name one of ``forms`` as the one who speaks?

    An official speaks with a verb of saying ("What did Kirby say…", also "Psaki told…");
    in a meeting, "What did the Professor think…" asks about a discussion, not for one
    speaker's words alone (scoping those cost QMSum nDCG@10 0.367 → 0.357). An institution
    also speaks by taking a stand ("Did the White House urge…", "What is China's
    position…"), but not as the subject of a bare verb, which is how a question reports
    what it did as its topic ("…the study that China rejected")."""
    alt = "|".join(forms)
    verbs = _SPEAKING if adjectives else _SAYING
    patterns = [rf"\b(?:{_ASKS})\s+(?:{alt})\s+(?:{verbs})\b",  # "did Beijing react"
                rf"\baccording to (?:{alt})\b",
                rf"\b(?:{alt})'s\s+(?:\w+\s+)?(?:{_STANDS})\b"]  # "China's official position"
    if adjectives:  # "Which Chinese foreign ministry spokesperson…", "Which press secretary…"
        patterns.append(rf"\b(?:which|what)\s+(?:\w+\s+){{0,2}}?(?:{'|'.join(adjectives)})\s+"
                        rf"(?:\w+\s+)?(?:{_SPEAKER_NOUNS})\b")
    else:
        patterns.append(rf"\b(?:{alt})\s+(?:{verbs})\b")  # "Psaki told reporters"
    return any(re.search(p, text) for p in patterns)


def quoted_officials(question: str, named: tuple[str, ...]) -> tuple[str, ...]:
    """Of the officials a question names (``rag.rerank.named_speakers``), those it asks to
    hear from: named with a verb of speaking ("What did John Kirby say…", "Psaki told…",
    "according to Zhao Lijian"), in what the question asks. A statement before it is the
    reporter's setting of the scene: "President Biden says climate change is one factor …
    How did you decide which countries to invite?" asks the press secretary, not Biden."""
    text = _normal(_PREAMBLE.sub("", question))
    found = []
    for official in named:
        forms = [re.escape(official.casefold())]
        parts = official.split()
        if len(parts) > 1 and len(parts[-1]) >= 4:
            forms.append(re.escape(parts[-1].casefold()))
        if _names_as_speaker(text, forms):
            found.append(official)
    return tuple(found)


def speaking_institution(question: str) -> Institution | None:
    """The one institution a question asks to hear from, or None (none, or several)."""
    text = _normal(question)
    found = [i for i in INSTITUTIONS if _names_as_speaker(text, list(i.speaks), i.adjectives)]
    return found[0] if len(found) == 1 else None


def institution_of(briefing: Briefing) -> Institution | None:
    """Whose briefing this is, from its source URL's host, or its title when it has none."""
    host = urlparse(briefing.source_url or "").netloc.casefold()
    for institution in INSTITUTIONS:
        if host and host.endswith(institution.hosts):
            return institution
        if not host and institution.titles.search(briefing.title):
            return institution
    return None
