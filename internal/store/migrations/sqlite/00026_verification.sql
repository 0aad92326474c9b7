-- +goose Up
-- Verification by the people in the directory. A campaign mails each
-- selected person a private link; the link's token is kept only as its
-- SHA-256 (token_hash), expires, and serves one person's entry once.
CREATE TABLE verification_campaigns (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    selection  TEXT NOT NULL,
    lang       TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    sent       INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL
);
CREATE TABLE verification_links (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id INTEGER REFERENCES verification_campaigns (id) ON DELETE SET NULL,
    person_id   INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    lang        TEXT NOT NULL,
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    used_at     DATETIME
);
CREATE INDEX verification_links_person ON verification_links (person_id);
CREATE INDEX verification_links_expires ON verification_links (expires_at);

-- Proposed changes to a directory entry, from the person themself (by
-- their link) or from anyone (a suggested correction), waiting for the
-- secretariat: changes is a JSON list of {field, before, after}; kind is
-- change or erase (an erasure request). proposer_email is optional.
CREATE TABLE directory_proposals (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    record_type    TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    record_label   TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    source         TEXT NOT NULL,
    changes        TEXT NOT NULL DEFAULT '[]',
    note           TEXT NOT NULL DEFAULT '',
    proposer_email TEXT NOT NULL DEFAULT '',
    state          TEXT NOT NULL DEFAULT 'pending',
    decided_by     TEXT NOT NULL DEFAULT '',
    decided_at     DATETIME,
    created_at     DATETIME NOT NULL
);
CREATE INDEX directory_proposals_state ON directory_proposals (state, created_at);
CREATE INDEX directory_proposals_record ON directory_proposals (record_type, record_id);

-- +goose Down
DROP TABLE directory_proposals;
DROP TABLE verification_links;
DROP TABLE verification_campaigns;
