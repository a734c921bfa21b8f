CREATE TABLE probe_note (
    id         BIGINT PRIMARY KEY,
    body       TEXT        NOT NULL,
    written_at TIMESTAMPTZ NOT NULL
);
