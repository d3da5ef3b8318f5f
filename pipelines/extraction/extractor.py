"""Run the catalogue of forms over one document: a lookup from trigger to forms.

The trigger index (built once per vocabulary from every form's trigger, triggers.py) finds
the cue tokens; each token's forms are tried in declared precedence, the
first to find a candidate claims the token; segment forms and deferred forms follow; the
arbitration settles which candidates become claims.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.vocab import Vocab

from .arbitration import Candidates
from .candidates import Candidate, Rejected
from .context import DocContext
from .forms import FORMS, PRECEDENCE, Form
from .triggers import Trigger, TriggerIndex


@lru_cache(maxsize=4)
def _trigger_index(vocab: Vocab) -> TriggerIndex:
    """Every form's trigger, compiled once per vocabulary."""
    triggers: dict[str, Trigger] = {}
    for form in FORMS.values():
        if form.trigger is not None and triggers.setdefault(form.trigger.name, form.trigger) != form.trigger:
            raise ValueError(f"two different triggers are named {form.trigger.name}")
    return TriggerIndex(vocab, list(triggers.values()))


SEGMENT_FORMS = tuple(FORMS[name] for name in PRECEDENCE if FORMS[name].trigger is None)


@lru_cache(maxsize=64)
def _forms_for(triggers: frozenset[str]) -> tuple[Form, ...]:
    """The forms woken by a set of triggers, in precedence order."""
    return tuple(FORMS[name] for name in PRECEDENCE
                 if FORMS[name].trigger is not None and FORMS[name].trigger.name in triggers)


def _triggered(ctx: DocContext) -> dict[int, set[str]]:
    """Cue token index -> the names of the triggers that fired on it."""
    return _trigger_index(ctx.doc.vocab).fired(ctx.doc)


def _first_result(forms: tuple[Form, ...], *args) -> Candidate | Rejected | None:
    """What the first form, in precedence order, that recognises the token makes of it: a
    candidate, or REJECTED; None when no form finds anything."""
    for form in forms:
        result = form.extract(*args)
        if result is not None:
            return result
    return None


def extract_candidates(ctx: DocContext) -> list[Candidate]:
    """The candidates of one document that become claims, in document order."""
    found = Candidates(ctx)
    deferred: list[tuple[int, tuple[Form, ...]]] = []
    for i, triggers in sorted(_triggered(ctx).items()):
        forms = _forms_for(frozenset(triggers))
        result = _first_result(tuple(f for f in forms if not f.deferred), ctx, ctx.doc[i])
        if isinstance(result, Candidate):
            found.add(result)
        elif result is None and (later := tuple(f for f in forms if f.deferred)):
            deferred.append((i, later))
    for seg_s, seg_e in ctx.seg_bounds:
        for form in SEGMENT_FORMS:
            for cand in form.extract(ctx, seg_s, seg_e):
                found.add(cand)
    for i, forms in deferred:
        result = _first_result(forms, ctx, ctx.doc[i], found)
        if isinstance(result, Candidate):
            found.add(result)
    return found.settle()
