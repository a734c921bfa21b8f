-- The append-only log: entries, the Merkle tree's perfect subtree hashes and the tree size after
-- each append. Flyway runs this as the schema owner. ${service_role} is the role the service
-- connects as, and it may only INSERT and SELECT these tables.

CREATE TABLE audit_entries (
    leaf_index        bigint      PRIMARY KEY CHECK (leaf_index >= 0),
    event_id          text        NOT NULL UNIQUE,
    event_type        text        NOT NULL,
    event_source      text        NOT NULL,
    event_time        timestamptz,
    subject_digest    text,
    subject_image     text,
    subject_namespace text,
    subject_name      text,
    -- The RFC 8785 canonical JSON of the entry, the bytes that the leaf hash covers.
    entry             bytea       NOT NULL,
    leaf_hash         bytea       NOT NULL CHECK (octet_length(leaf_hash) = 32),
    appended_at       timestamptz NOT NULL DEFAULT now()
);

-- Search keys end in leaf_index, so a page continues after the last index of the previous one.
CREATE INDEX audit_entries_digest_idx ON audit_entries (subject_digest, leaf_index)
    WHERE subject_digest IS NOT NULL;
CREATE INDEX audit_entries_image_idx ON audit_entries (subject_image, leaf_index)
    WHERE subject_image IS NOT NULL;
CREATE INDEX audit_entries_namespace_idx ON audit_entries (subject_namespace, leaf_index)
    WHERE subject_namespace IS NOT NULL;
CREATE INDEX audit_entries_type_idx ON audit_entries (event_type, leaf_index);
CREATE INDEX audit_entries_time_idx ON audit_entries (event_time, leaf_index);
CREATE INDEX audit_entries_leaf_hash_idx ON audit_entries (leaf_hash);

-- Node (level, index) covers leaves index * 2^level up to (index + 1) * 2^level. Level 0 contains
-- the leaf hashes. A node is inserted by the append that completes it.
CREATE TABLE audit_nodes (
    node_level smallint NOT NULL CHECK (node_level BETWEEN 0 AND 62),
    node_index bigint   NOT NULL CHECK (node_index >= 0),
    hash       bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (node_level, node_index)
);

-- One row per append transaction. The tree size is the largest tree_size, and 0 without rows.
CREATE TABLE audit_tree_sizes (
    tree_size   bigint      PRIMARY KEY CHECK (tree_size > 0),
    appended_at timestamptz NOT NULL DEFAULT now()
);

-- Rejects every change other than INSERT. Statement-level triggers fire even when no row matches.
CREATE FUNCTION audit_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % is not allowed: the audit log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- An entry's leaf index must follow an existing one, so the indexes have no gaps. Rows inserted
-- earlier by the same statement are visible here.
CREATE FUNCTION audit_check_next_leaf() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.leaf_index > 0
        AND NOT EXISTS (SELECT 1 FROM audit_entries WHERE leaf_index = NEW.leaf_index - 1) THEN
        RAISE EXCEPTION 'leaf index % is not next: leaf % is missing',
            NEW.leaf_index, NEW.leaf_index - 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

-- A tree size must grow and count exactly the stored entries.
CREATE FUNCTION audit_check_tree_size() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit_tree_sizes WHERE tree_size >= NEW.tree_size)
        OR NOT EXISTS (SELECT 1 FROM audit_entries WHERE leaf_index = NEW.tree_size - 1)
        OR EXISTS (SELECT 1 FROM audit_entries WHERE leaf_index = NEW.tree_size) THEN
        RAISE EXCEPTION 'tree size % does not follow the stored size and entries', NEW.tree_size
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entries_next_leaf BEFORE INSERT ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_check_next_leaf();
CREATE TRIGGER audit_tree_sizes_next_size BEFORE INSERT ON audit_tree_sizes
    FOR EACH ROW EXECUTE FUNCTION audit_check_tree_size();

CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_nodes_append_only BEFORE UPDATE OR DELETE ON audit_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_nodes_no_truncate BEFORE TRUNCATE ON audit_nodes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_tree_sizes_append_only BEFORE UPDATE OR DELETE ON audit_tree_sizes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_tree_sizes_no_truncate BEFORE TRUNCATE ON audit_tree_sizes
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

-- ENABLE ALWAYS: the triggers fire under session_replication_role = replica too, which would skip
-- triggers in the default ENABLE (ORIGIN) state.
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_next_leaf;
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_append_only;
ALTER TABLE audit_entries ENABLE ALWAYS TRIGGER audit_entries_no_truncate;
ALTER TABLE audit_nodes ENABLE ALWAYS TRIGGER audit_nodes_append_only;
ALTER TABLE audit_nodes ENABLE ALWAYS TRIGGER audit_nodes_no_truncate;
ALTER TABLE audit_tree_sizes ENABLE ALWAYS TRIGGER audit_tree_sizes_next_size;
ALTER TABLE audit_tree_sizes ENABLE ALWAYS TRIGGER audit_tree_sizes_append_only;
ALTER TABLE audit_tree_sizes ENABLE ALWAYS TRIGGER audit_tree_sizes_no_truncate;

REVOKE ALL ON audit_entries, audit_nodes, audit_tree_sizes FROM PUBLIC;
GRANT SELECT, INSERT ON audit_entries, audit_nodes, audit_tree_sizes TO ${service_role};
