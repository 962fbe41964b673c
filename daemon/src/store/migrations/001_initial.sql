-- Afflux cache schema, version 1.
-- This file is the contract between the daemon (the only writer of everything below but
-- `config`) and the WordPress plugin (a read-only reader that checks PRAGMA user_version).
-- Money is always integer minor units (cents) plus an ISO 4217 currency; never floats.
-- Times are ISO 8601 UTC strings ("2026-11-21T08:00:00Z") so both languages compare them as text.
-- Every row from a network keeps the network's own fields verbatim in raw_json.

-- A programme (advertiser) the publisher has joined, with the terms shown to the blogger.
CREATE TABLE programmes (
  network           TEXT    NOT NULL,          -- adapter name: awin, effiliation, impact, cj, ...
  programme_id      TEXT    NOT NULL,          -- the network's advertiser / campaign id
  name              TEXT    NOT NULL,
  currency          TEXT,
  deeplink_enabled  INTEGER NOT NULL DEFAULT 0,
  valid_domains     TEXT    NOT NULL DEFAULT '[]', -- JSON array of host names a landing URL may use
  commission_type   TEXT,                      -- 'percentage' | 'fixed' | NULL when unknown
  commission_min    INTEGER,                   -- percentage: basis points (1250 = 12.5 %); fixed: minor units
  commission_max    INTEGER,
  cookie_days       INTEGER,
  validation_days   INTEGER,
  approval_rate_bp  INTEGER,                   -- basis points
  epc_minor         INTEGER,
  status            TEXT    NOT NULL DEFAULT 'joined',
  raw_json          TEXT    NOT NULL DEFAULT '{}',
  updated_at        TEXT    NOT NULL,
  PRIMARY KEY (network, programme_id)
);

-- A catalogue item as one network describes it.
CREATE TABLE products (
  id            INTEGER PRIMARY KEY,           -- stable local id; blocks store it
  network       TEXT    NOT NULL,
  product_key   TEXT    NOT NULL,              -- the network's product id (aw_product_id, CatalogItemId, ...)
  programme_id  TEXT    NOT NULL,
  title         TEXT    NOT NULL,
  description   TEXT    NOT NULL DEFAULT '',
  brand         TEXT    NOT NULL DEFAULT '',
  category      TEXT    NOT NULL DEFAULT '',
  image_url     TEXT    NOT NULL DEFAULT '',
  gtin          TEXT,
  mpn           TEXT,
  status        TEXT    NOT NULL DEFAULT 'active', -- 'active' | 'gone' (left the feed)
  content_hash  TEXT    NOT NULL,              -- hash of the normalised row: an unchanged re-sync skips the write
  checked_at    TEXT    NOT NULL,              -- last time the network confirmed this product
  raw_json      TEXT    NOT NULL DEFAULT '{}',
  UNIQUE (network, product_key)
);
CREATE INDEX products_gtin ON products (gtin) WHERE gtin IS NOT NULL;
CREATE INDEX products_programme ON products (network, programme_id);

-- Full-text search for the editor's product picker (external content: no copy of the text).
-- Prefix indexes for 2 and 3 characters keep a search-as-you-type query ("cas*") fast on a
-- million products.
CREATE VIRTUAL TABLE products_fts USING fts5 (
  title, brand, category,
  content = 'products', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
  INSERT INTO products_fts (rowid, title, brand, category) VALUES (new.id, new.title, new.brand, new.category);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, brand, category) VALUES ('delete', old.id, old.title, old.brand, old.category);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF title, brand, category ON products BEGIN
  INSERT INTO products_fts (products_fts, rowid, title, brand, category) VALUES ('delete', old.id, old.title, old.brand, old.category);
  INSERT INTO products_fts (rowid, title, brand, category) VALUES (new.id, new.title, new.brand, new.category);
END;

-- Where and for how much a product can be bought: one or more offers per product.
CREATE TABLE offers (
  id             INTEGER PRIMARY KEY,
  product_id     INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  offer_key      TEXT    NOT NULL DEFAULT '',  -- distinguishes several offers of one product ('' when one)
  merchant_id    TEXT    NOT NULL DEFAULT '',
  merchant_name  TEXT    NOT NULL DEFAULT '',
  landing_url    TEXT    NOT NULL,             -- the merchant's own product page (before tracking)
  tracking_url   TEXT,                         -- a ready tracking URL when the network hands one out
  price_minor    INTEGER,
  rrp_minor      INTEGER,
  currency       TEXT    NOT NULL,
  delivery_minor INTEGER,
  availability   TEXT    NOT NULL DEFAULT 'unknown', -- in_stock | out_of_stock | preorder | backorder | unknown
  promo_code     TEXT,
  checked_at     TEXT    NOT NULL,
  changed_at     TEXT    NOT NULL,             -- last time price or availability changed (drives page-cache purges)
  UNIQUE (product_id, offer_key)
);
CREATE INDEX offers_changed ON offers (changed_at);

-- Creatives supplied by the network.
CREATE TABLE banners (
  network       TEXT    NOT NULL,
  banner_id     TEXT    NOT NULL,
  programme_id  TEXT    NOT NULL,
  name          TEXT    NOT NULL DEFAULT '',
  width         INTEGER,
  height        INTEGER,
  image_url     TEXT    NOT NULL,
  landing_url   TEXT    NOT NULL,
  raw_json      TEXT    NOT NULL DEFAULT '{}',
  updated_at    TEXT    NOT NULL,
  PRIMARY KEY (network, banner_id)
);

-- How to build a tracked URL for a programme. Only adapters know a network's URL format; the
-- plugin fills the placeholders {sub_id} and {landing_url} (already URL-encoded by the filler).
CREATE TABLE link_templates (
  network        TEXT NOT NULL,
  programme_id   TEXT NOT NULL,
  template       TEXT NOT NULL,
  tracking_host  TEXT NOT NULL,                -- the only host a filled template may point to
  updated_at     TEXT NOT NULL,
  PRIMARY KEY (network, programme_id)
);

-- Commissions, normalised. status: pending | approved | paid | declined | reversed | on_hold.
CREATE TABLE transactions (
  network           TEXT    NOT NULL,
  transaction_id    TEXT    NOT NULL,
  account_id        TEXT    NOT NULL DEFAULT '',
  programme_id      TEXT    NOT NULL DEFAULT '',
  status            TEXT    NOT NULL,
  network_status    TEXT    NOT NULL,          -- the network's own status string, verbatim
  sale_minor        INTEGER,
  commission_minor  INTEGER NOT NULL,
  currency          TEXT    NOT NULL,
  sub_id            TEXT,                      -- the placement's sub id, read back from the network
  order_ref         TEXT,
  click_at          TEXT,
  transaction_at    TEXT    NOT NULL,
  validated_at      TEXT,
  paid_at           TEXT,
  raw_json          TEXT    NOT NULL DEFAULT '{}',
  first_seen_at     TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  PRIMARY KEY (network, transaction_id)
);
CREATE INDEX transactions_sub_id ON transactions (sub_id);
CREATE INDEX transactions_date ON transactions (transaction_at);

-- Every status or amount change of a transaction, so refunds after validation stay visible.
CREATE TABLE transaction_events (
  id                INTEGER PRIMARY KEY,
  network           TEXT    NOT NULL,
  transaction_id    TEXT    NOT NULL,
  at                TEXT    NOT NULL,
  from_status       TEXT,                      -- NULL for the first sighting
  to_status         TEXT    NOT NULL,
  commission_minor  INTEGER NOT NULL,
  network_status    TEXT    NOT NULL,
  FOREIGN KEY (network, transaction_id) REFERENCES transactions (network, transaction_id)
);
CREATE INDEX transaction_events_tx ON transaction_events (network, transaction_id);

-- One row per sync attempt, for the admin's sync-health screen.
CREATE TABLE sync_runs (
  id             INTEGER PRIMARY KEY,
  network        TEXT    NOT NULL,
  kind           TEXT    NOT NULL,             -- catalogue | programmes | links | commissions
  started_at     TEXT    NOT NULL,
  finished_at    TEXT,
  status         TEXT    NOT NULL,             -- running | ok | failed
  items_seen     INTEGER NOT NULL DEFAULT 0,
  items_written  INTEGER NOT NULL DEFAULT 0,
  error          TEXT                          -- plain words, no credentials
);
CREATE INDEX sync_runs_latest ON sync_runs (network, kind, started_at);

-- Where each incremental sync left off (a date window end, a sinceCommissionId, a page token).
CREATE TABLE sync_cursors (
  network     TEXT NOT NULL,
  kind        TEXT NOT NULL,
  account_id  TEXT NOT NULL DEFAULT '',
  cursor      TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (network, kind, account_id)
);

-- Written by the plugin only: hands the daemon its accounts and settings (JSON values).
CREATE TABLE config (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
