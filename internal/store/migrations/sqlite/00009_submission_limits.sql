-- +goose Up
-- The network a pending submission was sent from (an IPv4 address or an
-- IPv6 /64), for the cap on pending submissions per address; cleared once
-- the event has left moderation.
ALTER TABLE submissions ADD COLUMN submitter_addr TEXT NOT NULL DEFAULT '';
CREATE INDEX submissions_addr ON submissions (submitter_addr);
-- The changes made with the manage link on one UTC day (edit_day,
-- YYYY-MM-DD): at most calendar.MaxEditsPerDay.
ALTER TABLE submissions ADD COLUMN edit_day TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN edit_count INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE submissions DROP COLUMN edit_count;
ALTER TABLE submissions DROP COLUMN edit_day;
DROP INDEX submissions_addr;
ALTER TABLE submissions DROP COLUMN submitter_addr;
