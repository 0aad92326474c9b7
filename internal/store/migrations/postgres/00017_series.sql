-- +goose Up
-- Recurring series (calendar/series.go). A series is one master row with its
-- rule (rrule: the RRULE value; rdates and exdates: recurrence keys joined by
-- commas) and, written with it, one row per occurrence within the horizon:
-- series_id is the master, recurrence_key the occurrence's original
-- wall-clock start (20270202T100000, or 20270202 for whole days), and
-- overridden marks an occurrence changed on its own, which a save of the
-- series keeps. Lists read occurrences and single events (rrule = '');
-- feeds read masters and overrides.
ALTER TABLE events ADD COLUMN rrule TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN rdates TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN exdates TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN series_id BIGINT REFERENCES events (id) ON DELETE CASCADE;
ALTER TABLE events ADD COLUMN recurrence_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN overridden BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX events_series ON events (series_id, recurrence_key);

-- +goose Down
DROP INDEX events_series;
ALTER TABLE events DROP COLUMN overridden;
ALTER TABLE events DROP COLUMN recurrence_key;
ALTER TABLE events DROP COLUMN series_id;
ALTER TABLE events DROP COLUMN exdates;
ALTER TABLE events DROP COLUMN rdates;
ALTER TABLE events DROP COLUMN rrule;
