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


@cache
def sign_before() -> re.Pattern[str]:
    """A sign or code ending just before a number (at the end of the searched text)."""
    glued = {token for token, row in _usage("sign").items() if row["glued"]}
    alternatives = []
    for token in sorted(signs(), key=len, reverse=True):
        space = "" if token in glued else r"[ \u00a0]?"
        word = r"(?<![\w$.])" if token[0].isalnum() else ""
        alternatives.append(f"{word}{re.escape(token)}{space}")
    return re.compile(f"(?:{'|'.join(alternatives)})$")


@cache
def name_after() -> re.Pattern[str]:
    """A currency name or subunit right after a number: "euros", "rupees", "cents", "p"."""
    words = sorted({*names(), *subunits()}, key=len, reverse=True)
    glued = {token for token, row in _usage("subunit").items() if row["glued"]}
    loose = [re.escape(w) for w in words if w not in glued]
    tight = [re.escape(w) for w in words if w in glued]
    return re.compile(
        rf"(?i:[ \u00a0]+(?P<name>{'|'.join(loose)}))\b|(?P<glued>{'|'.join(tight)})\b"
    )


def sign_code(sign: str) -> str:
    """The ISO code of a sign found by ``sign_before`` (stripped of its space)."""
    return signs()[sign.rstrip(" \u00a0")]


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
    found = name_after().match(text, position, limit)
    if found is None:
        return None
    word = (found.group("name") or found.group("glued")).lower()
    return word, subunits().get(word, names().get(word, "")), found.end()
