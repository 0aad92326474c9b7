-- +goose Up
-- Curated networks and documents (issue 18). A network is archived or
-- merged into another instead of deleted, so its page and links keep
-- working. Memberships have from/to dates: an ended membership stays on
-- record, and only one open membership per member and network may exist.
-- Documents get texts per language (like networks), several languages,
-- topics, an optional uploaded PDF (in the database, so that every instance
-- sees it and a backup holds it), and attachments to events. The tables an
-- event page shows (documents, their texts, event_documents) move the
-- change stamp like the calendar's own tables (see 00006).
ALTER TABLE networks ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE networks ADD COLUMN merged_into_id BIGINT REFERENCES networks (id) ON DELETE SET NULL;

ALTER TABLE network_members ADD COLUMN from_date TEXT NOT NULL DEFAULT '';
ALTER TABLE network_members ADD COLUMN to_date TEXT NOT NULL DEFAULT '';
DROP INDEX network_members_org;
DROP INDEX network_members_person;
CREATE UNIQUE INDEX network_members_org_open ON network_members (network_id, organisation_id) WHERE to_date = '';
CREATE UNIQUE INDEX network_members_person_open ON network_members (network_id, person_id) WHERE to_date = '';
CREATE INDEX network_members_network ON network_members (network_id);

ALTER TABLE documents ADD COLUMN original_lang TEXT NOT NULL DEFAULT 'en';
ALTER TABLE documents ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
UPDATE documents SET original_lang = lang WHERE lang IN ('en', 'fi', 'sv', 'da', 'no');
UPDATE documents SET type = 'legislation' WHERE type = 'convention';

CREATE TABLE document_texts (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (document_id, lang)
);
INSERT INTO document_texts (document_id, lang, title, summary) SELECT id, original_lang, title, '' FROM documents;

CREATE TABLE document_languages (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, lang)
);
CREATE INDEX document_languages_lang ON document_languages (lang);
INSERT INTO document_languages (document_id, lang, position) SELECT id, lang, 0 FROM documents;

CREATE TABLE document_topics (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    topic       TEXT NOT NULL,
    PRIMARY KEY (document_id, topic)
);
CREATE INDEX document_topics_topic ON document_topics (topic);

CREATE TABLE document_files (
    document_id BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    filename    TEXT NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT NOT NULL,
    content     BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE event_documents (
    event_id    BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_documents_document ON event_documents (document_id);

CREATE TRIGGER documents_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON documents FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER document_texts_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON document_texts FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER event_documents_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_documents FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();

-- +goose Down
DROP TRIGGER event_documents_stamp ON event_documents;
DROP TRIGGER document_texts_stamp ON document_texts;
DROP TRIGGER documents_stamp ON documents;
DROP TABLE event_documents;
DROP TABLE document_files;
DROP TABLE document_topics;
DROP TABLE document_languages;
DROP TABLE document_texts;
UPDATE documents SET type = 'convention' WHERE type = 'legislation';
ALTER TABLE documents DROP COLUMN status;
ALTER TABLE documents DROP COLUMN original_lang;
DROP INDEX network_members_network;
DROP INDEX network_members_person_open;
DROP INDEX network_members_org_open;
DELETE FROM network_members WHERE to_date <> '';
CREATE UNIQUE INDEX network_members_org ON network_members (network_id, organisation_id);
CREATE UNIQUE INDEX network_members_person ON network_members (network_id, person_id);
ALTER TABLE network_members DROP COLUMN to_date;
ALTER TABLE network_members DROP COLUMN from_date;
ALTER TABLE networks DROP COLUMN merged_into_id;
ALTER TABLE networks DROP COLUMN status;
