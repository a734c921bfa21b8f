-- Grafeas v1 projects, notes and occurrences, and the outbox of occurrence events.
--
-- Notes and occurrences are stored whole, as the Grafeas v1 REST JSON of io.grafeas.v1.Note and
-- io.grafeas.v1.Occurrence, in "body". The other columns copy the fields that lookups, filters and
-- foreign keys need, so that no query has to look inside the JSON.

CREATE TABLE projects (
    name        TEXT        PRIMARY KEY,
    create_time TIMESTAMPTZ NOT NULL
);

CREATE TABLE notes (
    name        TEXT        PRIMARY KEY,
    project     TEXT        NOT NULL REFERENCES projects (name),
    kind        TEXT        NOT NULL,
    body        JSONB       NOT NULL,
    create_time TIMESTAMPTZ NOT NULL,
    update_time TIMESTAMPTZ NOT NULL
);

-- List calls return a project's notes in creation order.
CREATE INDEX notes_project_created_idx ON notes (project, create_time, name);
CREATE INDEX notes_kind_idx ON notes (kind);

CREATE TABLE occurrences (
    name         TEXT        PRIMARY KEY,
    project      TEXT        NOT NULL REFERENCES projects (name),
    -- An occurrence may reference a note in another project, such as a provider's project.
    note_name    TEXT        NOT NULL REFERENCES notes (name),
    note_project TEXT        NOT NULL,
    resource_uri TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    body         JSONB       NOT NULL,
    create_time  TIMESTAMPTZ NOT NULL,
    update_time  TIMESTAMPTZ NOT NULL
);

CREATE INDEX occurrences_project_created_idx ON occurrences (project, create_time, name);
CREATE INDEX occurrences_resource_uri_idx ON occurrences (resource_uri);
CREATE INDEX occurrences_note_name_idx ON occurrences (note_name);
CREATE INDEX occurrences_kind_idx ON occurrences (kind);

-- Events written in the same transaction as the change they report. A relay publishes the rows
-- with a null published_at in id order and then sets published_at.
CREATE TABLE outbox (
    id             BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    aggregate_name TEXT        NOT NULL,
    event_type     TEXT        NOT NULL,
    payload        JSONB       NOT NULL,
    created        TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
