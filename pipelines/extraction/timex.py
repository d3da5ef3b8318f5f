"""Resolve a time expression attached to a cue against the publication date.

Day expressions resolve to that day; period expressions ("this week", "last month",
"in 2015") resolve to the first day of the period. Unresolvable expressions give None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "couple": 2,
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_MD = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\b\.?(?:,?\s+(\d{{4}}))?")
_M_ONLY = re.compile(rf"\b({_MONTH_RE})\b\.?(?:\s+(\d{{4}}))?")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AGO = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+(day|week|month|year)s?\s+ago\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(pub: date, m: int, d: int) -> date | None:
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        cand = _safe_date(y, m, d)
        if cand and (best is None or abs((cand - pub).days) < abs((best - pub).days)):
            best = cand
    return best


def _month_start(y: int, m: int) -> date:
    return date(y, m, 1)


def resolve(expr: str | None, pub: date | None) -> date | None:
    """The date `expr` refers to, relative to publication date `pub`; None if unknown."""
    if not expr or pub is None:
        return None
    try:
        return _resolve(expr.lower(), pub)
    except (ValueError, OverflowError):
        return None


def _ago(m: re.Match, pub: date) -> date | None:
    """'three days ago', 'two weeks ago', 'a year ago'."""
    n = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
    unit = m[2]
    if unit == "day":
        return pub - timedelta(days=n)
    if unit == "week":
        return pub - timedelta(weeks=n)
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 - n
        return _safe_date(k // 12, k % 12 + 1, min(pub.day, 28))
    return _safe_date(pub.year - n, pub.month, min(pub.day, 28))


def _weekday(t: str, weekday: int, pub: date) -> date:
    """'on Tuesday' (the latest Tuesday up to the day), 'next Tuesday', 'last Tuesday'."""
    if "next" in t:
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)
    delta = (pub.weekday() - weekday) % 7
    if "last" in t and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


def _resolve(t: str, pub: date) -> date | None:
    m = _ISO.search(t)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if "yesterday" in t or "last night" in t:
        return pub - timedelta(days=1)
    if "tomorrow" in t:
        return pub + timedelta(days=1)
    if "today" in t or "tonight" in t or re.search(r"\bthis (morning|afternoon|evening)\b", t):
        return pub
    m = _AGO.search(t)
    if m:
        return _ago(m, pub)
    weekday = next((i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", t)), None)
    if weekday is not None:
        return _weekday(t, weekday, pub)
    m = _MD.search(t)
    if m:
        mo, d = MONTHS[m[1]], int(m[2])
        return _safe_date(int(m[3]), mo, d) if m[3] else _nearest_year(pub, mo, d)
    m = _DM.search(t)
    if m:
        mo, d = MONTHS[m[2]], int(m[1])
        return _safe_date(int(m[3]), mo, d) if m[3] else _nearest_year(pub, mo, d)
    if re.search(r"\bweek\b", t):
        monday = pub - timedelta(days=pub.weekday())
        if "last" in t or "previous" in t:
            return monday - timedelta(days=7)
        if "next" in t:
            return monday + timedelta(days=7)
        if "this" in t or "earlier" in t:
            return monday
    if re.search(r"\bmonth\b", t):
        if "last" in t or "previous" in t:
            k = pub.year * 12 + pub.month - 2
            return _month_start(k // 12, k % 12 + 1)
        if "next" in t:
            k = pub.year * 12 + pub.month
            return _month_start(k // 12, k % 12 + 1)
        if "this" in t or "earlier" in t:
            return _month_start(pub.year, pub.month)
    if re.search(r"\byear\b", t):
        if "last" in t or "previous" in t:
            return date(pub.year - 1, 1, 1)
        if "this" in t or "earlier" in t:
            return date(pub.year, 1, 1)
    m = _M_ONLY.search(t)
    if m and not (m[1] == "may" and not m[2] and not re.search(r"\b(in|early|late|mid|since|by)\s+may\b", t)):
        mo = MONTHS[m[1]]
        if m[2]:
            return _month_start(int(m[2]), mo)
        cand = [_month_start(y, mo) for y in (pub.year - 1, pub.year)]
        past = [c for c in cand if c <= pub]
        return past[-1] if past else cand[0]
    m = _YEAR.search(t)
    if m:
        return date(int(m[1]), 1, 1)
    return None
