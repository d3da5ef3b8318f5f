-- The partition's documents with their stored lengths and checksums recomputed; one chunk
-- of doc_ids at a time ($doc_from inclusive, $doc_below exclusive, NULL = unbounded).
SELECT
    doc_id, source_uri, lang, year(published_at) AS published_year, n_chars, ingested_at,
    length(text) = n_chars AS n_chars_matches_text,
    sha256(text) = content_sha256 AS checksum_matches_text
FROM documents
WHERE partition_key = $partition_key
    AND doc_id >= coalesce($doc_from, doc_id) AND doc_id < coalesce($doc_below, doc_id || '~')
