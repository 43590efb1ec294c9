"""Chinese Foreign Ministry "Regular Press Conference" pages: who speaks in each paragraph.

:mod:`index.fmt_html` finds the article and splits it into ``(text, bold)`` units; this module
turns them into turns. Two layouts, often mixed on one page:

- ``CCTV: question`` (bold) / ``Zhao Lijian: answer``: the label is the speaker;
- ``Q: question`` (bold) / ``A: answer``: ``Q`` is "Journalist", ``A`` the spokesperson named in
  the title ("Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on …").

``Follow-up:`` is the last journalist again. Unlabelled units continue the current turn, except
that text before the first label, after a ``***`` separator, or right after a bold question is
a new spokesperson turn, and an unlabelled bold unit is a new journalist question. Role hints:
bold → journalist, the spokesperson → official. A page without any label is no transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.formats import JOURNALIST, TurnBuilder, has_text, resolve_label, split_label
from rag.types import RawTurn

SPOKESPERSON_IN_TITLE = re.compile(
    r"^(?P<office>.*?Spokesperson)\s+(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,3})['’]s\b"
)


def turns(units: Iterable[tuple[str, bool]], spokesperson: str) -> list[RawTurn]:
    """Turns from ``(text, bold)`` units; ``spokesperson`` speaks the unlabelled answers."""
    builder = TurnBuilder()
    question_from_bold = False  # the open turn is a question read from bold text
    labelled = False  # a page without any label is not a transcript
    for text, bold in units:
        if not has_text(text):  # "***", "※※※": ends the current turn
            builder.close()
            question_from_bold = False
            continue
        hit = split_label(text)
        if hit:
            labelled = True
            speaker, hint = resolve_label(
                hit[0], spokesperson=spokesperson, last_journalist=builder.last_journalist
            )
            if speaker == spokesperson:
                hint = "official"
            elif hint is None and bold:
                hint = "journalist"
            builder.start(speaker, hint)
            question_from_bold = bold and hint == "journalist"
            builder.add_paragraph(hit[1])
            continue
        if bold and not question_from_bold:
            builder.start(JOURNALIST, "journalist")
            question_from_bold = True
        elif not bold and (not builder.open or question_from_bold):
            builder.start(spokesperson, "official")
            question_from_bold = False
        builder.add_paragraph(text)
    builder.close()
    return builder.turns if labelled else []
