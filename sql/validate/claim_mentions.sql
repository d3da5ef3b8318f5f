-- The partition's claim-to-mention links, each end checked to exist.
SELECT
    cm.claim_id, cm.mention_id,
    c.claim_id IS NOT NULL AS claim_exists,
    m.mention_id IS NOT NULL AS mention_exists,
    count(*) OVER (PARTITION BY cm.claim_id, cm.mention_id) AS n_copies
FROM claim_mentions cm
LEFT JOIN claims c USING (claim_id)
LEFT JOIN mentions m USING (mention_id)
WHERE cm.partition_key = $partition_key
