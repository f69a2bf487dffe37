-- The unmapped references (a Shopify SKU, an Amazon seller SKU) the alert centre has been told about: a row while the
-- inventory.unmapped_aging alert is open, removed in the transaction that clears it.
create table inventory_unmapped_alerts (
    merchant_id uuid not null,
    ref_kind    varchar(32) not null,
    ref_value   varchar(100) not null,
    raised_at   timestamp with time zone not null,
    primary key (merchant_id, ref_kind, ref_value)
);
