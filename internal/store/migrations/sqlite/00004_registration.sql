-- +goose Up
-- The clash check reads these keys without joining: " n<network id> t<topic> c<organiser country> ".
ALTER TABLE events ADD COLUMN facets TEXT NOT NULL DEFAULT '';
UPDATE events SET facets = ' ' ||
    COALESCE((SELECT group_concat('n' || network_id, ' ') FROM event_networks WHERE event_id = events.id) || ' ', '') ||
    COALESCE((SELECT group_concat('t' || topic, ' ') FROM event_topics WHERE event_id = events.id) || ' ', '') ||
    COALESCE((SELECT group_concat(DISTINCT 'c' || o.country) FROM event_organisers eo JOIN organisations o ON o.id = eo.organisation_id
              WHERE eo.event_id = events.id), '');
UPDATE events SET facets = replace(facets, ',', ' ') || ' ';
-- The clash check and the range views ask for planned statuses in a day range.
CREATE INDEX events_status_days ON events (status, start_day, end_day);
CREATE INDEX events_status_category_days ON events (status, category, start_day, end_day);

CREATE TABLE submissions (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id             INTEGER NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    hold                 BOOLEAN NOT NULL DEFAULT FALSE,
    lang                 TEXT NOT NULL,
    submitter_name       TEXT NOT NULL,
    submitter_email      TEXT NOT NULL,
    token_hash           TEXT NOT NULL UNIQUE,
    proposed_org_name    TEXT NOT NULL DEFAULT '',
    proposed_org_country TEXT NOT NULL DEFAULT '',
    proposed_org_website TEXT NOT NULL DEFAULT '',
    warnings             TEXT NOT NULL DEFAULT '[]',
    reason               TEXT NOT NULL DEFAULT '',
    merged_into          INTEGER REFERENCES events (id) ON DELETE SET NULL,
    withdrawn            BOOLEAN NOT NULL DEFAULT FALSE,
    decided_by           TEXT NOT NULL DEFAULT '',
    decided_at           DATETIME,
    created_at           DATETIME NOT NULL,
    updated_at           DATETIME NOT NULL
);
CREATE INDEX submissions_email ON submissions (submitter_email);

CREATE TABLE protected_dates (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    names      TEXT NOT NULL,
    first_day  TEXT NOT NULL,
    last_day   TEXT NOT NULL,
    yearly     BOOLEAN NOT NULL DEFAULT FALSE,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE protected_dates;
DROP TABLE submissions;
DROP INDEX events_status_category_days;
DROP INDEX events_status_days;
ALTER TABLE events DROP COLUMN facets;
