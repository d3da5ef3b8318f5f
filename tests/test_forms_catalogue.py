"""Every form's own examples: the sentences it must extract and those it must not.

The examples live with their form (pipelines/extraction/forms/); this test runs them all,
so a form's tests sit with the form and a new form is tested by writing its module.
"""

from __future__ import annotations

import pytest

from pipelines.extraction import extract_document
from pipelines.extraction.context import DocContext
from pipelines.extraction.extractor import _forms_for, _triggered, extract_candidates
from pipelines.extraction.forms import FORMS, PRECEDENCE, Form, precedence
from pipelines.extraction.records import spans_text
from pipelines.extraction.triggers import Trigger, TriggerIndex

EXTRACTS = [pytest.param(form, example, id=f"{form.name}:{example.text[:40]}")
            for form in FORMS.values() for example in form.extracts]
IGNORES = [pytest.param(form, example, id=f"{form.name}:{example.text[:40]}")
           for form in FORMS.values() for example in form.ignores]


def _claims(nlp, text):
    return extract_document(nlp(text), "example", None).claims


def _forms_by_cue(nlp, text) -> dict[str, str]:
    """Cue text -> the form that made the claim, for the candidates that became claims."""
    ctx = DocContext(nlp(text), "example", None)
    return {spans_text(ctx.text, [ctx.char_range(s, e) for s, e in c.cue]): c.form for c in extract_candidates(ctx)}


def _woken(nlp, text) -> set[str]:
    """The forms that read `text`: those its tokens wake, and the segment forms."""
    ctx = DocContext(nlp(text), "example", None)
    woken = {f.name for triggers in _triggered(ctx).values() for f in _forms_for(frozenset(triggers))}
    return woken | {name for name, f in FORMS.items() if f.trigger is None}


@pytest.mark.parametrize(("form", "example"), EXTRACTS)
def test_form_extracts_its_examples(nlp, form, example):
    found = [c for c in _claims(nlp, example.text) if c.cue_text == example.cue]
    assert found, f"{form.name}: no claim with cue {example.cue!r} in {example.text!r}"
    assert _forms_by_cue(nlp, example.text)[example.cue] == form.name, "made by another form"
    claim = found[0]
    if example.source is not None:
        assert claim.source_text == example.source
    if example.content is not None:
        assert claim.content_text == example.content


@pytest.mark.parametrize(("form", "example"), IGNORES)
def test_form_ignores_its_counter_examples(nlp, form, example):
    assert form.name in _woken(nlp, example.text), "the counter-example never reaches the form"
    cues = [c.cue_text for c in _claims(nlp, example.text)]
    assert example.cue not in cues, f"{form.name}: {example.text!r} made a claim with cue {example.cue!r}"


def test_every_form_has_an_example_and_a_confidence():
    for form in FORMS.values():
        assert form.extracts, f"{form.name} has no example sentence"
        assert 0 < form.confidence <= 1, form.name


def test_precedence_puts_a_form_before_every_form_it_outranks():
    position = {name: i for i, name in enumerate(PRECEDENCE)}
    for form in FORMS.values():
        for lower in form.outranks:
            assert position[form.name] < position[lower]


def test_precedence_refuses_an_unknown_form_and_a_cycle():
    def form(name, outranks):
        return Form(name=name, summary="", trigger=None, extract=lambda *a: None, confidence=0.5,
                    outranks=outranks)
    with pytest.raises(ValueError, match="outranks c, which is no form"):
        precedence({"a": form("a", ("c",))})
    with pytest.raises(Exception, match="cycle"):
        precedence({"a": form("a", ("b",)), "b": form("b", ("a",))})


def _outranks_closure() -> dict[str, set[str]]:
    below = {name: set(form.outranks) for name, form in FORMS.items()}
    changed = True
    while changed:
        changed = False
        for name in below:
            more = set().union(*(below[lower] for lower in below[name])) - below[name]
            if more:
                below[name] |= more
                changed = True
    return below


def test_forms_woken_by_one_token_have_a_declared_order(nlp):
    """Catalogue order must never decide between two forms: on every example sentence, two
    forms woken by the same token are related by `outranks`."""
    below = _outranks_closure()
    for form in FORMS.values():
        for example in form.extracts + form.ignores:
            ctx = DocContext(nlp(example.text), "example", None)
            for triggers in _triggered(ctx).values():
                woken = [f.name for f in _forms_for(frozenset(triggers))]
                for i, first in enumerate(woken):
                    for later in woken[i + 1:]:
                        assert later in below[first], f"{first} and {later} both wake on {example.text!r}"


def _spacy_fired(nlp, doc) -> dict[int, set[str]]:
    """The cue tokens spaCy's own Matcher and DependencyMatcher find for every trigger."""
    from spacy.matcher import DependencyMatcher, Matcher

    tokens, dependencies = Matcher(nlp.vocab), DependencyMatcher(nlp.vocab)
    for trigger in {f.trigger.name: f.trigger for f in FORMS.values() if f.trigger}.values():
        (dependencies if trigger.dependency else tokens).add(trigger.name, trigger.patterns)
    fired: dict[int, set[str]] = {}
    for match_id, start, _ in tokens(doc):
        fired.setdefault(start, set()).add(nlp.vocab.strings[match_id])
    for match_id, token_ids in dependencies(doc):
        fired.setdefault(token_ids[0], set()).add(nlp.vocab.strings[match_id])  # node 0 is the cue
    return fired


def test_trigger_index_finds_what_spacys_matchers_find(nlp):
    """The trigger patterns are spaCy's pattern language: the fast anchored index must agree
    with spaCy's Matcher and DependencyMatcher on the examples and the bundled samples."""
    from .conftest import SAMPLES

    texts = [e.text for f in FORMS.values() for e in f.extracts + f.ignores]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    compared = 0
    for doc in nlp.pipe(texts):
        expected = _spacy_fired(nlp, doc)
        assert _triggered(DocContext(doc, "t", None)) == expected, doc.text[:80]
        compared += sum(len(v) for v in expected.values())
    assert compared > 500


@pytest.mark.parametrize(("trigger", "message"), [
    (Trigger("t", [[{"POS": "VERB"}]]), "needs a LOWER or LEMMA"),
    (Trigger("t", [[{"ORTH": "said"}]]), "ORTH is not supported"),
    (Trigger("t", [[{"LOWER": "said", "OP": "?"}]]), "OP is not supported"),
    (Trigger("t", [[{"LOWER": {"NOT_IN": ["said"]}}]]), "supports a value or"),
    (Trigger("t", [[{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LOWER": "said"}}]], dependency=True), "first node must be the cue"),
    (Trigger("t", [[{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LOWER": "said"}},
                    {"LEFT_ID": "cue", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}]], dependency=True), "only the > and <"),
])
def test_a_trigger_the_index_cannot_match_is_refused_when_built(nlp, trigger, message):
    with pytest.raises(ValueError, match=message):
        TriggerIndex(nlp.vocab, [trigger])


def test_the_docs_give_the_precedence_the_code_has():
    import re

    from .conftest import REPO

    doc = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    line = doc[doc.index("Precedence, first to last"):doc.index("It matters only among")]
    assert re.findall(r"`(\w+)`", line.split("):", 1)[1]) == PRECEDENCE
