-- The CloudEvents id of each outbox row, assigned when the row is written. The relay sends it as
-- ce_id every time it publishes the row, so a republish after a crash carries the same id and
-- consumers can drop the duplicate. Adding the column fills existing rows with distinct ids.
ALTER TABLE outbox ADD COLUMN event_id UUID NOT NULL DEFAULT gen_random_uuid();
