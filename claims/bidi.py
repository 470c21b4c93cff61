"""Bidirectional text that cannot disguise names or links.

U+202E (right-to-left override) in a username or a link text flips what is shown:
`…/‮gnp.exe` reads as `…/exe.png`. Names are isolated so they cannot reorder the text around
them; in addresses, the controls themselves are made visible.
"""

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def _mark(match: re.Match) -> str:
    return f"⟨U+{ord(match.group(0)):04X}⟩"


def bidi_visible(text: str) -> str:
    """Every bidi control character replaced by a visible ⟨U+XXXX⟩ mark."""
    return BIDI_CONTROLS.sub(_mark, text)


def isolated(text: str) -> str:
    """`text` as an isolate inside plain text (a notification, an email): it cannot reorder the rest."""
    return f"{FIRST_STRONG_ISOLATE}{BIDI_CONTROLS.sub('', text)}{POP_DIRECTIONAL_ISOLATE}"
