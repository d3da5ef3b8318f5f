"""Web and wire boilerplate removed from article text before anything indexes into it.

Real feeds carry page furniture (ad markers, newsletter prompts, photo credits, video
widgets, embedded-tweet signatures) and wire datelines. Left in, they become junk claims
or glue themselves onto the next sentence's source. Only whole lines that are furniture
are dropped, plus a leading dateline; prose is never edited, so spans stay faithful.
"""

from __future__ import annotations

import re

_FURNITURE_LINES = [
    r"(advertisement|ad|ad ad|story continued below|story highlights|more on this\.*|replay|more videos"
    r"|must watch|just watched|watch:?|listen:?|close|share this( article)?|skip( to main content)?)",
    r"(read more|related|also on [\w.]+|more from [\w .]+|photos?|video|see also)\s*:.*",
    r"\(\s*also on [\w.]+:.*\)",
    r"(sign up|subscribe)\b.*\b(newsletter|email|alerts?|inbox)\b.*",
    r"by signing up\b.*",
    r"manage newsletters.*",
    r"(copyright|©)\s.*",
    r".*\ball rights reserved\.?",
    r"click here\b.*",
    r".*\bhide caption \d+ of \d+.*",
    r"(enlarge this image|toggle caption)\b.*",
    r".*\bpic\.twitter\.com/\S+.*",
    r".{0,100}\bcontributed to this report\.?",
    r"_{3,}.*",
    r"(the )?(views|opinions) expressed\b.*\b(own|necessarily)\b.*",
    r".*\(\s*photo:.*\)\s*",
]
FURNITURE = re.compile(r"^\s*(?:" + "|".join(_FURNITURE_LINES) + r")\s*$", re.IGNORECASE)
PHOTO_CREDIT = re.compile(r"^\s*[A-Z][A-Z .'’-]+(/[A-Za-z .'’-]+)+\s*$")  # JOHN SMITH/AFP/Getty Images

# "WASHINGTON (AP) — ", "NEW YORK, Feb 26 - ", "(CNN) — ", "(Reuters) -"
DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?:[ ][A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*"
    r"(?:\((?:AP|Reuters|CNN|AFP|UPI|Bloomberg|dpa)\))?\s*[-—–]{1,2}\s+"
    r"|\((?:AP|Reuters|CNN|AFP|UPI|Bloomberg)\)\s*[-—–]{0,2}\s*)"
)
MIN_REPEATED_PARAGRAPH = 60


def is_furniture(line: str) -> bool:
    return bool(FURNITURE.match(line) or PHOTO_CREDIT.match(line))


def strip_boilerplate(text: str) -> str:
    """The text without furniture lines, repeated paragraphs and a leading wire dateline."""
    kept, seen = [], set()
    for line in text.split("\n"):
        if line.strip() and is_furniture(line):
            continue
        if len(line) >= MIN_REPEATED_PARAGRAPH:
            if line in seen:
                continue
            seen.add(line)
        kept.append(line)
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return DATELINE.sub("", cleaned, count=1)
