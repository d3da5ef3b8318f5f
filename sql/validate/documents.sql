-- The partition's documents with their stored lengths and checksums recomputed.
SELECT
    doc_id, source_uri, lang, year(published_at) AS published_year, n_chars, ingested_at,
    length(text) = n_chars AS n_chars_matches_text,
    sha256(text) = content_sha256 AS checksum_matches_text
FROM documents
WHERE partition_key = $partition_key
