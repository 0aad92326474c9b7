-- +goose Up
-- Partner calendars (calendar.Source): an https address fetched on a
-- schedule, the defaults for what calendar files do not carry, the trust
-- level, and the health of the last syncs. Times are Unix seconds.
-- lease_token/lease_until is the sync lease: an instance takes it by one
-- conditional update, so with several instances only one syncs a source
-- at a time; an expired lease may be taken over.
CREATE TABLE sources (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    name              TEXT NOT NULL,
    url               TEXT NOT NULL,
    filter            TEXT NOT NULL DEFAULT '',
    trust             TEXT NOT NULL DEFAULT 'review',
    auto_cancel_after INTEGER NOT NULL DEFAULT 0,
    paused            BOOLEAN NOT NULL DEFAULT FALSE,
    category          TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    attendance        TEXT NOT NULL DEFAULT '',
    audience          TEXT NOT NULL DEFAULT '',
    languages         TEXT NOT NULL DEFAULT '',
    zone              TEXT NOT NULL DEFAULT '',
    lang              TEXT NOT NULL DEFAULT 'en',
    last_attempt      INTEGER NOT NULL DEFAULT 0,
    last_success      INTEGER NOT NULL DEFAULT 0,
    http_status       INTEGER NOT NULL DEFAULT 0,
    seen_count        INTEGER NOT NULL DEFAULT 0,
    new_count         INTEGER NOT NULL DEFAULT 0,
    changed_count     INTEGER NOT NULL DEFAULT 0,
    gone_count        INTEGER NOT NULL DEFAULT 0,
    error_id          TEXT NOT NULL DEFAULT '',
    error_args        TEXT NOT NULL DEFAULT '',
    failures          INTEGER NOT NULL DEFAULT 0,
    next_run          INTEGER NOT NULL DEFAULT 0,
    interval_seconds  INTEGER NOT NULL DEFAULT 0,
    etag              TEXT NOT NULL DEFAULT '',
    last_modified     TEXT NOT NULL DEFAULT '',
    lease_token       TEXT NOT NULL DEFAULT '',
    lease_until       INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_next_run ON sources (next_run);

CREATE TABLE source_organisers (
    source_id       INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, organisation_id)
);

CREATE TABLE source_networks (
    source_id  INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    PRIMARY KEY (source_id, network_id)
);

-- One row per event of a source, keyed by the source's UID: the nordcal
-- event it became, what the source said last (draft_hash) and what the
-- sync last left in the event (synced_hash), the syncs in a row it was
-- missing, and what the secretariat is asked (open: change, conflict,
-- gone; proposed: the source's version as JSON; clash: JSON).
CREATE TABLE source_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    uid         TEXT NOT NULL,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    draft_hash  TEXT NOT NULL DEFAULT '',
    synced_hash TEXT NOT NULL DEFAULT '',
    missing     INTEGER NOT NULL DEFAULT 0,
    open        TEXT NOT NULL DEFAULT '',
    proposed    TEXT NOT NULL DEFAULT '',
    clash       TEXT NOT NULL DEFAULT '',
    updated_at  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (source_id, uid)
);
CREATE INDEX source_events_event ON source_events (event_id);
CREATE INDEX source_events_open ON source_events (open, clash);

-- +goose Down
DROP TABLE source_events;
DROP TABLE source_networks;
DROP TABLE source_organisers;
DROP TABLE sources;
