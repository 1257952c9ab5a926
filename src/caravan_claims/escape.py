"""The one way untrusted text reaches a report: every string that comes from an article or from a
user's CSV (outlet, title, event label, source names, sentences, explanations quoting them) goes
through :func:`text` before it is placed in HTML. Notebooks never render such text as Markdown or
raw HTML; they display what the presentation functions build from escaped pieces.
"""

from __future__ import annotations

import html
import re

# C0/C1 controls (tab and newline aside) and the invisible direction overrides that can make a
# sentence read differently on screen than in the file ("Trojan Source" style reordering).
_INVISIBLE_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def text(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped (safe in element content and in quoted
    attribute values), control characters and bidirectional overrides shown as U+FFFD.
    None and NaN become the empty string."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(_INVISIBLE_CONTROLS.sub("\ufffd", str(value)), quote=True)
