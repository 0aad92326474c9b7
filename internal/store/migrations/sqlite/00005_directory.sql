-- +goose Up
-- The contact directory: people, network memberships, key documents, and
-- the organisation and network fields the directory shows. The search
-- columns hold lang.Fold of the searchable text (accent- and
-- case-insensitive search); the application fills them on every write.
ALTER TABLE organisations ADD COLUMN switchboard TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE organisations ADD COLUMN search TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN secretariat_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL;
ALTER TABLE networks ADD COLUMN search TEXT NOT NULL DEFAULT '';

CREATE TABLE people (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    given_name       TEXT NOT NULL DEFAULT '',
    family_name      TEXT NOT NULL DEFAULT '',
    original_lang    TEXT NOT NULL,
    organisation_id  INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    email            TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    country          TEXT NOT NULL,
    languages        TEXT NOT NULL DEFAULT '',
    roles            TEXT NOT NULL DEFAULT '',
    visibility       TEXT NOT NULL,
    legal_basis      TEXT NOT NULL,
    legal_basis_date TEXT NOT NULL,
    verified_at      TEXT NOT NULL,
    search           TEXT NOT NULL DEFAULT '',
    sort_key         TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       DATETIME NOT NULL,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX people_visibility_sort ON people (visibility, sort_key);
CREATE INDEX people_organisation ON people (organisation_id);
CREATE INDEX people_email ON people (email);
CREATE INDEX people_verified_at ON people (verified_at);

CREATE TABLE person_titles (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    lang      TEXT NOT NULL,
    title     TEXT NOT NULL,
    PRIMARY KEY (person_id, lang)
);

CREATE TABLE network_members (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    network_id      INTEGER NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    person_id       INTEGER REFERENCES people (id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    CHECK ((organisation_id IS NULL) <> (person_id IS NULL))
);
CREATE UNIQUE INDEX network_members_org ON network_members (network_id, organisation_id);
CREATE UNIQUE INDEX network_members_person ON network_members (network_id, person_id);
CREATE INDEX network_members_person_id ON network_members (person_id);
CREATE INDEX network_members_org_id ON network_members (organisation_id);

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           TEXT NOT NULL,
    url             TEXT NOT NULL,
    lang            TEXT NOT NULL,
    country         TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE RESTRICT,
    network_id      INTEGER REFERENCES networks (id) ON DELETE RESTRICT,
    type            TEXT NOT NULL,
    date            TEXT NOT NULL,
    search          TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX documents_date ON documents (date);
CREATE INDEX documents_organisation ON documents (organisation_id);
CREATE INDEX documents_network ON documents (network_id);

-- +goose Down
DROP TABLE documents;
DROP TABLE network_members;
DROP TABLE person_titles;
DROP TABLE people;
ALTER TABLE networks DROP COLUMN search;
ALTER TABLE networks DROP COLUMN secretariat_id;
ALTER TABLE organisations DROP COLUMN search;
ALTER TABLE organisations DROP COLUMN address;
ALTER TABLE organisations DROP COLUMN switchboard;
