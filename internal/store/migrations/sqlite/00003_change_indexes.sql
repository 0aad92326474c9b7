-- +goose Up
-- Feeds ask for the latest change on every request (their cache key).
CREATE INDEX events_updated_at ON events (updated_at);
CREATE INDEX organisations_updated_at ON organisations (updated_at);
CREATE INDEX networks_updated_at ON networks (updated_at);

-- +goose Down
DROP INDEX networks_updated_at;
DROP INDEX organisations_updated_at;
DROP INDEX events_updated_at;
