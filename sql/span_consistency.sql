-- One row per span of a partition's claims (each role) and mentions: whether every fragment
-- lies inside its document and the fragments' text, joined with ' … ' as the extractor joins
-- discontinuous spans, equals the stored span text. substr(text, start+1, end-start) is the
-- fragment, as documented for users. One chunk of doc_ids at a time ($doc_from inclusive,
-- $doc_below exclusive, NULL = unbounded).
WITH claim_spans AS (
    SELECT c.claim_id AS record_id, c.doc_id, r.role, r.spans, r.span_text
    FROM claims c,
    LATERAL (
        SELECT 'cue' AS role, c.cue_spans AS spans, c.cue_text AS span_text
        UNION ALL SELECT 'source', c.source_spans, c.source_text
        UNION ALL SELECT 'content', c.content_spans, c.content_text
        UNION ALL SELECT 'via', c.via_spans, c.via_text
        UNION ALL SELECT 'time', c.time_spans, c.time_text
    ) AS r
    WHERE c.partition_key = $partition_key AND len(r.spans) > 0
        AND c.doc_id >= coalesce($doc_from, c.doc_id) AND c.doc_id < coalesce($doc_below, c.doc_id || '~')
)
SELECT
    cs.record_id,
    'claims.' || cs.role AS span_column,
    cs.doc_id,
    cs.spans[1].start AS span_start,
    cs.spans[-1]."end" AS span_end,
    cs.span_text AS stored_text,
    (d.doc_id IS NOT NULL
        AND list_bool_and([f.start >= 0 AND f."end" <= d.n_chars AND f.start < f."end" FOR f IN cs.spans])
        AND array_to_string([substr(d.text, f.start + 1, f."end" - f.start) FOR f IN cs.spans], ' … ') = cs.span_text
    ) IS TRUE AS span_matches_text
FROM claim_spans cs
LEFT JOIN (SELECT doc_id, n_chars, text FROM documents WHERE partition_key = $partition_key
    AND doc_id >= coalesce($doc_from, doc_id) AND doc_id < coalesce($doc_below, doc_id || '~')) d USING (doc_id)
UNION ALL
SELECT
    m.mention_id,
    'mentions',
    m.doc_id,
    m."start",
    m."end",
    m.text,
    (d.doc_id IS NOT NULL
        AND m."start" >= 0 AND m."end" <= d.n_chars AND m."start" < m."end"
        AND substr(d.text, m."start" + 1, m."end" - m."start") = m.text) IS TRUE
FROM mentions m
LEFT JOIN (SELECT doc_id, n_chars, text FROM documents WHERE partition_key = $partition_key
    AND doc_id >= coalesce($doc_from, doc_id) AND doc_id < coalesce($doc_below, doc_id || '~')) d USING (doc_id)
WHERE m.partition_key = $partition_key
    AND m.doc_id >= coalesce($doc_from, m.doc_id) AND m.doc_id < coalesce($doc_below, m.doc_id || '~')
