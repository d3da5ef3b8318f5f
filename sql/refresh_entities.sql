-- entities is derived: one row per (canonical name, label) seen in any document, with
-- mention and document counts over the whole warehouse.
DELETE FROM entities;
INSERT INTO entities
SELECT
    de.entity_id,
    min(de.canonical_name) AS canonical_name,
    min(de.label) AS label,
    coalesce((SELECT count(*) FROM mentions m WHERE m.entity_id = de.entity_id), 0) AS n_mentions,
    count(DISTINCT de.doc_id) AS n_documents
FROM document_entities de
GROUP BY de.entity_id;
