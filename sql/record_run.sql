-- One row per partition load: which run, extractor and model produced the rows now in the warehouse.
INSERT INTO runs (run_id, partition_key, loaded_at, extractor_version, model, n_documents, n_rejected, n_claims, n_mentions)
VALUES ($run_id, $partition_key, now(), $extractor_version, $model, $n_documents, $n_rejected, $n_claims, $n_mentions)
