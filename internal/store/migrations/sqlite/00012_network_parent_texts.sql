-- +goose Up
-- The body a network works under ("Nordic Council of Ministers for
-- Justice") has a name in several languages, like the network itself: it
-- moves from networks into network_texts, kept in the network's original
-- language.
ALTER TABLE network_texts ADD COLUMN parent_body TEXT NOT NULL DEFAULT '';
INSERT INTO network_texts (network_id, lang, name, description, parent_body)
SELECT n.id, n.original_lang, '', '', '' FROM networks n
WHERE n.parent_body <> ''
  AND NOT EXISTS (SELECT 1 FROM network_texts t WHERE t.network_id = n.id AND t.lang = n.original_lang);
UPDATE network_texts SET parent_body = (SELECT n.parent_body FROM networks n WHERE n.id = network_texts.network_id)
WHERE lang = (SELECT n.original_lang FROM networks n WHERE n.id = network_texts.network_id);
ALTER TABLE networks DROP COLUMN parent_body;

-- +goose Down
ALTER TABLE networks ADD COLUMN parent_body TEXT NOT NULL DEFAULT '';
UPDATE networks SET parent_body = COALESCE((SELECT t.parent_body FROM network_texts t
  WHERE t.network_id = networks.id AND t.lang = networks.original_lang), '');
ALTER TABLE network_texts DROP COLUMN parent_body;
