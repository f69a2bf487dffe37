-- The seller flow: items to price from their photos (ADR 29).
-- status: received (queued) -> identifying -> pricing -> priced | needs_input. claimed_until is the lease of the
-- worker processing it (another instance takes over after it); version guards every transition, so two instances never
-- both write an item's answer. inputs, proposal and answer are JSON written and read by the pricing package alone.
create table dealscout_pricing_items (
    id            uuid primary key,
    merchant_id   uuid not null references merchants (id),
    status        varchar(16) not null,
    title         varchar(300),
    description   varchar(4000),
    gtin          varchar(14),
    condition_id  integer,
    category_id   varchar(12),
    currency      varchar(3) not null,
    reason        varchar(500),
    proposal      text,
    answer        text,
    claimed_until timestamp with time zone,
    version       integer not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index dealscout_pricing_items_by_merchant on dealscout_pricing_items (merchant_id, created_at);
create index dealscout_pricing_items_queue on dealscout_pricing_items (status, claimed_until);

-- An item's photos as stored (metadata stripped): the object key in the object store, in upload order from 1.
create table dealscout_pricing_photos (
    item_id    uuid not null references dealscout_pricing_items (id) on delete cascade,
    position   integer not null,
    object_key varchar(200) not null,
    media_type varchar(20) not null,
    size_bytes bigint not null,
    width      integer not null,
    height     integer not null,
    primary key (item_id, position)
);
