-- The claims of one partition as the claims suite sees them: the columns, plus relation and
-- span flags computed here (GX checks the flags; plain SQL does the joins); one chunk of
-- doc_ids at a time (see documents.sql).
WITH spans AS (
    SELECT record_id AS claim_id, bool_and(span_matches_text) AS spans_match_text
    FROM ({span_consistency})
    WHERE span_column LIKE 'claims.%'
    GROUP BY record_id
)
SELECT
    c.* EXCLUDE (cue_spans, source_spans, via_spans, content_spans, time_spans),
    d.doc_id IS NOT NULL AS document_exists,
    c.source_entity_id IS NULL OR se.entity_id IS NOT NULL AS source_entity_exists,
    c.via_entity_id IS NULL OR ve.entity_id IS NOT NULL AS via_entity_exists,
    coalesce(s.spans_match_text, false) AS spans_match_text,
    len(c.cue_spans) AS n_cue_fragments,
    len(c.content_spans) AS n_content_fragments,
    (c.source_kind = 'none') = (len(c.source_spans) = 0) AS source_kind_matches_source
FROM claims c
LEFT JOIN (SELECT doc_id FROM documents WHERE partition_key = $partition_key) d USING (doc_id)
LEFT JOIN entities se ON se.entity_id = c.source_entity_id
LEFT JOIN entities ve ON ve.entity_id = c.via_entity_id
LEFT JOIN spans s USING (claim_id)
WHERE c.partition_key = $partition_key
    AND c.doc_id >= coalesce($doc_from, c.doc_id) AND c.doc_id < coalesce($doc_below, c.doc_id || '~')
