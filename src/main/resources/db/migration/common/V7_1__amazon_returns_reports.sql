-- Amazon returns reports (ADR 23): per merchant and report type, the end of the last data window applied. The next
-- window starts report-overlap before it, so rows Amazon adds late are still read; rows read twice are applied once
-- (inventory_returns.dedup_key). Moved in the transaction that applies the document, so a crash repeats the window.
create table amazon_return_watermarks (
    merchant_id uuid not null references merchants (id),
    report_type varchar(64) not null,
    data_end    timestamp with time zone not null,
    polled_at   timestamp with time zone not null,
    primary key (merchant_id, report_type)
);

-- What Amazon holds per seller SKU (FBA Inventory getInventorySummaries): shown beside physical, never broadcast.
create table inventory_fba_pool (
    merchant_id   uuid not null references merchants (id),
    seller_sku    varchar(100) not null,
    fulfillable   integer not null,
    unfulfillable integer not null,
    total         integer not null,
    read_at       timestamp with time zone not null,
    primary key (merchant_id, seller_sku)
);
