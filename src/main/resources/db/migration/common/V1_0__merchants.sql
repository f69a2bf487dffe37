-- Tenants and their API keys. Keys are stored as SHA-256 hashes only (see ApiKeys).
create table merchants (
    id          uuid primary key,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table api_keys (
    id          uuid primary key,
    merchant_id uuid not null references merchants (id),
    key_hash    varchar(64) not null unique,
    key_hint    varchar(16) not null,
    label       varchar(100),
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);

create index api_keys_by_merchant on api_keys (merchant_id);
