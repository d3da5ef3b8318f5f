-- The entities this partition's documents mention (entities is derived warehouse-wide).
SELECT e.*
FROM entities e
WHERE e.entity_id IN (
    SELECT a.entity_id FROM document_entities de JOIN entity_aliases a ON a.alias_id = de.entity_id
    WHERE de.partition_key = $partition_key
)
