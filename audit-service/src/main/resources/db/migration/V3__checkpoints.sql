-- Signed checkpoints: one row per checkpoint that the service signed, in the C2SP signed-note
-- format. The latest is the one with the largest tree size. Like the other tables, this one only
-- grows: the service role may INSERT and SELECT, and the triggers reject every other change.
CREATE TABLE audit_checkpoints (
    tree_size  bigint      PRIMARY KEY CHECK (tree_size >= 0),
    root_hash  bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    -- The whole signed note: checkpoint text, blank line and signature lines.
    note       text        NOT NULL,
    signed_at  timestamptz NOT NULL DEFAULT now()
);

-- A checkpoint must cover more entries than the previous one and no more than the stored tree.
CREATE FUNCTION audit_check_checkpoint() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_checkpoints WHERE tree_size >= NEW.tree_size)
        OR NEW.tree_size > (SELECT coalesce(max(tree_size), 0) FROM audit_tree_sizes) THEN
        RAISE EXCEPTION 'checkpoint tree size % does not follow the stored checkpoints and tree',
            NEW.tree_size
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_checkpoints_next BEFORE INSERT ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_check_checkpoint();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_next;
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only;
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_no_truncate;

REVOKE ALL ON audit_checkpoints FROM PUBLIC;
GRANT SELECT, INSERT ON audit_checkpoints TO ${service_role};
