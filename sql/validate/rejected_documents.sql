-- What ingestion refused in this partition.
SELECT source_uri, reason, detail, doc_id, rejected_at
FROM rejected_documents
WHERE partition_key = $partition_key
