-- +goose Up
CREATE TABLE organisations (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    slug          TEXT NOT NULL UNIQUE,
    original_lang TEXT NOT NULL,
    abbreviation  TEXT NOT NULL DEFAULT '',
    country       TEXT NOT NULL,
    type          TEXT NOT NULL,
    website       TEXT NOT NULL DEFAULT '',
    parent_id     INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE organisation_names (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    lang            TEXT NOT NULL,
    name            TEXT NOT NULL,
    PRIMARY KEY (organisation_id, lang)
);

CREATE TABLE networks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    slug          TEXT NOT NULL UNIQUE,
    original_lang TEXT NOT NULL,
    abbreviation  TEXT NOT NULL DEFAULT '',
    parent_body   TEXT NOT NULL DEFAULT '',
    website       TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    DATETIME NOT NULL,
    updated_at    DATETIME NOT NULL
);

CREATE TABLE network_texts (
    network_id  INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (network_id, lang)
);

CREATE TABLE events (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    uid                   TEXT NOT NULL UNIQUE,
    status                TEXT NOT NULL,
    sequence              INTEGER NOT NULL DEFAULT 0,
    original_lang         TEXT NOT NULL,
    all_day               BOOLEAN NOT NULL DEFAULT FALSE,
    start_at              DATETIME NOT NULL,
    end_at                DATETIME NOT NULL,
    start_day             TEXT NOT NULL,
    end_day               TEXT NOT NULL,
    zone                  TEXT NOT NULL,
    venue                 TEXT NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    city                  TEXT NOT NULL DEFAULT '',
    country               TEXT NOT NULL DEFAULT '',
    attendance            TEXT NOT NULL,
    online_url            TEXT NOT NULL DEFAULT '',
    category              TEXT NOT NULL,
    audience              TEXT NOT NULL,
    languages             TEXT NOT NULL DEFAULT '',
    registration_url      TEXT NOT NULL DEFAULT '',
    registration_deadline TEXT NOT NULL DEFAULT '',
    contact_email         TEXT NOT NULL DEFAULT '',
    public_url            TEXT NOT NULL DEFAULT '',
    search                TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            DATETIME NOT NULL,
    updated_at            DATETIME NOT NULL
);
CREATE INDEX events_status_start ON events (status, start_at);
CREATE INDEX events_end_at ON events (end_at);
CREATE INDEX events_days ON events (start_day, end_day);

CREATE TABLE event_texts (
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, lang)
);

CREATE TABLE event_organisers (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE RESTRICT,
    position        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, organisation_id)
);
CREATE INDEX event_organisers_org ON event_organisers (organisation_id);

CREATE TABLE event_networks (
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    network_id INTEGER NOT NULL REFERENCES networks (id) ON DELETE RESTRICT,
    PRIMARY KEY (event_id, network_id)
);
CREATE INDEX event_networks_network ON event_networks (network_id);

CREATE TABLE event_topics (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    topic    TEXT NOT NULL,
    PRIMARY KEY (event_id, topic)
);
CREATE INDEX event_topics_topic ON event_topics (topic);

-- +goose Down
DROP TABLE event_topics;
DROP TABLE event_networks;
DROP TABLE event_organisers;
DROP TABLE event_texts;
DROP TABLE events;
DROP TABLE network_texts;
DROP TABLE networks;
DROP TABLE organisation_names;
DROP TABLE organisations;
