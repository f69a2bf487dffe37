-- Deal Scout scans and observations (ADR 28).
-- A saved scan: what to search on which marketplaces, and how often. interval_seconds is what the merchant asked for;
-- effective_interval_seconds what the budget planner grants today (never shorter), with interval_reason saying why
-- when they differ. next_run_at is always on the scan's own phase (stagger_seconds), so scans spread over the minute.
create table dealscout_scans (
    id                         uuid primary key,
    merchant_id                uuid not null references merchants (id),
    name                       varchar(120) not null,
    keywords                   varchar(300) not null,
    category_id                varchar(12),
    condition_ids              varchar(200) not null,
    min_price                  numeric(14, 2),
    max_price                  numeric(14, 2),
    currency                   varchar(3) not null,
    marketplaces               varchar(100) not null,
    buying_format              varchar(16) not null,
    auction_within_hours       integer,
    interval_seconds           integer not null,
    effective_interval_seconds integer not null,
    interval_reason            varchar(300),
    stagger_seconds            integer not null,
    calls_per_run              integer not null,
    next_run_at                timestamp with time zone not null,
    created_at                 timestamp with time zone not null,
    updated_at                 timestamp with time zone not null
);
create index dealscout_scans_by_merchant on dealscout_scans (merchant_id, created_at);
create index dealscout_scans_due on dealscout_scans (next_run_at);

-- Scanner health per scan and marketplace: a scan that keeps failing is blind, and says so.
create table dealscout_scan_health (
    scan_id              uuid not null references dealscout_scans (id) on delete cascade,
    marketplace          varchar(16) not null,
    last_run_at          timestamp with time zone,
    last_good_at         timestamp with time zone,
    consecutive_failures integer not null,
    last_error           varchar(500),
    last_error_at        timestamp with time zone,
    alerted              boolean not null,
    primary key (scan_id, marketplace)
);

-- Every listing a merchant's scans (or the merchant) saw, once per marketplace and listing id. price and shipping are
-- the latest; dealscout_price_history keeps one row per change. vanished_at is set when a scan that covered the
-- listing no longer finds it (cleared if it comes back): survival evidence for its last price.
create table dealscout_observations (
    id              uuid primary key,
    merchant_id     uuid not null references merchants (id),
    marketplace     varchar(64) not null,
    listing_id      varchar(200) not null,
    title           varchar(500) not null,
    condition_id    varchar(8),
    category_id     varchar(12),
    price           numeric(14, 2) not null,
    shipping        numeric(14, 2),
    currency        varchar(3) not null,
    seller_username varchar(100),
    url             varchar(2000),
    buying_format   varchar(16) not null,
    ends_at         timestamp with time zone,
    source          varchar(16) not null,
    first_seen_at   timestamp with time zone not null,
    last_seen_at    timestamp with time zone not null,
    vanished_at     timestamp with time zone,
    constraint dealscout_observations_once unique (merchant_id, marketplace, listing_id)
);
create index dealscout_observations_by_seller on dealscout_observations (marketplace, seller_username);
create index dealscout_observations_by_seen on dealscout_observations (merchant_id, last_seen_at);

create table dealscout_price_history (
    id             uuid primary key,
    observation_id uuid not null references dealscout_observations (id) on delete cascade,
    price          numeric(14, 2) not null,
    shipping       numeric(14, 2),
    currency       varchar(3) not null,
    observed_at    timestamp with time zone not null
);
create index dealscout_price_history_by_observation on dealscout_price_history (observation_id, observed_at);

-- Which scan found which listing on which marketplace: a complete run that no longer returns one marks it vanished.
-- Emptied for a scan whose search changes, since its old results say nothing about the new search.
create table dealscout_scan_sightings (
    scan_id        uuid not null references dealscout_scans (id) on delete cascade,
    observation_id uuid not null references dealscout_observations (id) on delete cascade,
    marketplace    varchar(16) not null,
    primary key (scan_id, observation_id)
);
