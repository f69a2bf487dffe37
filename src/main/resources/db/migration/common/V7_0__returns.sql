-- Returns by disposition (ADR 23). One row per returned line, whatever its source (an Amazon report row, a Shopify
-- return line, a call to POST /api/returns or the returns webhook). dedup_key makes each source's fact count once:
-- an FBA report row is keyed by order id, SKU, license plate number, return date and its position among identical
-- rows, so a report delivered twice or read over overlapping windows adds nothing.
create table inventory_returns (
    id                   uuid primary key,
    merchant_id          uuid not null references merchants (id),
    dedup_key            varchar(400) not null,
    origin               varchar(32) not null,
    channel              varchar(16) not null,
    fulfilled_by         varchar(16) not null,
    order_id             varchar(100) not null,
    sku                  varchar(100) not null,
    quantity             integer not null,
    reported_disposition varchar(64),
    disposition          varchar(32),
    status               varchar(32) not null,
    reason               varchar(200),
    license_plate        varchar(64),
    unit_value           numeric(14, 2),
    currency             varchar(3),
    returned_at          timestamp with time zone not null,
    claim_by             timestamp with time zone,
    held_reason          varchar(300),
    received_at          timestamp with time zone not null,
    inspected_at         timestamp with time zone,
    actor                varchar(200) not null,
    constraint inventory_returns_once unique (merchant_id, dedup_key)
);
create index inventory_returns_by_sku on inventory_returns (merchant_id, sku, returned_at);
create index inventory_returns_by_status on inventory_returns (merchant_id, status, returned_at);
create index inventory_returns_by_order on inventory_returns (merchant_id, order_id, sku);
