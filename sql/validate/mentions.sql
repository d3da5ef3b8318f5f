-- The partition's entity mentions with relation and span flags.
SELECT
    m.mention_id, m.doc_id, m.entity_id, m.label, m.sentence_index,
    d.doc_id IS NOT NULL AS document_exists,
    e.entity_id IS NOT NULL AS entity_exists,
    (d.doc_id IS NOT NULL AND m."start" >= 0 AND m."end" <= d.n_chars AND m."start" < m."end"
        AND substr(d.text, m."start" + 1, m."end" - m."start") = m.text) IS TRUE AS span_matches_text
FROM mentions m
LEFT JOIN documents d USING (doc_id)
LEFT JOIN entities e USING (entity_id)
WHERE m.partition_key = $partition_key
