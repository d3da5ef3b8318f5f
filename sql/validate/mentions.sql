-- The partition's entity mentions with relation and span flags, one chunk of doc_ids at a
-- time (see documents.sql).
SELECT
    m.mention_id, m.doc_id, m.entity_id, m.label, m.sentence_index,
    d.doc_id IS NOT NULL AS document_exists,
    e.entity_id IS NOT NULL AS entity_exists,
    (d.doc_id IS NOT NULL AND m."start" >= 0 AND m."end" <= d.n_chars AND m."start" < m."end"
        AND substr(d.text, m."start" + 1, m."end" - m."start") = m.text) IS TRUE AS span_matches_text
FROM mentions m
LEFT JOIN (SELECT doc_id, n_chars, text FROM documents WHERE partition_key = $partition_key
    AND doc_id >= coalesce($doc_from, doc_id) AND doc_id < coalesce($doc_below, doc_id || '~')) d USING (doc_id)
LEFT JOIN entities e USING (entity_id)
WHERE m.partition_key = $partition_key
    AND m.doc_id >= coalesce($doc_from, m.doc_id) AND m.doc_id < coalesce($doc_below, m.doc_id || '~')
