"""Publication dates read from an article's own words, for articles that come with no metadata.

In order of trust: a "Published ..." or "Updated ..." line with a full date, a dateline with a full
date at the top of the article, then the article's own weekday-and-date mentions ("Wednesday,
June 5") when a year the text names makes the weekday right. Each guess keeps its words as
evidence and a precision (``day``; ``week`` when the date comes from an event the article reports,
which it may have been published a few days after). Nothing found: the date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_FIRST = _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
_DAY_FIRST = (
    r"(?P<day2>\d{1,2})\s+" + _MONTH.replace("month", "month2") + r",?\s+(?P<year2>(?:19|20)\d\d)"
)
_ISO = r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
FULL_DATE = re.compile(rf"(?i)\b(?:{_MONTH_FIRST}|{_DAY_FIRST}|{_ISO})\b")
_PUBLISHED = re.compile(
    r"(?i)\b(?:published|posted|updated|last updated|first published|date)\b\s*(?:on\s*)?:?\s*"
    r"(?:(?:" + "|".join(WEEKDAYS) + r"),?\s+)?"
)
_WEEKDAY_DATE = re.compile(
    r"(?i)\b(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+(?:" + _MONTH + r"\s+(?P<day>\d{1,2})"
    r"(?:st|nd|rd|th)?)\b(?!,?\s+(?:19|20)\d\d)"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
HEAD, TAIL = 600, 400  # where a "Published" line or a dateline is looked for


@dataclass(frozen=True)
class DateGuess:
    published: str  # YYYY-MM-DD
    precision: str  # day or week
    evidence: str


def _date_of(match: re.Match[str]) -> dt.date | None:
    try:
        if match.group("iso"):
            return dt.date.fromisoformat(match.group("iso"))
        if match.group("month"):
            month, day, year = match.group("month"), match.group("day"), match.group("year")
        else:
            month, day, year = match.group("month2"), match.group("day2"), match.group("year2")
        return dt.date(int(year), MONTHS[month.lower().rstrip(".")], int(day))
    except ValueError:
        return None


def _published_line(text: str) -> DateGuess | None:
    for part in (text[:HEAD], text[-TAIL:]):
        for label in _PUBLISHED.finditer(part):
            found = FULL_DATE.match(part, label.end())
            date = _date_of(found) if found else None
            if date:
                words = part[label.start() : found.end()].strip()
                return DateGuess(date.isoformat(), "day", f"the article says “{words}”")
    return None


def _dateline(text: str) -> DateGuess | None:
    head = text[: HEAD // 2]
    found = FULL_DATE.search(head)
    date = _date_of(found) if found else None
    if date:
        return DateGuess(
            date.isoformat(), "day", f"a full date at the top of the article: “{found.group(0)}”"
        )
    return None


def _weekday_mention(text: str) -> DateGuess | None:
    """ "Wednesday, June 5" and a year the text names in which 5 June was a Wednesday; the
    latest such date, since an article reports events up to its own day."""
    years = sorted({int(y) for y in _YEAR.findall(text)})
    found: list[tuple[dt.date, str, int]] = []
    for mention in _WEEKDAY_DATE.finditer(text):
        month = MONTHS[mention.group("month").lower().rstrip(".")]
        for year in years:
            try:
                date = dt.date(year, month, int(mention.group("day")))
            except ValueError:
                continue
            if WEEKDAYS[date.weekday()] == mention.group("weekday").lower():
                found.append((date, mention.group(0), year))
    if not found:
        return None
    date, words, year = max(found)
    return DateGuess(
        date.isoformat(),
        "week",
        f"“{words}”: {date:%-d %B} was a {WEEKDAYS[date.weekday()].capitalize()} in {year}, a "
        "year the article names; published that day or within the week",
    )


def infer_publication_date(text: str) -> DateGuess | None:
    """The article's publication date from its own words, or None when they do not say."""
    return _published_line(text) or _dateline(text) or _weekday_mention(text)
