"""Reporting verb with complement: 'X said (that) Y', 'Y, X said' where the parser gave the
verb its complement, 'X said in a statement that Y' (the clause hung on the adjunct)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..candidates import REJECTED, Candidate, Rejected
from ..context import DocContext
from ..quotations import quote_for
from ..quotes import QUOTE_CHARS
from ..spans import content_from_tokens, cue_ranges
from ..syntax import cue_clause_start, trailing_cues
from ..verb_cue import CUE_VERB, VerbCue, reading_form, verb_claim, verb_forms_after
from . import Example, Form


def parsed_complement(ctx: DocContext, t: Token) -> Token | None:
    """The verb's clausal complement in its own segment; not 'Y;' before 'X aims to Z' (two
    clauses, not 'Y, X said')."""
    doc = ctx.doc
    seg = ctx.seg_of[t.i]
    ccomp = next((c for c in t.children if c.dep_ == "ccomp" and ctx.seg_of[c.i] == seg
                  and not (c.i < t.i and doc[c.right_edge.i + 1].text == ";")), None)
    return ccomp if ccomp is not None else complement_under_adjunct(ctx, t, seg)


def complement_under_adjunct(ctx: DocContext, t: Token, seg: int) -> Token | None:
    """The that-clause of "said in a statement that Y" or "said during a news conference
    that Y", which the parser hangs on the adjunct's noun as a relative clause.

    A real relative clause has "that" as its subject or object ("the statement that
    was released") or stands for a moment or manner ("at a time that", "in the way
    that"); a complement has "that" as a bare complementizer and its own subject.
    """
    if t.lemma_.lower() not in lx.CORE_REPORTING_VERBS:
        return None
    preps = [c for c in t.rights if c.dep_ == "prep"]
    while preps:
        prep = preps.pop(0)
        if prep.lower_ not in lx.CIRCUMSTANCE_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() in lx.NOUNS_WITH_OWN_CLAUSE:
                continue  # "in the hope that Y": the noun's own complement
            if noun.lemma_.lower() in lx.RELATIVE_ADVERB_NOUNS and prep.lower_ != "for":
                continue  # "argued on the day that we launched …" (but "said for the first time that Y")
            preps += [c for c in noun.rights if c.dep_ == "prep"]  # "at a rally in Iowa that Y"
            for clause in noun.rights:
                if clause.dep_ not in ("relcl", "acl") or ctx.seg_of[clause.i] != seg:
                    continue  # "in a report released Tuesday that Y": look past "released"
                first = clause.left_edge
                if first.lower_ == "that" and first.head.i == clause.i \
                        and first.dep_ in ("mark", "advmod") \
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    return clause
    return None


def build(ctx: DocContext, cue: VerbCue) -> Candidate | Rejected | None:
    """The parsed complement, without trailing cue clauses; all of Y before "Y, X said"."""
    t = cue.token
    doc = ctx.doc
    ccomp, subj = cue.complement, cue.subject
    cs, ce = ccomp.left_edge.i, ccomp.right_edge.i + 1
    if ccomp.dep_ in ("relcl", "acl") and doc[cs].lower_ == "that":
        cs += 1  # from complement_under_adjunct: "that" may be parsed as an adverb
    excl: list[tuple[int, int]] = []
    if ccomp.i < t.i:
        # "Y, X said": the cue clause must follow a comma or a quotation
        first = cue_clause_start(ctx, t, subj) if subj is not None and subj.i < t.i else t.i
        first = min([first] + [s for s, _ in cue_ranges(t)])
        p = first - 1
        while p >= 0 and doc[p].is_space:
            p -= 1  # '…,"  Berkman said' (a double space is a token)
        prev = doc[p] if p >= 0 else None
        if prev is None or not (prev.is_punct or prev.text in QUOTE_CHARS) or prev.text == ":":
            return REJECTED  # not "RELATED: Senator Says …": a label, not Y
        # all of Y up to the cue clause: a misparse can hang part of Y under the verb
        # ('…, if bogus, ideas …, she said' with 'if' and 'ideas' under 'said')
        ce = first
    elif cs < t.i:
        # "…, which officials said will go into effect": the relative pronoun
        # fronted from the complement; the cue clause is cut out of the content
        first = subj.left_edge.i if subj is not None and subj.i < t.i else t.i
        excl = [(min(first, t.i), t.i + 1)]
    content = content_from_tokens(ctx, cs, ce, t.i, trailing_cues(ctx, ccomp, ce) + excl)
    quoted = quote_for(ctx, content)
    return verb_claim(ctx, cue, FORM.name, quoted or content, cue.confidence(FORM.confidence),
                      content_quote=bool(quoted))


FORM = Form(
    name="complement", summary="X said (that) Y; Y, X said; X said in a statement that Y",
    trigger=CUE_VERB, extract=reading_form("complement", build), confidence=0.85,
    outranks=verb_forms_after("complement"),
    extracts=(Example("The mayor said that the bridge would reopen next spring.", "said", "The mayor",
                      "the bridge would reopen next spring"),
              Example("Helen Carter said the budget was balanced.", "said", "Helen Carter",
                      "the budget was balanced"),
              Example("The factory will close in March, the company said.", "said", "the company",
                      "The factory will close in March"),
              Example("Prices will keep rising, said Maria Lopez, an economist at the bank.", "said",
                      None, "Prices will keep rising"),
              Example("“We will rebuild the pier,” the mayor said.", "said", "the mayor",
                      "“We will rebuild the pier,”"),
              Example("The ministry said in a statement that prices would rise.", "said", "The ministry",
                      "prices would rise"),
              Example("“The rent is too high,” the statement read.", "read", "the statement",
                      "“The rent is too high,”")),
    ignores=(Example("RELATED: Senator Says Budget Is Dead", "Says"),
             Example("Nobody knows how the fire started.", "knows"),
             Example("Anyone who says the plan is cheap is wrong.", "says")),
)
