-- One row of figures describing a partition ($partition_key NULL: the whole warehouse), compared release over release to catch drift
-- (a broken model or a broken feed) even when every row is valid.
WITH docs AS (
    SELECT count(*) AS n_documents,
           coalesce(sum(len(regexp_extract_all(text, '\w+'))), 0) AS n_words
    FROM documents WHERE ($partition_key IS NULL OR partition_key = $partition_key)
),
cl AS (
    SELECT count(*) AS n_claims,
           count(*) FILTER (WHERE source_entity_id IS NOT NULL) AS n_resolved,
           count(*) FILTER (WHERE hedged) AS n_hedged
    FROM claims WHERE ($partition_key IS NULL OR partition_key = $partition_key)
),
-- Duplicates are left out of the rejected share: a feed re-sending stories is normal, while a
-- jump in empty, undecodable or non-English input means the feed broke.
rej AS (
    SELECT count(*) FILTER (WHERE reason <> 'duplicate') AS n_rejected, count(*) AS n_refused
    FROM rejected_documents WHERE ($partition_key IS NULL OR partition_key = $partition_key)
)
SELECT
    docs.n_documents, docs.n_words, cl.n_claims, rej.n_rejected,
    1000.0 * cl.n_claims / nullif(docs.n_words, 0) AS claims_per_1000_words,
    cl.n_resolved / nullif(cl.n_claims, 0)::DOUBLE AS resolved_source_share,
    cl.n_hedged / nullif(cl.n_claims, 0)::DOUBLE AS hedged_share,
    rej.n_rejected / nullif(docs.n_documents + rej.n_refused, 0)::DOUBLE AS rejected_share
FROM docs, cl, rej
