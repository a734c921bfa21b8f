-- The outbox to audit.log publishes the entries themselves, in leaf index order. After Kafka has
-- acknowledged a batch, the relay inserts the batch's last leaf index here. The progress is the
-- largest row, and nothing was published without rows. The service role may not UPDATE, so
-- progress is recorded by inserting, like everything else in the log.
CREATE TABLE audit_published (
    leaf_index   bigint      PRIMARY KEY CHECK (leaf_index >= 0),
    published_at timestamptz NOT NULL DEFAULT now()
);

-- Progress only grows, and only up to a stored entry.
CREATE FUNCTION audit_check_published() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_published WHERE leaf_index >= NEW.leaf_index)
        OR NOT EXISTS (SELECT 1 FROM audit_entries WHERE leaf_index = NEW.leaf_index) THEN
        RAISE EXCEPTION 'published leaf index % does not follow the stored progress and entries',
            NEW.leaf_index
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_published_next BEFORE INSERT ON audit_published
    FOR EACH ROW EXECUTE FUNCTION audit_check_published();
CREATE TRIGGER audit_published_append_only BEFORE UPDATE OR DELETE ON audit_published
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_published_no_truncate BEFORE TRUNCATE ON audit_published
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

ALTER TABLE audit_published ENABLE ALWAYS TRIGGER audit_published_next;
ALTER TABLE audit_published ENABLE ALWAYS TRIGGER audit_published_append_only;
ALTER TABLE audit_published ENABLE ALWAYS TRIGGER audit_published_no_truncate;

REVOKE ALL ON audit_published FROM PUBLIC;
GRANT SELECT, INSERT ON audit_published TO ${service_role};
