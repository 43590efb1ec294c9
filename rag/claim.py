"""The words a "who said" question reports, so quotes are chosen by them.

"Which White House official insisted, on the day of Russia's invasion of Ukraine, that the
door to diplomacy remained open?" reports the claim "the door to diplomacy remained open".
The official's words match the claim; the frame ("Which White House official insisted, on
the day of …") describes the occasion, and scored alone it pulls the quote toward sentences
about the occasion. ``Podium.rank`` scores sentences against the question and the claim
together (the normalised mean of their vectors). Retrieval still uses the whole question.
"""

from __future__ import annotations

import re

# the asker of a "who said" question: "Which (Chinese foreign ministry) spokesperson …",
# "What official …", or "Who …", possibly after a lead-in clause ("During the wildfires, …")
_ROLE = (r"official|spokesperson|spokesman|spokeswoman|secretary|minister|adviser|advisor|"
         r"director|coordinator|envoy|aide|ambassador|economist|diplomat|person|member")
# no auxiliary verb comes between "which" and the role: "Which parts of China did … official
# travel cover" asks for no official
_AUXILIARY = r"did|does|do|was|were|is|are|has|have|had|will|would|can|could"
_ASKER = re.compile(
    rf"^(?:[^?]*?,\s*)?(?:(?:which|what)\b(?:(?!\b(?:{_AUXILIARY})\b)[^?])*?\b(?:{_ROLE})\b"
    r"|who\b)(.*)$", re.IGNORECASE | re.DOTALL)
# the reporting verb that introduces the claim
_VERB = re.compile(
    r"\b(?:said|says|argued|insisted|noted|claimed|stated|quipped|retorted|dismissed|branded|"
    r"called|ridiculed|denied|warned|opened|described|declared|stressed|suggested|"
    r"admitted|accused|mocked|rejected|replied|remarked|explained|promised|pledged|vowed|"
    r"compared|answered|responded|advised|urged|pointed out|wondered|observed|joked|told|"
    r"shot back|conceded|acknowledged|cautioned|reiterated|maintained|asserted|predicted)\b",
    re.IGNORECASE)
VERB_WITHIN = 60  # most characters between the asker and the verb ("…at the briefing noted")
MIN_WORDS = 3  # a shorter remainder is no claim ("Who said so?")


def reported_claim(question: str) -> str | None:
    """The claim a "who said …" question reports, or None for any other question."""
    asker = _ASKER.match(" ".join(question.split()))
    if not asker:
        return None
    said = asker.group(1)
    verb = _VERB.search(said)
    if verb and verb.start() > VERB_WITHIN and said.lstrip().startswith(","):
        # the verb that closes a clause on the occasion: "Which spokesperson, asked in
        # April 2020 about a bill from Senators Cotton and Hawley, said it was hard …"
        verb = re.search(rf",\s*{_VERB.pattern}", said, re.IGNORECASE)
        if verb is None:  # no verb closes the clause: "Which official, asked …, praised …"
            return None
        claim = said[verb.end():]
    elif verb and verb.start() <= VERB_WITHIN:
        claim = re.sub(r"^\s*,[^,]*,", "", said[verb.end():])  # ", on the day of X,"
    else:
        return None
    if verb.group(0).lower().lstrip(", ").startswith("told"):
        # whom it was told: "told reporters at the White House in January 2025 that …"
        claim = re.sub(r"^[^?]*?\bthat\b", "", claim, count=1, flags=re.IGNORECASE)
    # the occasion before "that": "said in July 2022 that …"
    claim = re.sub(rf"^\s*(?:in|on|during|at|last|earlier)\b[^?,]{{0,{VERB_WITHIN}}}?(?=\bthat\b)",
                   "", claim, flags=re.IGNORECASE)
    claim = re.sub(r"^\s*(?:that|to)\b", "", claim, flags=re.IGNORECASE)
    claim = claim.strip().rstrip("?").strip()
    return claim if len(claim.split()) >= MIN_WORDS else None
