"""Currencies: ISO 4217 codes, signs and names from CLDR (read through ``babel``), completed by the
news usage CLDR does not give in English (``lexicons/currency_usage.csv``: "A$", "RM", "Rs",
"R23.9bn", names several currencies share, cents and pence).

A sign or code is read just before a number ("US$10.9 billion", "RM1.3 billion", "USD 40"); a
name just after one ("40 euros", "2 lakh rupees"); a unit below the major one after one ("75p",
"12 cents") divides the value by 100."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.core import get_global

from caravan_claims import lexicons

_LOCALE = "en"


@cache
def _usage(kind: str) -> dict[str, dict[str, str]]:
    return {row["token"]: row for row in lexicons.rows("currency_usage") if row["kind"] == kind}


@cache
def current_codes() -> frozenset[str]:
    """ISO codes of the currencies legal tender somewhere today (CLDR's territory data)."""
    codes = set()
    for currencies in get_global("territory_currencies").values():
        for code, _start, end, tender in currencies:
            if end is None and tender:
                codes.add(code)
    return frozenset(codes)


@cache
def signs() -> dict[str, str]:
    """Sign or code written before a number → ISO code: CLDR's English symbols that are not the
    code itself ("$", "€", "A$", "₹"), the codes of current currencies, and the project's signs."""
    found: dict[str, str] = {}
    symbols = Locale.parse(_LOCALE).currency_symbols
    excluded = set(_usage("not_currency"))
    for code in sorted(current_codes()):
        symbol = symbols.get(code, code)
        if symbol != code and not symbol.isalpha():
            found.setdefault(symbol, code)
        if code not in excluded:
            found[code] = code
    for token, row in _usage("sign").items():
        found[token] = row["code"]
    return found


@cache
def names() -> dict[str, str]:
    """Currency word written after a number (lower case) → ISO code: the last word of CLDR's
    English names of current currencies when only one currency has it, and the project's names."""
    locale = Locale.parse(_LOCALE)
    candidates: dict[str, set[str]] = {}
    for code in current_codes():
        for count in ("one", "other"):
            name = locale._data["currency_names_plural"].get(code, {}).get(count)
            word = name.split()[-1].lower() if name else ""
            if word.isalpha():
                candidates.setdefault(word, set()).add(code)
    excluded = set(_usage("not_currency"))
    found = {w: next(iter(c)) for w, c in candidates.items() if len(c) == 1 and w not in excluded}
    found.update({token: row["code"] for token, row in _usage("name").items()})
    return found


@cache
def subunits() -> dict[str, str]:
    """Word for a hundredth of a currency → its ISO code ('' when the sentence says which)."""
    return {token: row["code"] for token, row in _usage("subunit").items()}


_LONGEST_SIGN = 5
_SPACES = " \u00a0"


@cache
def _glued_only() -> frozenset[str]:
    rows = (*_usage("sign").items(), *_usage("subunit").items())
    return frozenset(token for token, row in rows if row["glued"])


def sign_ending_at(text: str, position: int, floor: int = 0) -> tuple[int, str] | None:
    """The currency sign or code that ends just before ``position`` (one space allowed unless the
    sign is only written glued: "R23.9bn"), as (where it starts, ISO code): a handful of
    dictionary look-ups, whatever the number of currencies."""
    end = position
    if end > floor and text[end - 1] in _SPACES:
        end -= 1
    spaced = end < position
    known = signs()
    for size in range(min(_LONGEST_SIGN, end - floor), 0, -1):
        token = text[end - size : end]
        code = known.get(token)
        if code is None or (spaced and token in _glued_only()):
            continue
        before = text[end - size - 1 : end - size]
        if token[0].isalnum() and (before.isalnum() or before in "$._"):
            continue  # inside a word: "BAR 5", "for$5"
        return end - size, code
    return None


_WORD_AFTER = re.compile(r"[ \u00a0]+([^\W\d_]+)\b|([^\W\d_]+)\b")


@cache
def _any_currency() -> re.Pattern[str]:
    symbols = sorted((t for t in signs() if not t.isalpha()), key=len, reverse=True)
    words = sorted(names(), key=len, reverse=True)
    return re.compile(
        rf"(?P<sign>{'|'.join(map(re.escape, symbols))})|(?i:\b(?P<name>{'|'.join(words)})\b)"
    )


def first_in(text: str, start: int, end: int) -> str:
    """The ISO code of the first currency a stretch of text names ("" when none): the currency
    of its cents ("NZ$8.25 a kilogram, up 50 cents")."""
    found = _any_currency().search(text, start, end)
    if found is None:
        return ""
    return signs()[found.group("sign")] if found.group("sign") else names()[found["name"].lower()]


def hundredths(text: str, position: int, limit: int) -> tuple[str, str, int] | None:
    """A currency name or hundredth right after a number: (word, ISO code or '' for a hundredth
    of the sentence's currency, end)."""
    found = _WORD_AFTER.match(text, position, limit)
    if found is None:
        return None
    glued = found.group(2) is not None
    word = (found.group(2) or found.group(1)).lower()
    if glued != (word in _glued_only()):
        return None
    if word in subunits():
        return word, subunits()[word], found.end()
    return (word, names()[word], found.end()) if word in names() else None
