"""Reading a measurable target out of a target capaian as printed ("Nilai SKM ≥ 85")."""

import re
from decimal import Decimal

_SYMBOLS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "=": "="}
_SYMBOL_RE = re.compile(r"(≥|>=|≤|<=|>|<|=)\s*(\d+(?:[.,]\d+)?)\s*(%?)")
_WORD_RE = re.compile(
    r"\b(minimal|minimum|paling\s+sedikit|sekurang-kurangnya|maksimal|paling\s+banyak)\s+"
    r"(\d+(?:[.,]\d+)?)\s*(%?)",
    re.IGNORECASE,
)
_PERCENT_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%")


def parse_target_capaian(teks):
    """Return (comparator, value, unit) for a measurable target, or ("", None, "")."""
    teks = teks or ""
    if m := _SYMBOL_RE.search(teks):
        return _SYMBOLS[m.group(1)], _number(m.group(2)), m.group(3)
    if m := _WORD_RE.search(teks):
        comparator = (
            ">=" if m.group(1).lower().startswith(("min", "paling s", "sekurang")) else "<="
        )
        return comparator, _number(m.group(2)), m.group(3)
    # "100% pegawai berkomitmen": a share to reach at least.
    if m := _PERCENT_RE.match(teks):
        return ">=", _number(m.group(1)), "%"
    return "", None, ""


def _number(text):
    return Decimal(text.replace(",", "."))
