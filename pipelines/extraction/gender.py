"""The likely gender of a first name, so that "she" does not resolve to a man.

The lists are the 1990 US Census first-name frequencies (public domain), as shipped by the
MIT-licensed `names` package. A name is given a gender only when one gender holds at least
`DOMINANCE` times the other's frequency: "Jordan" or "Robin" stay unknown, and an unknown
gender agrees with both pronouns. The honorifics and he/she links of the text itself
(entities.py) come first; this list only fills in where the text says nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

DOMINANCE = 4.0


def _frequencies(file_name: str) -> dict[str, float]:
    """name (casefolded) → percentage of people with that first name, from a Census list."""
    text = resources.files("names").joinpath(file_name).read_text(encoding="ascii")
    out = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            out[fields[0].casefold()] = float(fields[1])
    return out


@lru_cache(maxsize=1)
def _genders() -> dict[str, str]:
    male, female = _frequencies("dist.male.first"), _frequencies("dist.female.first")
    genders = {}
    for name in male.keys() | female.keys():
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= DOMINANCE * f and m > 0:
            genders[name] = "m"
        elif f >= DOMINANCE * m and f > 0:
            genders[name] = "f"
    return genders


def first_name_gender(first_name: str) -> str:
    """"m", "f", or "" when the name is unknown or used by both genders."""
    return _genders().get(first_name.strip(".").casefold(), "")
