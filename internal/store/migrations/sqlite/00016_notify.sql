-- +goose Up
-- How each secretariat account hears of new registrations (immediate,
-- daily or none) and in which language; see notify.Settings.
CREATE TABLE notify_settings (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mode    TEXT NOT NULL DEFAULT 'none',
    lang    TEXT NOT NULL DEFAULT ''
);
-- Marks that make a mail go out once across instances: the time of an
-- account's last digest, whether the queue is above the warning share of
-- the ceiling, the last lost-link request per address (by hash).
CREATE TABLE notify_marks (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE notify_marks;
DROP TABLE notify_settings;
