-- The claims of one partition as the claims suite sees them: every column, plus whether
-- the claim's document exists and whether all of its spans match the document text.
WITH spans AS (
    SELECT record_id AS claim_id, bool_and(span_matches_text) AS spans_match_text
    FROM ({span_consistency})
    WHERE span_column LIKE 'claims.%'
    GROUP BY record_id
)
SELECT
    c.* EXCLUDE (cue_spans, source_spans, via_spans, content_spans, time_spans),
    d.doc_id IS NOT NULL AS document_exists,
    coalesce(s.spans_match_text, false) AS spans_match_text,
    len(c.cue_spans) AS n_cue_fragments,
    len(c.content_spans) AS n_content_fragments
FROM claims c
LEFT JOIN documents d USING (doc_id)
LEFT JOIN spans s USING (claim_id)
WHERE c.partition_key = $partition_key
