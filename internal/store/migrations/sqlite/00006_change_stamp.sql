-- +goose Up
-- One counter that every change to what calendars show moves forward, in
-- the same transaction as the change: feeds and cached pages use it as their
-- cache key, so a change made through any instance or process is seen by all
-- at once. A counter, unlike the newest updated_at, does not depend on the
-- clocks of several instances agreeing and also moves on deletes.
CREATE TABLE change_stamp (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO change_stamp (id, n) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER events_stamp_insert AFTER INSERT ON events BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_stamp_update AFTER UPDATE ON events BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_stamp_delete AFTER DELETE ON events BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_texts_stamp_insert AFTER INSERT ON event_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_texts_stamp_update AFTER UPDATE ON event_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_texts_stamp_delete AFTER DELETE ON event_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_organisers_stamp_insert AFTER INSERT ON event_organisers BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_organisers_stamp_update AFTER UPDATE ON event_organisers BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_organisers_stamp_delete AFTER DELETE ON event_organisers BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_networks_stamp_insert AFTER INSERT ON event_networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_networks_stamp_update AFTER UPDATE ON event_networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_networks_stamp_delete AFTER DELETE ON event_networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_topics_stamp_insert AFTER INSERT ON event_topics BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_topics_stamp_update AFTER UPDATE ON event_topics BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_topics_stamp_delete AFTER DELETE ON event_topics BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_stamp_insert AFTER INSERT ON organisations BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_stamp_update AFTER UPDATE ON organisations BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisations_stamp_delete AFTER DELETE ON organisations BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_names_stamp_insert AFTER INSERT ON organisation_names BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_names_stamp_update AFTER UPDATE ON organisation_names BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organisation_names_stamp_delete AFTER DELETE ON organisation_names BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER networks_stamp_insert AFTER INSERT ON networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER networks_stamp_update AFTER UPDATE ON networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER networks_stamp_delete AFTER DELETE ON networks BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER network_texts_stamp_insert AFTER INSERT ON network_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER network_texts_stamp_update AFTER UPDATE ON network_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER network_texts_stamp_delete AFTER DELETE ON network_texts BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER protected_dates_stamp_insert AFTER INSERT ON protected_dates BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER protected_dates_stamp_update AFTER UPDATE ON protected_dates BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER protected_dates_stamp_delete AFTER DELETE ON protected_dates BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER events_stamp_insert;
DROP TRIGGER events_stamp_update;
DROP TRIGGER events_stamp_delete;
DROP TRIGGER event_texts_stamp_insert;
DROP TRIGGER event_texts_stamp_update;
DROP TRIGGER event_texts_stamp_delete;
DROP TRIGGER event_organisers_stamp_insert;
DROP TRIGGER event_organisers_stamp_update;
DROP TRIGGER event_organisers_stamp_delete;
DROP TRIGGER event_networks_stamp_insert;
DROP TRIGGER event_networks_stamp_update;
DROP TRIGGER event_networks_stamp_delete;
DROP TRIGGER event_topics_stamp_insert;
DROP TRIGGER event_topics_stamp_update;
DROP TRIGGER event_topics_stamp_delete;
DROP TRIGGER organisations_stamp_insert;
DROP TRIGGER organisations_stamp_update;
DROP TRIGGER organisations_stamp_delete;
DROP TRIGGER organisation_names_stamp_insert;
DROP TRIGGER organisation_names_stamp_update;
DROP TRIGGER organisation_names_stamp_delete;
DROP TRIGGER networks_stamp_insert;
DROP TRIGGER networks_stamp_update;
DROP TRIGGER networks_stamp_delete;
DROP TRIGGER network_texts_stamp_insert;
DROP TRIGGER network_texts_stamp_update;
DROP TRIGGER network_texts_stamp_delete;
DROP TRIGGER protected_dates_stamp_insert;
DROP TRIGGER protected_dates_stamp_update;
DROP TRIGGER protected_dates_stamp_delete;
DROP TABLE change_stamp;
