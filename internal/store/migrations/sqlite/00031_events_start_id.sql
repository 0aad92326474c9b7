-- +goose Up
-- The public event list pages by keyset in (start_at, id) order (see
-- calendar.Browse): this index reads a page from its cursor on, instead of
-- sorting every upcoming event of every status for each page.
CREATE INDEX events_start_id ON events (start_at, id);

-- +goose Down
DROP INDEX events_start_id;
