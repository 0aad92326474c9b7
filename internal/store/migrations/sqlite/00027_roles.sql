-- +goose Up
-- Roles as records ("National coordinator against human trafficking,
-- Iceland"): a title per language, organisation, country, topics, an
-- optional functional mailbox, and the people who held the role over time.
-- A role outlives its holders: ending a holding keeps the row (to_day set).
CREATE TABLE directory_roles (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    slug            TEXT NOT NULL UNIQUE,
    original_lang   TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    country         TEXT NOT NULL,
    topics          TEXT NOT NULL DEFAULT '',
    mailbox         TEXT NOT NULL DEFAULT '',
    retired         BOOLEAN NOT NULL DEFAULT FALSE,
    search          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX directory_roles_country ON directory_roles (country);
CREATE TABLE directory_role_titles (
    role_id INTEGER NOT NULL REFERENCES directory_roles (id) ON DELETE CASCADE,
    lang    TEXT NOT NULL,
    title   TEXT NOT NULL,
    PRIMARY KEY (role_id, lang)
);
CREATE TABLE directory_role_holders (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id   INTEGER NOT NULL REFERENCES directory_roles (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    from_day  TEXT NOT NULL,
    to_day    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX directory_role_holders_role ON directory_role_holders (role_id);
CREATE INDEX directory_role_holders_person ON directory_role_holders (person_id);

-- +goose Down
DROP TABLE directory_role_holders;
DROP TABLE directory_role_titles;
DROP TABLE directory_roles;
