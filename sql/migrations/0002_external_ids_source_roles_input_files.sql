-- Warehouse schema 2.0.0 (../shared/spec/claims.md section 3, schema version 2):
-- documents.external_id after doc_id, claims.source_role after source_entity, the
-- input_files table, and source_uri relative to the folder that held the input.
-- DuckDB's ADD COLUMN only appends, so documents and claims are rebuilt with the new
-- column in place; the views are recreated by the writer after every migration.

CREATE TABLE documents_v2 (
    doc_id          VARCHAR PRIMARY KEY,
    external_id     VARCHAR,
    source_uri      VARCHAR NOT NULL,
    outlet          VARCHAR,
    title           VARCHAR,
    published_at    DATE,
    lang            VARCHAR NOT NULL,
    text            VARCHAR NOT NULL,
    n_chars         INTEGER NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    ingested_at     TIMESTAMPTZ NOT NULL,
    partition_key   VARCHAR NOT NULL
);
INSERT INTO documents_v2 BY NAME SELECT * FROM documents;
DROP TABLE documents;
ALTER TABLE documents_v2 RENAME TO documents;

CREATE TABLE claims_v2 (
    claim_id           VARCHAR PRIMARY KEY,
    doc_id             VARCHAR NOT NULL,
    sentence_index     INTEGER NOT NULL,
    cue_text           VARCHAR NOT NULL,
    cue_lemma          VARCHAR NOT NULL,
    cue_spans          STRUCT("start" INTEGER, "end" INTEGER)[] NOT NULL,
    source_text        VARCHAR,
    source_spans       STRUCT("start" INTEGER, "end" INTEGER)[] NOT NULL,
    source_entity_id   VARCHAR,
    source_entity      VARCHAR,
    source_role        VARCHAR,
    source_kind        VARCHAR NOT NULL,
    via_text           VARCHAR,
    via_spans          STRUCT("start" INTEGER, "end" INTEGER)[] NOT NULL,
    via_entity_id      VARCHAR,
    via_entity         VARCHAR,
    content_text       VARCHAR NOT NULL,
    content_spans      STRUCT("start" INTEGER, "end" INTEGER)[] NOT NULL,
    quote_type         VARCHAR NOT NULL,
    hedged             BOOLEAN NOT NULL,
    time_text          VARCHAR,
    time_spans         STRUCT("start" INTEGER, "end" INTEGER)[] NOT NULL,
    claim_date         DATE,
    has_number         BOOLEAN NOT NULL,
    confidence         DOUBLE NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    partition_key      VARCHAR NOT NULL
);
INSERT INTO claims_v2 BY NAME SELECT * FROM claims;
DROP TABLE claims;
ALTER TABLE claims_v2 RENAME TO claims;

-- Schema 1 stored the absolute path of the machine that ran the job. Rows a later run
-- reloads get the full relative path; until then an inbox file keeps <day>/<name> (what it
-- is relative to the inbox) and any other file its name, with its #L line if it had one.
UPDATE documents SET source_uri = coalesce(
    nullif(regexp_extract(source_uri, '/inbox/([0-9]{4}-[0-9]{2}-[0-9]{2}/.+)$', 1), ''),
    regexp_extract(source_uri, '[^/]+$'))
WHERE source_uri LIKE '/%';
UPDATE rejected_documents SET source_uri = coalesce(
    nullif(regexp_extract(source_uri, '/inbox/([0-9]{4}-[0-9]{2}-[0-9]{2}/.+)$', 1), ''),
    regexp_extract(source_uri, '[^/]+$'))
WHERE source_uri LIKE '/%';

-- Every file a partition read, with its checksum: the provenance of the inputs. No key:
-- two inputs of one run may share a name (--input a/x.txt --input b/x.txt).
CREATE TABLE input_files (
    source_uri      VARCHAR NOT NULL,
    bytes           BIGINT NOT NULL,
    sha256          VARCHAR NOT NULL,
    partition_key   VARCHAR NOT NULL
);
