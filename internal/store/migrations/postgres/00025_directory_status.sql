-- +goose Up
-- Organisations: a registry identifier (national business ID, as the
-- registry writes it), a status instead of deletion (active, merged into
-- another organisation, closed), and when and by whom the entry was last
-- verified, apart from when it last changed. People get the verifier too.
-- Existing organisations count as verified on the day they last changed.
ALTER TABLE organisations ADD COLUMN registry_id TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE organisations ADD COLUMN merged_into_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE organisations ADD COLUMN verified_at TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
UPDATE organisations SET verified_at = to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD');
CREATE INDEX organisations_registry_id ON organisations (registry_id);
CREATE INDEX organisations_verified_at ON organisations (verified_at);
ALTER TABLE people ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE people DROP COLUMN verified_by;
DROP INDEX organisations_verified_at;
DROP INDEX organisations_registry_id;
ALTER TABLE organisations DROP COLUMN verified_by;
ALTER TABLE organisations DROP COLUMN verified_at;
ALTER TABLE organisations DROP COLUMN merged_into_id;
ALTER TABLE organisations DROP COLUMN status;
ALTER TABLE organisations DROP COLUMN registry_id;
