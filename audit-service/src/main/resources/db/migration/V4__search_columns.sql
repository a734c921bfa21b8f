-- Search columns for the compliance page and GET /v1/log/search. The service fills them at append
-- time from the entry it appends, like the subject columns. They hold the entry's decision, whether
-- it is an admission decision with the breakglass annotation, and every image digest it is about:
-- the subject's, and for an admission decision each image's, which the subject leaves out when the
-- workload has several. They serve search only. The leaf hash covers the entry bytes alone, so
-- these columns prove nothing, and a verifier reads the entry.
ALTER TABLE audit_entries
    ADD COLUMN decision   text,
    ADD COLUMN breakglass boolean NOT NULL DEFAULT false,
    ADD COLUMN digests    text[]  NOT NULL DEFAULT '{}';

-- Fill the new columns of the rows stored before this migration from their entry bytes. The
-- append-only trigger rejects every UPDATE, so the migration, running as the owner of the table,
-- disables it for this one statement in its own transaction and enables it again as ENABLE ALWAYS.
-- The statement changes no column that the leaf hash covers.
ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only;

UPDATE audit_entries AS stored
SET decision = parsed.json ->> 'decision',
    breakglass = parsed.json ->> 'type' = 'dev.custos.admission.decision'
        AND coalesce(parsed.json #> '{data,breakglass}' = 'true'::jsonb, false),
    digests = (
        SELECT coalesce(array_agg(DISTINCT digest ORDER BY digest), '{}')
        FROM (
            SELECT parsed.json #>> '{subject,digest}' AS digest
            UNION ALL
            SELECT image ->> 'digest'
            FROM jsonb_array_elements(
                CASE WHEN parsed.json ->> 'type' = 'dev.custos.admission.decision'
                          AND jsonb_typeof(parsed.json #> '{data,images}') = 'array'
                     THEN parsed.json #> '{data,images}' ELSE '[]'::jsonb END) AS image
        ) AS found
        WHERE digest IS NOT NULL)
FROM (SELECT leaf_index, convert_from(entry, 'UTF8')::jsonb AS json FROM audit_entries) AS parsed
WHERE parsed.leaf_index = stored.leaf_index;

ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;

-- Search by digest looks in `digests`, which includes the subject's digest.
-- NOTE: a GIN index returns matches unordered, so a page of a digest with many entries sorts all of
-- them by leaf index.
CREATE INDEX audit_entries_digests_idx ON audit_entries USING gin (digests);
CREATE INDEX audit_entries_decision_idx ON audit_entries (decision, leaf_index)
    WHERE decision IS NOT NULL;
CREATE INDEX audit_entries_breakglass_idx ON audit_entries (leaf_index) WHERE breakglass;
