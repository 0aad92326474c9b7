-- +goose Up
-- Who cancelled a registered event: 'submitter' (with the manage link) or
-- 'secretariat'; empty while it is not cancelled. An organiser may undo
-- only a cancellation of their own.
ALTER TABLE submissions ADD COLUMN cancelled_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE submissions DROP COLUMN cancelled_by;
