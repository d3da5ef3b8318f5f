-- Warehouse schema 2.1.0: entities across documents and days (spec section 3). Every
-- per-document entity id the extractor emits is an alias of one dataset entity, linked by a
-- named rule (pipelines/linking.py); a merge of a published entity into another is recorded
-- so the old id still resolves. A warehouse made before starts with every alias its own
-- entity ('new'), which is what its rows already say; later loads link and merge from there.

CREATE TABLE entity_aliases (
    alias_id        VARCHAR PRIMARY KEY,
    alias           VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    entity_id       VARCHAR NOT NULL,
    link            VARCHAR NOT NULL,
    partition_key   VARCHAR NOT NULL
);
INSERT INTO entity_aliases
SELECT entity_id, min(canonical_name), min(label), entity_id, 'new', min(partition_key)
FROM document_entities GROUP BY entity_id;

CREATE TABLE entity_merges (
    entity_id       VARCHAR PRIMARY KEY,
    merged_into     VARCHAR NOT NULL,
    partition_key   VARCHAR NOT NULL
);
