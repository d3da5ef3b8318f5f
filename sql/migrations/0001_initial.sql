-- Warehouse schema 1.0.0, the first migration (see ../shared/spec/claims.md section 3).
-- Later changes are new numbered files beside this one; never edit an applied migration.
-- Every fact table carries partition_key so a partition can be replaced as a unit.
-- Span columns are lists of [start, end) character offsets into documents.text:
-- substr(text, s.start + 1, s."end" - s.start) returns the fragment.

CREATE TABLE documents (
    doc_id          VARCHAR PRIMARY KEY,
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

-- Canonical entities per document, as the extractor resolved them; `entities` is derived.
CREATE TABLE document_entities (
    doc_id          VARCHAR NOT NULL,
    entity_id       VARCHAR NOT NULL,
    canonical_name  VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    partition_key   VARCHAR NOT NULL
);

CREATE TABLE entities (
    entity_id       VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    n_mentions      INTEGER NOT NULL,
    n_documents     INTEGER NOT NULL
);

CREATE TABLE mentions (
    mention_id      VARCHAR PRIMARY KEY,
    doc_id          VARCHAR NOT NULL,
    entity_id       VARCHAR NOT NULL,
    "start"         INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    partition_key   VARCHAR NOT NULL
);

CREATE TABLE claims (
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

CREATE TABLE claim_mentions (
    claim_id        VARCHAR NOT NULL,
    mention_id      VARCHAR NOT NULL,
    partition_key   VARCHAR NOT NULL
);

CREATE TABLE rejected_documents (
    source_uri      VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    detail          VARCHAR NOT NULL,
    doc_id          VARCHAR,
    rejected_at     TIMESTAMPTZ NOT NULL,
    partition_key   VARCHAR NOT NULL
);

-- One row per partition load: what produced the rows now in the warehouse.
CREATE TABLE runs (
    run_id             VARCHAR NOT NULL,
    partition_key      VARCHAR NOT NULL,
    loaded_at          TIMESTAMPTZ NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    model              VARCHAR NOT NULL,
    n_documents        INTEGER NOT NULL,
    n_rejected         INTEGER NOT NULL,
    n_claims           INTEGER NOT NULL,
    n_mentions         INTEGER NOT NULL
);

-- One row per published release.
CREATE TABLE releases (
    version          VARCHAR PRIMARY KEY,
    created_at       TIMESTAMPTZ NOT NULL,
    run_id           VARCHAR NOT NULL,
    schema_version   VARCHAR NOT NULL,
    n_documents      INTEGER NOT NULL,
    n_claims         INTEGER NOT NULL,
    n_entities       INTEGER NOT NULL,
    manifest_sha256  VARCHAR NOT NULL
);
