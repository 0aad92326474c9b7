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

-- "Get these events by e-mail": one row per address and filter. token is
-- the private link (it also unsubscribes, so it is kept to be put in every
-- mail); seen maps the IDs of the events already told to their SEQUENCE,
-- and version moves with every mail, in the transaction that queues it.
-- Unconfirmed rows are deleted after a week.
CREATE TABLE mail_subscriptions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    lang       TEXT NOT NULL,
    filters    TEXT NOT NULL DEFAULT '',
    summary    TEXT NOT NULL DEFAULT '',
    token      TEXT NOT NULL UNIQUE,
    confirmed  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    digest_at  INTEGER NOT NULL DEFAULT 0,
    seen       TEXT NOT NULL DEFAULT '{}',
    version    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_subscriptions_email ON mail_subscriptions (email_key);

-- +goose Down
DROP TABLE mail_subscriptions;
DROP TABLE notify_marks;
DROP TABLE notify_settings;
