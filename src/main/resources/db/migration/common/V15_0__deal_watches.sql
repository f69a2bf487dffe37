-- Deal Scout watches, their deal alerts and the merchant's feedback on them (ADR 31).
-- A watch is on one scan or on one product (product_key: the normalised GTIN, brand/model or model code, or title
-- tokens, as dealscout.valuation.PoolKeys keys pools). target_price set: a deal is a total at or below it (in
-- currency); otherwise any deal at least min_discount below the market value and below the interval's low end.
create table dealscout_watches (
    id            uuid primary key,
    merchant_id   uuid not null references merchants (id),
    name          varchar(120) not null,
    scan_id       uuid references dealscout_scans (id) on delete cascade,
    gtin          varchar(20),
    brand         varchar(100),
    model         varchar(100),
    keywords      varchar(300),
    product_kind  varchar(8),
    product_key   varchar(300),
    target_price  numeric(14, 2),
    currency      varchar(3),
    min_discount  double precision,
    daily_cap     integer not null,
    active        boolean not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index dealscout_watches_by_merchant on dealscout_watches (merchant_id, created_at);
create index dealscout_watches_by_scan on dealscout_watches (scan_id);
create index dealscout_watches_by_product on dealscout_watches (merchant_id, product_key);

-- The hysteresis memory per (watch, listing): armed until the watch alerts on it, then disarmed until a score shows
-- the price out of the band by the re-arm margin. episode counts the alerts so far and is part of the alerts' key.
create table dealscout_watch_listings (
    watch_id       uuid not null references dealscout_watches (id) on delete cascade,
    observation_id uuid not null,
    episode        integer not null,
    armed          boolean not null,
    last_price     numeric(14, 2) not null,
    last_scored_at timestamp with time zone not null,
    primary key (watch_id, observation_id)
);

-- One row per alert a watch made: sent (raised into the alert centre), held (over the watch's daily cap, waiting for
-- the day's digest) or digested (told in the digest). The unique key makes a second alert for one entry into the band
-- impossible, whatever the listener's redeliveries or races.
create table dealscout_deal_alerts (
    id             uuid primary key,
    merchant_id    uuid not null references merchants (id),
    watch_id       uuid not null references dealscout_watches (id) on delete cascade,
    observation_id uuid not null,
    episode        integer not null,
    status         varchar(12) not null,
    day_key        date not null,
    marketplace    varchar(64) not null,
    listing_id     varchar(200) not null,
    title          varchar(500) not null,
    url            varchar(2000),
    total_price    numeric(14, 2) not null,
    currency       varchar(3) not null,
    market_value   numeric(14, 2),
    interval_low   numeric(14, 2),
    interval_high  numeric(14, 2),
    comps          integer,
    method         varchar(32),
    discount       double precision not null,
    robust_z       double precision not null,
    score          integer not null,
    scored_at      timestamp with time zone not null,
    digest_id      uuid,
    feedback       varchar(16),
    feedback_at    timestamp with time zone,
    created_at     timestamp with time zone not null,
    constraint dealscout_deal_alerts_once unique (watch_id, observation_id, episode)
);
create index dealscout_deal_alerts_by_watch_day on dealscout_deal_alerts (watch_id, day_key, status);
create index dealscout_deal_alerts_held on dealscout_deal_alerts (status, day_key);

-- Listings a watch matched that scored "too good": never alerted, listed for the merchant to check.
create table dealscout_watch_too_good (
    watch_id       uuid not null references dealscout_watches (id) on delete cascade,
    observation_id uuid not null,
    marketplace    varchar(64) not null,
    listing_id     varchar(200) not null,
    title          varchar(500) not null,
    url            varchar(2000),
    total_price    numeric(14, 2) not null,
    currency       varchar(3) not null,
    market_value   numeric(14, 2),
    robust_z       double precision not null,
    discount       double precision not null,
    scored_at      timestamp with time zone not null,
    primary key (watch_id, observation_id)
);
