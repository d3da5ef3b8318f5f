"""The catalogue of claim forms: every module in this package declares one `FORM`.

A form says what wakes it (`trigger`: patterns in spaCy's Matcher or DependencyMatcher
language naming the cue token, shared by name between forms that read the same token;
see triggers.py), how it finds a
candidate (`extract`), its confidence, which forms it is tried before on the same token
(`outranks`), and sentences it must and must not extract (`extracts`, `ignores`), which
`tests/test_forms_catalogue.py` runs for every form.

Stages: token forms run over the cue tokens in document order; segment forms over each
segment (a sentence or line) after them; deferred token forms last, when they must know
what the others found. Forms that can wake on the same token must say which goes first
(`outranks`); tests/test_forms_catalogue.py checks that on every example sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from graphlib import TopologicalSorter
from importlib import import_module
from pkgutil import iter_modules

from ..triggers import Trigger


@dataclass(frozen=True)
class Example:
    """A sentence and the claim a form must find in it (cue as written; source and content
    checked when given), or, in `ignores`, the cue it must not make a claim of."""

    text: str
    cue: str
    source: str | None = None
    content: str | None = None


@dataclass(frozen=True)
class Form:
    """One claim form: what wakes it, how it finds a candidate, how sure it is, what it is
    tried before, and the sentences that show it."""

    name: str
    summary: str
    trigger: Trigger | None  # None: a segment form
    extract: Callable
    confidence: float
    outranks: tuple[str, ...] = ()
    deferred: bool = False
    extracts: tuple[Example, ...] = ()
    ignores: tuple[Example, ...] = ()


def _load() -> dict[str, Form]:
    """Every form of the package, by name (a module is a form by declaring FORM)."""
    forms = {}
    for module in sorted(m.name for m in iter_modules(__path__)):
        form = getattr(import_module(f"{__name__}.{module}"), "FORM", None)
        if not isinstance(form, Form):
            raise ValueError(f"forms/{module}.py declares no FORM: every module of this package is a form")
        forms[form.name] = form
    return forms


FORMS = _load()


def precedence(forms: dict[str, Form]) -> list[str]:
    """Form names ordered so that every form comes before those it outranks (forms with no
    declared relation in name order)."""
    graph = {name: set() for name in forms}
    for form in forms.values():
        for lower in form.outranks:
            if lower not in graph:
                raise ValueError(f"form {form.name} outranks {lower}, which is no form")
            graph[lower].add(form.name)
    sorter = TopologicalSorter(graph)
    sorter.prepare()
    order: list[str] = []
    position = {name: i for i, name in enumerate(forms)}
    while sorter.is_active():
        ready = sorted(sorter.get_ready(), key=position.__getitem__)
        order.extend(ready)
        sorter.done(*ready)
    return order


PRECEDENCE = precedence(FORMS)
