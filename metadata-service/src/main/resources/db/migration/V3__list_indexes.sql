-- Indexes for the list filters at millions of occurrences. Each list runs in one project (or, for
-- a note's occurrences, for one note) and returns rows in (create_time, name) order. So each index
-- leads with that scope, then the filtered column, then the order, and PostgreSQL reads the rows
-- of a page in order and stops after the page instead of sorting every match. The single-column
-- indexes that these replace could find the rows, but not in list order.

DROP INDEX occurrences_resource_uri_idx;
CREATE INDEX occurrences_project_resource_uri_idx
    ON occurrences (project, resource_uri, create_time, name);

DROP INDEX occurrences_kind_idx;
CREATE INDEX occurrences_project_kind_idx ON occurrences (project, kind, create_time, name);

-- Serves the occurrences of a note in any project, and the count that blocks deleting a
-- referenced note.
DROP INDEX occurrences_note_name_idx;
CREATE INDEX occurrences_note_name_created_idx ON occurrences (note_name, create_time, name);

-- The noteId filter compares the last segment of note_name, which this expression indexes.
CREATE INDEX occurrences_project_note_id_idx
    ON occurrences (project, split_part(note_name, '/', 4));

DROP INDEX notes_kind_idx;
CREATE INDEX notes_project_kind_idx ON notes (project, kind, create_time, name);
