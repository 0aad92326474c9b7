-- +goose Up
-- The rest of a mail besides recipient, subject and plain text, as JSON:
-- language, Message-ID, thread, extra headers (List-Unsubscribe) and
-- attachments (.ics). Blanked with subject and body once sent or failed.
-- last_error_at (unix milliseconds) dates last_error for the dashboard.
ALTER TABLE mail_queue ADD COLUMN extra TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_queue ADD COLUMN last_error_at BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE mail_queue DROP COLUMN last_error_at;
ALTER TABLE mail_queue DROP COLUMN extra;
