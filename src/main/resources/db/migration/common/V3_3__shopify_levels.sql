-- What Mercator knows of each Shopify inventory item's `available` (ADR 10). `expected` moves only by facts Mercator
-- has applied: Shopify orders, cancellations and refunds (in the transaction that applies them to the ledger), its own
-- writes as Shopify confirmed them, and edits accepted after a check against Shopify's own level and order list.
-- A level report never changes it: a report only asks for a check.
create table inventory_shopify_levels (
    merchant_id       uuid not null,
    inventory_item_id varchar(64) not null,
    sku               varchar(100) not null,
    -- null until anchored: Shopify's level read while still, with every event up to anchored_through in it
    expected          integer,
    anchored_through  timestamp with time zone,
    -- a check is due (a report, an applied Shopify event or a stale write asked for one); raises wait meanwhile
    check_due_at      timestamp with time zone,
    pending_since     timestamp with time zone,
    signals           bigint not null default 0,
    -- shown - expected at the last check, while they differ: an unexplained level
    gap               integer,
    gap_shown         integer,
    gap_since         timestamp with time zone,
    explained_at      timestamp with time zone,
    -- when Shopify's order list was last read for the item: not again within the patience
    asked_at          timestamp with time zone,
    checked_at        timestamp with time zone,
    -- when an explained level is read again though nothing asked (webhooks Shopify gave up on)
    recheck_at        timestamp with time zone,
    -- a write whose answer was lost: replayed with its idempotency key before anything is judged
    write_key         varchar(255),
    write_location    varchar(64),
    write_from        integer,
    write_to          integer,
    primary key (merchant_id, inventory_item_id)
);
create index inventory_shopify_levels_due on inventory_shopify_levels (check_due_at);
create index inventory_shopify_levels_recheck on inventory_shopify_levels (recheck_at);
create index inventory_shopify_levels_sku on inventory_shopify_levels (merchant_id, sku);

-- When the shop's webhooks last arrived: a gap is put to Shopify's order list once they have gone quiet (ADR 10).
create index inventory_deliveries_latest on inventory_deliveries (merchant_id, source, received_at);

-- When the source says a kept (not yet mapped) event happened, so that applying it later moves the Shopify level
-- Mercator expects only if it happened after that level's anchor.
alter table inventory_unmapped add column occurred_at timestamp with time zone;
