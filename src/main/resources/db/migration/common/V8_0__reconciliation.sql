-- Drift repair (ADR 24). One row per reconciliation run of a merchant. running_key holds the merchant's id while the
-- run is running and is null once it ends, so its unique index lets one run per merchant run at a time, across
-- instances; a run whose lease lapsed (its instance died) is closed as abandoned before the next one opens.
-- schedule_slot is the moment of the merchant's staggered hourly slot the run was opened for (null when asked for over
-- the API): unique per merchant, so of several instances exactly one runs each slot.
create table inventory_reconciliation_runs (
    id            uuid primary key,
    merchant_id   uuid not null references merchants (id),
    trigger_kind  varchar(16) not null,
    state         varchar(16) not null,
    running_key   uuid,
    schedule_slot timestamp with time zone,
    lease_until   timestamp with time zone not null,
    skus_checked  integer not null default 0,
    drifted       integer not null default 0,
    repaired      integer not null default 0,
    errors        integer not null default 0,
    skipped       integer not null default 0,
    api_calls     integer not null default 0,
    failure       varchar(500),
    started_at    timestamp with time zone not null,
    finished_at   timestamp with time zone
);
create unique index inventory_reconciliation_running on inventory_reconciliation_runs (running_key);
create unique index inventory_reconciliation_slot on inventory_reconciliation_runs (merchant_id, schedule_slot);
create index inventory_reconciliation_by_merchant on inventory_reconciliation_runs (merchant_id, started_at);

-- Every drift a run found: what Mercator last broadcast and the channel confirmed, what the channel showed instead,
-- and whether the re-push was queued (false: a change reached the row while the channel was read, so it was no drift).
create table inventory_drifts (
    run_id      uuid not null,
    merchant_id uuid not null,
    sku         varchar(100) not null,
    channel     varchar(16) not null,
    expected    integer not null,
    shown       integer not null,
    repaired    boolean not null,
    found_at    timestamp with time zone not null,
    primary key (run_id, sku, channel)
);

-- How many runs in a row found the same (SKU, channel) drifted, and which alerts the centre was told of, so each
-- raise and each clear is sent once.
create table inventory_drift_streaks (
    merchant_id   uuid not null,
    sku           varchar(100) not null,
    channel       varchar(16) not null,
    runs_in_a_row integer not null,
    info_open     boolean not null,
    warning_open  boolean not null,
    last_run_id   uuid not null,
    updated_at    timestamp with time zone not null,
    primary key (merchant_id, sku, channel)
);
