-- +goose Up
-- One counter that every change to what calendars show moves forward, in
-- the same transaction as the change: feeds and cached pages use it as their
-- cache key, so a change made through any instance is seen by all at once.
-- A counter, unlike the newest updated_at, does not depend on the clocks of
-- several instances agreeing and also moves on deletes. Statement-level
-- triggers bump it once per statement, not per row.
CREATE TABLE change_stamp (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO change_stamp (id, n) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION bump_change_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER events_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER event_texts_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_texts FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER event_organisers_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_organisers FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER event_networks_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_networks FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER event_topics_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_topics FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER organisations_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER organisation_names_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_names FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER networks_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON networks FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER network_texts_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_texts FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();
CREATE TRIGGER protected_dates_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON protected_dates FOR EACH STATEMENT EXECUTE FUNCTION bump_change_stamp();

-- +goose Down
DROP TRIGGER events_stamp ON events;
DROP TRIGGER event_texts_stamp ON event_texts;
DROP TRIGGER event_organisers_stamp ON event_organisers;
DROP TRIGGER event_networks_stamp ON event_networks;
DROP TRIGGER event_topics_stamp ON event_topics;
DROP TRIGGER organisations_stamp ON organisations;
DROP TRIGGER organisation_names_stamp ON organisation_names;
DROP TRIGGER networks_stamp ON networks;
DROP TRIGGER network_texts_stamp ON network_texts;
DROP TRIGGER protected_dates_stamp ON protected_dates;
DROP FUNCTION bump_change_stamp();
DROP TABLE change_stamp;
