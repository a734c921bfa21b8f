-- Search and compliance-page columns derived from the stored entry bytes. They are stored generated
-- columns, so PostgreSQL computes them from `entry` at every insert and, when this migration adds
-- them, for the rows already stored, in the table rewrite of ALTER TABLE, which fires no UPDATE
-- trigger. They cannot disagree with the bytes that the leaf hash covers, and the service's INSERT
-- does not name them.

-- The entry as jsonb. Entries are RFC 8785 JSON in UTF-8 and never change, so the result depends
-- on the argument alone in a UTF8 database. PostgreSQL declares convert_from STABLE, because its
-- result can depend on the server encoding, so this function declares the immutability itself.
-- NOTE: a log database in another server encoding may decode non-ASCII strings differently.
CREATE FUNCTION audit_entry_json(entry bytea) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT convert_from(entry, 'UTF8')::jsonb $$;

-- Every image digest that an entry is about: its subject's, and for an admission decision the
-- digest of each image of the workload, which the subject leaves out when there are several.
CREATE FUNCTION audit_entry_digests(entry bytea) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
        SELECT coalesce(array_agg(DISTINCT digests.digest ORDER BY digests.digest), '{}')
        FROM audit_entry_json(entry) AS j,
            LATERAL (
                SELECT j #>> '{subject,digest}' AS digest
                UNION ALL
                SELECT image ->> 'digest'
                FROM jsonb_array_elements(
                    CASE WHEN j ->> 'type' = 'dev.custos.admission.decision'
                              AND jsonb_typeof(j #> '{data,images}') = 'array'
                         THEN j #> '{data,images}' ELSE '[]'::jsonb END) AS image
            ) AS digests
        WHERE digests.digest IS NOT NULL
    $$;

ALTER TABLE audit_entries
    ADD COLUMN decision text
        GENERATED ALWAYS AS (audit_entry_json(entry) ->> 'decision') STORED,
    -- True for an admission decision whose workload carried the breakglass annotation.
    ADD COLUMN breakglass boolean
        GENERATED ALWAYS AS (
            audit_entry_json(entry) ->> 'type' = 'dev.custos.admission.decision'
            AND coalesce(audit_entry_json(entry) #> '{data,breakglass}' = 'true'::jsonb, false)
        ) STORED,
    ADD COLUMN digests text[]
        GENERATED ALWAYS AS (audit_entry_digests(entry)) STORED;

-- Search by digest looks in `digests`, which includes the subject's digest.
-- NOTE: a GIN index returns matches unordered, so a page of a digest with many entries sorts all of
-- them by leaf index.
CREATE INDEX audit_entries_digests_idx ON audit_entries USING gin (digests);
CREATE INDEX audit_entries_decision_idx ON audit_entries (decision, leaf_index)
    WHERE decision IS NOT NULL;
CREATE INDEX audit_entries_breakglass_idx ON audit_entries (leaf_index) WHERE breakglass;
