"""Named points in the writer where a test can kill the process, to prove crash safety.

``PODIUM_KILL_AT=NAME`` (or ``NAME:N`` for the N-th time the point is reached) makes
:func:`checkpoint` send SIGKILL to its own process there: no cleanup, no ``finally``, exactly
like a power cut or an out-of-memory kill. Unset (always, outside tests) it costs one dict
lookup. The points, in write order: ``sqlite-commit`` (a batch of briefings committed, Chroma
not yet touched), ``chroma-delete`` / ``chroma-upsert`` (after each Chroma batch),
``chroma-done`` (Chroma written, pending rows not yet cleared), ``batch-done``,
``bm25-tmp`` (new BM25 written beside the old), ``bm25-swap`` (old BM25 moved away, new not
yet in place), ``remove-commit`` (a removal committed, Chroma not yet touched).
"""

from __future__ import annotations

import os
import signal
from collections import Counter

ENV = "PODIUM_KILL_AT"
_seen: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Die here if ``PODIUM_KILL_AT`` names this point (and this is its N-th passage)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _seen[name] += 1
    if _seen[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
