-- The partition's 20 most quoted source entities. split_name names the pair when another
-- person source of the partition has a name whose words contain its words or are contained
-- in them, ending in the same word ("Trump" and "Donald Trump"); junk_name is the name when
-- it does not start with a capital, holds a digit or a line break, or is long and in
-- capitals. Both are NULL for a good name.
WITH sources AS (
    SELECT e.entity_id, e.canonical_name, e.label, count(*) AS n_claims,
           string_split(lower(regexp_replace(e.canonical_name, '[^\w\s]', '', 'g')), ' ') AS words
    FROM claims c JOIN entities e ON e.entity_id = c.source_entity_id
    WHERE c.partition_key = $partition_key
    GROUP BY e.entity_id, e.canonical_name, e.label
),
top AS (
    SELECT * FROM sources ORDER BY n_claims DESC, canonical_name LIMIT 20
)
SELECT
    t.canonical_name AS source_entity,
    t.n_claims,
    CASE WHEN t.label = 'PERSON' THEN (
        SELECT t.canonical_name || ' / ' || min(o.canonical_name) FROM sources o
        WHERE o.entity_id <> t.entity_id AND o.label = 'PERSON' AND o.words[-1] = t.words[-1]
          AND (list_has_all(o.words, t.words) OR list_has_all(t.words, o.words))
    ) END AS split_name,
    CASE WHEN NOT regexp_matches(t.canonical_name, '^[[:upper:]]')
              OR regexp_matches(t.canonical_name, '[0-9\n]')
              OR (length(t.canonical_name) > 6 AND upper(t.canonical_name) = t.canonical_name)
         THEN t.canonical_name END AS junk_name
FROM top t
