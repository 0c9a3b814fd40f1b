"""Texts compared as words, where a plan's names are matched with the LKE worksheet's (the
import's LKE-keyed rows, the LKE app's suggested links): lower-case letters and digits, the
words that say little left out. No database here."""

import re

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "dan",
        "atau",
        "yang",
        "di",
        "ke",
        "dari",
        "dalam",
        "untuk",
        "dengan",
        "pada",
        "oleh",
        "secara",
        "serta",
        "terhadap",
        "bagi",
        "telah",
        "sudah",
        "zi",
    ]
)


def normal(text):
    """The text's words in order, lower case, single spaces: "Tata-Laksana" → "tata laksana"."""
    return " ".join(_WORD.findall(str(text or "").lower()))


def kata(text):
    """The words of a text that say something (longer than two letters, not a stop word)."""
    return {w for w in _WORD.findall(str(text or "").lower()) if w not in _STOP and len(w) > 2}


def paling_cocok(text, candidates):
    """Of (item, names) candidates, the item one of whose names the text holds, the longest
    such name winning; None when none is held."""
    held = normal(text)
    best, size = None, 0
    for item, names in candidates:
        for name in names:
            key = normal(name)
            if key and key in held and len(key) > size:
                best, size = item, len(key)
    return best
