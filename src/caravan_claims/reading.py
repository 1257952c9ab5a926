"""What the extraction rules read: the text without the characters a reader does not see.

Zero-width spaces and joiners, word joiners, soft hyphens, byte-order marks and the marks that set
the direction of text are dropped, so "10\u200b000" is one number and a mark before "About" does
not hide the qualifier; control characters (NUL and the like) and the spaces of typesetting
(no-break, thin, figure, ...) become plain spaces. Offsets found in the reading map back to the
original text, so a quote is always sliced from the text exactly as given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

_DROPPED = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_SPACED = (
    "".join(chr(code) for code in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
    + "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
)
_TABLE = str.maketrans(dict.fromkeys(_DROPPED) | dict.fromkeys(_SPACED, " "))
_SPECIAL = re.compile(f"[{re.escape(_DROPPED + _SPACED)}]")
_DROPPED_RUN = re.compile(f"[{re.escape(_DROPPED)}]+")


@dataclass(frozen=True)
class Reading:
    """The text the rules read and the way back to the original's offsets."""

    text: str
    # Where, in the reading, characters were dropped, and how many were dropped up to there.
    _dropped_at: list[int] = field(default_factory=list)
    _dropped_total: list[int] = field(default_factory=list)

    def original(self, offset: int) -> int:
        """The original offset of the character at ``offset`` of the reading."""
        index = bisect.bisect_right(self._dropped_at, offset) - 1
        return offset + (self._dropped_total[index] if index >= 0 else 0)

    def original_end(self, end: int) -> int:
        """The original end of a span ending at ``end`` (dropped characters after it are left
        out of the span)."""
        return self.original(end - 1) + 1 if end > 0 else self.original(0)


def read(text: str) -> Reading:
    """The reading of ``text``: ``text`` itself (the same object) unless it holds a character to
    drop or to space."""
    if not _SPECIAL.search(text):
        return Reading(text)
    at, total, dropped = [], [], 0
    for run in _DROPPED_RUN.finditer(text):
        at.append(run.start() - dropped)
        dropped += len(run.group())
        total.append(dropped)
    return Reading(text.translate(_TABLE), at, total)
