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
from .candidates import REJECTED, Candidate
from .context import DocContext
from .forms import FORMS, PRECEDENCE, Form
from .triggers import TriggerIndex


@lru_cache(maxsize=4)
def _trigger_index(vocab: Vocab) -> TriggerIndex:
    """Every form's trigger, compiled once per vocabulary."""
    triggers = {form.trigger.name: form.trigger for form in FORMS.values() if form.trigger is not None}
    return TriggerIndex(vocab, list(triggers.values()))


@lru_cache(maxsize=64)
def _forms_for(triggers: frozenset[str]) -> tuple[Form, ...]:
    """The forms woken by a set of triggers, in precedence order."""
    return tuple(FORMS[name] for name in PRECEDENCE
                 if FORMS[name].trigger is not None and FORMS[name].trigger.name in triggers)


def _triggered(ctx: DocContext) -> dict[int, set[str]]:
    """Cue token index -> the names of the triggers that fired on it."""
    return _trigger_index(ctx.doc.vocab).fired(ctx.doc)


def extract_candidates(ctx: DocContext) -> list[Candidate]:
    """The candidates of one document that become claims, in document order."""
    found = Candidates(ctx)
    deferred: list[tuple[int, tuple[Form, ...]]] = []
    for i, triggers in sorted(_triggered(ctx).items()):
        forms = _forms_for(frozenset(triggers))
        if forms and forms[0].deferred:
            deferred.append((i, forms))
            continue
        for form in forms:
            result = form.extract(ctx, ctx.doc[i])
            if result is None:
                continue
            if result is not REJECTED:
                found.add(result)
            break
    segment_forms = [FORMS[name] for name in PRECEDENCE if FORMS[name].trigger is None]
    for seg_s, seg_e in ctx.seg_bounds:
        for form in segment_forms:
            for cand in form.extract(ctx, seg_s, seg_e):
                found.add(cand)
    for i, forms in deferred:
        for form in forms:
            result = form.extract(ctx, ctx.doc[i], found)
            if result is not None:
                found.add(result)
                break
    return found.settle()
