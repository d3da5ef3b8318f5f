-- One row per release; a release reused for unchanged data keeps the row of the run that made it.
INSERT OR IGNORE INTO releases (version, created_at, run_id, schema_version, n_documents, n_claims, n_entities, manifest_sha256)
VALUES ($version, now(), $run_id, $schema_version, $n_documents, $n_claims, $n_entities, $manifest_sha256)
