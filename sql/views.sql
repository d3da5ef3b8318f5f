-- Views for everyday questions; created in the warehouse, so the published snapshot has them.
-- Documented with examples in docs/querying.md.

-- Every claim with its document's outlet, title, dates, location and own id; the claims
-- columns keep their names (source_entity, source_role, via_text, spans …), as in the table.
CREATE OR REPLACE VIEW claims_enriched AS
SELECT c.*, d.outlet, d.title, d.published_at, d.source_uri, d.external_id
FROM claims c
JOIN documents d USING (doc_id);

-- Who is quoted most, per outlet: one row per resolved source entity.
CREATE OR REPLACE VIEW top_sources_per_outlet AS
SELECT
    coalesce(d.outlet, '(unknown)') AS outlet,
    c.source_entity_id,
    any_value(c.source_entity) AS source_entity,
    count(*) AS n_claims,
    count(DISTINCT c.doc_id) AS n_documents,
    rank() OVER (PARTITION BY coalesce(d.outlet, '(unknown)') ORDER BY count(*) DESC) AS rank_in_outlet
FROM claims c
JOIN documents d USING (doc_id)
WHERE c.source_entity_id IS NOT NULL
GROUP BY coalesce(d.outlet, '(unknown)'), c.source_entity_id;

-- Claims whose content mentions an entity: filter on entity_name or entity_id.
CREATE OR REPLACE VIEW entity_claims AS
SELECT
    e.entity_id, e.canonical_name AS entity_name, e.label AS entity_label,
    c.claim_id, c.doc_id, c.source_entity_id, c.source_entity, c.source_text,
    c.cue_text, c.content_text, c.quote_type
FROM claim_mentions cm
JOIN mentions m USING (mention_id)
JOIN entities e ON e.entity_id = m.entity_id
JOIN claims c ON c.claim_id = cm.claim_id;
