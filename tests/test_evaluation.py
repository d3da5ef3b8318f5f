"""Scorer unit tests on tiny hand-made examples (spec section 2)."""

from __future__ import annotations

import json

from pipelines.eval_derived import identity_pairs, names_match, roles_match
from pipelines.evaluation import (
    new_counts, normalize_span, pair_claims, read_gold, role_correct, score_document,
    span_token_ids, strict_match, summarize, token_f1, tokenize, format_report,
)

TEXT = "Smith said that taxes will rise. Jones said nothing new, reportedly."
#       0123456789012345678901234567890123456789


def sp(sub, text=TEXT, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return [[i, i + len(sub)]]


def claim(source, cue, content, **kw):
    return {"source": source, "cue": cue, "content": content, **kw}


def test_tokenize_words_and_single_punct():
    toks = tokenize("Hi, it's “ok”...")
    assert ["Hi", ",", "it", "'", "s", "“", "ok", "”", ".", ".", "."] == [
        "Hi, it's “ok”..."[s:e] for s, e in toks]


def test_token_f1():
    assert token_f1(frozenset({1, 2}), frozenset({2, 3})) == 0.5
    assert token_f1(frozenset(), frozenset()) == 1.0
    assert token_f1(frozenset({1}), frozenset()) == 0.0


def test_span_tokens_overlap_partial_words():
    toks = tokenize(TEXT)
    a = span_token_ids(toks, [[0, 3]])  # "Smi" overlaps the token "Smith"
    assert a == span_token_ids(toks, sp("Smith"))


def test_strict_trims_punct_space_and_leading_that():
    assert normalize_span(TEXT, sp("that taxes will rise.")) == "taxes will rise"
    assert strict_match(TEXT, sp("taxes will rise"), sp(" that taxes will rise."))
    assert not strict_match(TEXT, sp("taxes will"), sp("taxes will rise"))
    assert normalize_span(TEXT, []) == ""


def test_discontinuous_span_normalisation():
    assert normalize_span(TEXT, sp("Smith") + sp("said")) == "Smith said"


def test_pairing_requires_cue_overlap_and_is_one_to_one():
    gold = [claim(sp("Smith"), sp("said"), sp("taxes will rise"))]
    pred = [
        claim(sp("Smith"), sp("said", nth=1), sp("taxes will rise")),  # other cue
        claim(sp("Smith"), sp("said"), sp("taxes will")),
        claim(sp("Smith"), sp("said"), sp("taxes will rise")),
    ]
    pairs = pair_claims(TEXT, gold, pred)
    assert [(g, p) for g, p, _ in pairs] == [(0, 2)]  # best-scoring pair wins
    assert pairs[0][2] == 3.0


def test_lenient_roles():
    toks = tokenize(TEXT)
    g = claim(sp("Smith"), sp("said"), sp("taxes will rise"))
    p = claim(sp("Smith said"), sp("said that"), sp("taxes will"))
    assert role_correct(TEXT, toks, "source", g, p) == (False, True)  # F1 2/3
    assert role_correct(TEXT, toks, "cue", g, p) == (False, True)  # any overlap
    assert role_correct(TEXT, toks, "content", g, p) == (False, True)  # F1 0.8


def test_empty_gold_source_only_matches_empty():
    toks = tokenize(TEXT)
    g = claim([], sp("reportedly"), sp("Jones said nothing new"))
    assert role_correct(TEXT, toks, "source", g, claim([], [], [])) == (True, True)
    assert role_correct(TEXT, toks, "source", g, claim(sp("Jones"), [], [])) == (False, False)
    g2 = claim(sp("Jones"), sp("said", nth=1), sp("nothing new"))
    assert role_correct(TEXT, toks, "source", g2, claim([], [], [])) == (False, False)


def test_score_document_counts_and_prf():
    gold = [
        claim(sp("Smith"), sp("said"), sp("taxes will rise"), source_entity="Smith",
              via=[], quote_type="indirect"),
        claim([], sp("reportedly"), sp("Jones said nothing new")),
    ]
    pred = [
        claim(sp("Smith"), sp("said"), sp("that taxes will rise."), source_entity="Smith",
              via=[], quote_type="direct"),
        claim(sp("Jones"), sp("said", nth=1), sp("nothing new")),
    ]
    counts = score_document(TEXT, gold, pred)
    s = summarize(counts)
    assert s["counts"] == {"docs": 1, "gold": 2, "predicted": 2, "matched": 1}
    assert s["triple_strict"]["correct"] == 1
    assert s["triple_lenient"] == {"correct": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert s["source_entity_accuracy"]["accuracy"] == 1.0
    assert s["via_accuracy"]["accuracy"] == 1.0
    assert s["quote_type_accuracy"]["accuracy"] == 0.0
    assert "triple" in format_report(s)


def test_micro_average_over_documents():
    counts = new_counts()
    g = [claim(sp("Smith"), sp("said"), sp("taxes will rise"))]
    score_document(TEXT, g, g, counts)
    score_document(TEXT, g, [], counts)
    s = summarize(counts)
    assert s["triple_lenient"]["precision"] == 1.0
    assert s["triple_lenient"]["recall"] == 0.5


def test_read_gold_and_cli(tmp_path, capsys):
    from pipelines.evaluation import cli_main

    text = "The mayor said that the bridge would reopen."
    row = {"doc_id": "a", "text": text, "meta": {"published": "2024-05-09"}, "claims": [
        {"source": [[0, 9]], "cue": [[10, 14]], "content": [[20, 43]]}]}
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps(row) + "\n")
    assert read_gold(str(gold))[0]["doc_id"] == "a"
    out = tmp_path / "p.jsonl"
    assert cli_main(str(gold), as_json=True, predictions=str(out)) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["triple_strict"]["f1"] == 1.0
    pred = json.loads(out.read_text().splitlines()[0])
    assert pred["doc_id"] == "a" and pred["text"] == text
    c = pred["claims"][0]
    assert c["cue"] == [[10, 14]] and c["cue_text"] == "said"
    assert {"source_entity", "via", "via_text", "via_entity", "quote_type", "hedged",
            "source_kind", "time_text", "claim_date"} <= set(c)
    assert cli_main(str(gold)) == 0
    assert "triple" in capsys.readouterr().out


def test_names_compare_folded_and_by_word_subset_with_the_same_last_word():
    assert names_match("Eric Shinseki", "Shinseki")
    assert names_match("The Wall Street Journal", "wall street journal")
    assert names_match("José Martí", "Jose Marti")
    assert not names_match("Barack Obama", "Malia Obama Jr")
    assert not names_match("Donald Trump", "Trump University")
    assert names_match(None, None) and not names_match("Joe Biden", None)


def test_roles_compare_leniently_without_a_leading_article():
    assert roles_match("spokeswoman for Gillum", "a spokeswoman for Gillum")
    assert roles_match(None, None)
    assert not roles_match("Russian President", None)
    assert not roles_match("mayor", "police commissioner")


def test_cross_document_identity_counts_pairs_across_documents_only():
    claims = [("a", "Donald Trump", "Donald Trump"), ("a", "Donald Trump", "Trump"),
              ("b", "Donald Trump", "Trump"), ("b", "Nancy Pelosi", None), ("c", "Nancy Pelosi", "Pelosi")]
    pairs = identity_pairs(claims)
    # gold: (a1,b1) (a2,b1) (b2,c1); predicted same: (a2,b1) only
    assert pairs == {"identity_gold_pairs": 3, "identity_predicted_pairs": 1, "identity_correct_pairs": 1}
