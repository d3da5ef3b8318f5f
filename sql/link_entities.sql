-- After the partition's rows are in and temp table `relinked` (alias_id, entity_id) holds the
-- aliases whose entity this load decided (the partition's new aliases, and merges), every
-- row naming one of them points at its dataset entity and carries its canonical name:
-- the founding alias' name, the same string in every document.
CREATE OR REPLACE TEMP TABLE relinked_names AS
SELECT r.alias_id, r.entity_id, f.alias AS canonical_name
FROM relinked r JOIN entity_aliases f ON f.alias_id = r.entity_id;

UPDATE mentions m SET entity_id = r.entity_id
FROM relinked_names r
WHERE m.entity_id = r.alias_id AND m.entity_id <> r.entity_id;

UPDATE claims c SET source_entity_id = r.entity_id, source_entity = r.canonical_name
FROM relinked_names r
WHERE c.source_entity_id = r.alias_id
  AND (c.source_entity_id <> r.entity_id OR c.source_entity IS DISTINCT FROM r.canonical_name);

UPDATE claims c SET via_entity_id = r.entity_id, via_entity = r.canonical_name
FROM relinked_names r
WHERE c.via_entity_id = r.alias_id
  AND (c.via_entity_id <> r.entity_id OR c.via_entity IS DISTINCT FROM r.canonical_name);
