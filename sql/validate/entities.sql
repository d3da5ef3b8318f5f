-- The entities this partition's documents mention (entities is derived warehouse-wide).
SELECT e.*
FROM entities e
WHERE e.entity_id IN (SELECT entity_id FROM document_entities WHERE partition_key = $partition_key)
