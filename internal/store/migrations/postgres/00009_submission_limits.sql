-- +goose Up
-- The network a pending submission was sent from (an IPv4 address or an
-- IPv6 /64), for the cap on pending submissions per address; cleared once
-- the event has left moderation.
ALTER TABLE submissions ADD COLUMN submitter_addr TEXT NOT NULL DEFAULT '';
CREATE INDEX submissions_addr ON submissions (submitter_addr);

-- +goose Down
DROP INDEX submissions_addr;
ALTER TABLE submissions DROP COLUMN submitter_addr;
