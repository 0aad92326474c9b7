-- +goose Up
-- span_days is how many days an event's last local day lies after its
-- first (0 for a one-day event). Most events are short, so the clash
-- check looks back one week for every event and 61 days (an event runs
-- at most 60) only for the long ones, which the partial indexes hold (one
-- for the check itself, one for the dates of the same category that the
-- free-date suggestions avoid). The store's query repeats their condition
-- word for word so that both engines use them; change them together.
ALTER TABLE events ADD COLUMN span_days INTEGER NOT NULL DEFAULT 0;
UPDATE events SET span_days = end_day::date - start_day::date;
CREATE INDEX events_long_days ON events (status, start_day, end_day) WHERE span_days > 7;
CREATE INDEX events_long_category_days ON events (status, category, start_day, end_day) WHERE span_days > 7;

-- +goose Down
DROP INDEX events_long_category_days;
DROP INDEX events_long_days;
ALTER TABLE events DROP COLUMN span_days;
