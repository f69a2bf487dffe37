-- A channel showing less than it confirmed while an order on it may not have reached Mercator yet (Amazon lowers a
-- listing when it takes an order; the orders poll brings the order minutes later). Kept with the moment it was read,
-- so a later run calls it drift only once the orders poll has passed that moment and the row has not changed since
-- (ADR 24).
create table inventory_drift_suspects (
    merchant_id uuid not null,
    sku         varchar(100) not null,
    channel     varchar(16) not null,
    change_seq  bigint not null,
    shown       integer not null,
    seen_at     timestamp with time zone not null,
    primary key (merchant_id, sku, channel)
);
