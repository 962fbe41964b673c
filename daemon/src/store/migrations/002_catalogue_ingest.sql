-- Afflux cache schema, version 2: a leaner catalogue ingest (raw_json without repeats, a full-text
-- index built once after a first import).
--
-- A feed row's description, URLs and title are more than half of its bytes, and they were
-- stored twice (in their columns and in raw_json). From this version, products.raw_json holds
-- the network's fields verbatim except those whose value a column holds byte for byte; this
-- table names that column, per network, so the verbatim row can still be put back together:
-- every field listed here and absent from a product's raw_json has the value of its column
-- (for an `offers.` column: the product's only offer). A field whose value the adapter changed
-- (trimmed, a fallback image) stays in raw_json. Rows are only ever added: a field's column
-- never changes for a network. Rows written before this version keep their full raw_json until
-- the next sync rewrites them.
CREATE TABLE raw_field_columns (
  network      TEXT NOT NULL,
  field        TEXT NOT NULL,                  -- the network's own field name (aw_product_id, ...)
  column_name  TEXT NOT NULL,                  -- 'products.title', 'offers.landing_url', ...
  PRIMARY KEY (network, field)
) WITHOUT ROWID;

-- A first import into an empty catalogue builds the full-text index once at the end (one
-- 'rebuild' is several times cheaper than a trigger per row). While a row is in this table the
-- full-text triggers do nothing; the transaction that rebuilds the index deletes it, so a
-- reader sees either no hits for the products of a first import still running or all of them.
-- A daemon that stopped mid-import finds the row on its next run and rebuilds then.
CREATE TABLE products_fts_deferred (
  since  TEXT NOT NULL                         -- when the first import started
);

DROP TRIGGER products_fts_insert;
DROP TRIGGER products_fts_delete;
DROP TRIGGER products_fts_update;
CREATE TRIGGER products_fts_insert AFTER INSERT ON products
WHEN NOT EXISTS (SELECT 1 FROM products_fts_deferred) BEGIN
  INSERT INTO products_fts (rowid, title, brand, category) VALUES (new.id, new.title, new.brand, new.category);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products
WHEN NOT EXISTS (SELECT 1 FROM products_fts_deferred) BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, brand, category) VALUES ('delete', old.id, old.title, old.brand, old.category);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF title, brand, category ON products
WHEN NOT EXISTS (SELECT 1 FROM products_fts_deferred) BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, brand, category) VALUES ('delete', old.id, old.title, old.brand, old.category);
  INSERT INTO products_fts (rowid, title, brand, category) VALUES (new.id, new.title, new.brand, new.category);
END;
