-- Amazon orders polling: per merchant, the LastUpdatedAfter of the next getOrders (Amazon's LastUpdatedBefore of the
-- last complete poll). Only ever moves forward; an order seen twice is deduplicated by the ledger's source event ids.
create table amazon_order_watermarks (
    merchant_id        uuid primary key references merchants (id),
    seller_id          varchar(32) not null,
    last_updated_after timestamp with time zone not null,
    polled_at          timestamp with time zone not null
);
