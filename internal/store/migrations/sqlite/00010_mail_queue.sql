-- +goose Up
-- Outgoing mail (manage links), sent by a few workers; see mail.Queue.
-- Times are unix milliseconds: one encoding on both engines. A row is
-- claimed by setting lease_until and a fresh claim; once sent or failed
-- its subject and body (which hold manage links) are blanked, and the row
-- is kept two days for the per-recipient daily cap.
CREATE TABLE mail_queue (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient       TEXT NOT NULL,
    recipient_key   TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER NOT NULL DEFAULT 0,
    claim           TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    enqueued_at     INTEGER NOT NULL,
    done_at         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_queue_due ON mail_queue (status, next_attempt_at);
CREATE INDEX mail_queue_recipient ON mail_queue (recipient_key, enqueued_at);

-- +goose Down
DROP TABLE mail_queue;
