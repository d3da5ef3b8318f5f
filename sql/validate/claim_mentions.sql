-- The partition's claim-to-mention links, each end checked to exist in the partition; one
-- chunk of doc_ids at a time, by the doc_id of the link's claim or mention (orphans fall in
-- the first chunk; see documents.sql).
SELECT
    cm.claim_id, cm.mention_id,
    c.claim_id IS NOT NULL AS claim_exists,
    m.mention_id IS NOT NULL AS mention_exists,
    count(*) OVER (PARTITION BY cm.claim_id, cm.mention_id) AS n_copies
FROM claim_mentions cm
LEFT JOIN (SELECT claim_id, doc_id FROM claims WHERE partition_key = $partition_key) c USING (claim_id)
LEFT JOIN (SELECT mention_id, doc_id FROM mentions WHERE partition_key = $partition_key) m USING (mention_id)
WHERE cm.partition_key = $partition_key
    AND coalesce(c.doc_id, m.doc_id, '') >= coalesce($doc_from, coalesce(c.doc_id, m.doc_id, ''))
    AND coalesce(c.doc_id, m.doc_id, '') < coalesce($doc_below, coalesce(c.doc_id, m.doc_id, '') || '~')
