-- Deal Scout scores (ADR 30): the latest score of each observed listing against its comparable pool, with the
-- evidence it was scored on. Deleting an observation (an eBay account deletion) deletes its score and removes it from
-- every other score's evidence.
create table dealscout_scores (
    observation_id  uuid primary key references dealscout_observations (id) on delete cascade,
    merchant_id     uuid not null references merchants (id),
    product_key     varchar(600),
    pool_key        varchar(700),
    total_price     numeric(14, 2) not null,
    currency        varchar(3) not null,
    verdict         varchar(16) not null,
    score           integer not null,
    components      varchar(1000) not null,
    discount        double precision not null,
    robust_z        double precision not null,
    market_value    numeric(14, 2),
    interval_low    numeric(14, 2),
    interval_high   numeric(14, 2),
    coverage        double precision,
    spread          double precision,
    comps_n         integer,
    effective_n     double precision,
    outliers        integer,
    method          varchar(16),
    borrowed_from   varchar(700),
    thin            boolean not null,
    oldest_comp_at  timestamp with time zone,
    newest_comp_at  timestamp with time zone,
    net_margins     varchar(2000) not null,
    scored_at       timestamp with time zone not null
);
create index dealscout_scores_by_merchant on dealscout_scores (merchant_id, score);

-- The comps a score used (its evidence), capped per score by mercator.dealscout.deals.max-evidence-comps.
create table dealscout_score_comps (
    observation_id uuid not null references dealscout_scores (observation_id) on delete cascade,
    comp_id        uuid not null references dealscout_observations (id) on delete cascade,
    primary key (observation_id, comp_id)
);

-- Every pool a scored listing's value can come from (its key chain, finest first): a comp joining one of these pools
-- may move the listing's value, so these rows say which listings to rescore.
create table dealscout_score_pools (
    observation_id uuid not null references dealscout_scores (observation_id) on delete cascade,
    pool_key       varchar(700) not null,
    primary key (observation_id, pool_key)
);
create index dealscout_score_pools_by_key on dealscout_score_pools (pool_key);
