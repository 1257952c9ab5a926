"""Units of measure from a maintained registry: ``pint`` reads unit names, plurals, symbols and
prefixes ("litres", "megawatts", "kWh", "km/h", "GHz", "mm") and gives each its canonical name and
dimension; ``lexicons/unit_usage.csv`` adds only what news writes that pint lacks or misreads
("21.1C", "5x", "Mbps", "AU", English words such as "a" or "at" that are not units there)."""

from __future__ import annotations

import re
from functools import cache

from caravan_claims import lexicons

# pint's dimensionalities, named as the claims table names them.
_DIMENSIONS = {
    "[length]": "length",
    "[length] / [time]": "speed",
    "[mass]": "mass",
    "[time]": "time",
    "[temperature]": "temperature",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "1 / [time]": "frequency",
    "[mass] / [length] / [time] ** 2": "pressure",
}
_WORDS_AFTER = re.compile(
    # a space, nothing ("21.1C"), or a hyphen before a word of three letters or more ("a
    # 30,000-litre tank"; not "4-H")
    r"(?P<space>[ \u00a0]|-(?=[A-Za-z]{3})|)"
    r"(?P<one>°?[A-Za-zµ°][\w/°²³]*)(?:[ \u00a0](?P<two>[A-Za-z]+))?"
)


_POWER_WORDS = {"square", "cubic", "sq"}


@cache
def _usage() -> dict[str, dict[str, str]]:
    return {row["token"]: row for row in lexicons.rows("unit_usage")}


@cache
def _registry():  # -> pint.UnitRegistry, imported on first use: it takes a moment to load
    import pint

    try:
        # pint's own cache of its parsed definitions (in the user's cache folder, keyed by the
        # definition files' content): 0.06 s a process instead of 0.7 s
        return pint.UnitRegistry(cache_folder=":auto:")
    except Exception:  # an unwritable cache folder, or a cache file another process is writing
        return pint.UnitRegistry()


@cache
def lookup(token: str, glued: bool) -> tuple[str, str] | None:
    """(canonical unit, dimension) of a unit token, or None when it is not one."""
    row = _usage().get(token) or _usage().get(token.lower())
    if row is not None:
        if row["kind"] == "not_unit" or (row["glued"] and not glued):
            return None
        return row["unit"], row["dimension"]
    if not glued and (len(token) < 2 or (token.islower() and len(token) < 4 and "/" not in token)):
        return _short_symbol(token)
    return _from_registry(token)


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (canonical names of the registry:
    "mile", "kilometer"), or None when the two do not measure the same thing."""
    try:
        return float(_registry().Quantity(value, from_unit).to(to_unit).magnitude)
    except Exception:  # undefined unit or incompatible dimensions: no conversion
        return None


def _short_symbol(token: str) -> tuple[str, str] | None:
    """A spaced lower-case token of two or three letters is a unit only as pint's own symbol
    ("5 km", "3 mm", "6 ft"), never as an alias ("3 cd")."""
    found = _from_registry(token)
    if found is None:
        return None
    symbol = _registry().get_symbol(token)
    return found if token in {symbol, symbol + "s"} else None


def _from_registry(token: str) -> tuple[str, str] | None:
    try:
        unit = _registry().parse_units(token.replace("²", "**2").replace("³", "**3"))
    except Exception:  # pint's parser raises many kinds of error on text that is not a unit
        return None
    name = _canonical(str(unit))
    dimension = _dimension(name, str(unit.dimensionality))
    return (name, dimension) if dimension else None


def _canonical(name: str) -> str:
    """ "kilometer / hour" → "kilometer_per_hour", "meter ** 2" → "square_meter"."""
    name = re.sub(r"(\w+) \*\* 2", r"square_\1", name)
    name = re.sub(r"(\w+) \*\* 3", r"cubic_\1", name)
    return name.replace(" / ", "_per_").replace(" * ", "_")


def _dimension(name: str, dimensionality: str) -> str:
    if "byte" in name or "bit" in name:
        return "data_rate" if "_per_" in name else "data"
    return _DIMENSIONS.get(dimensionality, "")


def in_usage_table(token: str) -> bool:
    return token in _usage()


def _may_pair(first: str, pair: str) -> bool:
    """Two words are one unit when the project table says so or the first makes a power of the
    second ("square feet", "cubic metres"); otherwise pint would multiply them ("mm in")."""
    return pair in _usage() or first.lower() in _POWER_WORDS


def unit_after(text: str, position: int, limit: int) -> tuple[str, str, str, int] | None:
    """The unit written right after a number: (as written, canonical unit, dimension, end)."""
    found = _WORDS_AFTER.match(text, position, limit)
    if found is None:
        return None
    glued = not found.group("space")
    if found.group("two"):
        pair = f"{found.group('one')} {found.group('two')}"
        measured = lookup(pair, glued) if _may_pair(found.group("one"), pair) else None
        if measured:
            return pair, *measured, found.end()
    measured = lookup(found.group("one"), glued)
    return (found.group("one"), *measured, found.end("one")) if measured else None


@cache
def canonical(unit: str) -> tuple[str, str] | None:
    """(canonical unit, dimension) of a unit name ("miles", "km", "degree_Celsius",
    "megabit_per_second"), or None when neither the project's table nor pint knows it."""
    for row in _usage().values():
        if row["kind"] == "unit" and unit in (row["unit"], row["token"]):
            return row["unit"], row["dimension"]
    if unit.lower() in _usage():
        return None
    return _from_registry(unit)
