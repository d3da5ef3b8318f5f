-- entities is derived: one row per dataset entity (entity_aliases joins the per-document
-- entities of every document to it), named by its founding alias, with mention and
-- document counts over the whole warehouse.
DELETE FROM entities;
INSERT INTO entities
SELECT
    a.entity_id,
    f.alias AS canonical_name,
    f.label,
    coalesce((SELECT count(*) FROM mentions m WHERE m.entity_id = a.entity_id), 0) AS n_mentions,
    count(DISTINCT de.doc_id) AS n_documents
FROM document_entities de
JOIN entity_aliases a ON a.alias_id = de.entity_id
JOIN entity_aliases f ON f.alias_id = a.entity_id
GROUP BY a.entity_id, f.alias, f.label;
