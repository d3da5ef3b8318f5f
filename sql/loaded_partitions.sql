-- Every partition the warehouse holds, in order (a release's provenance).
SELECT DISTINCT partition_key FROM runs ORDER BY 1
