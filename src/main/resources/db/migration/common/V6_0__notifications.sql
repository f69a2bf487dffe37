-- Notifications: where a merchant's alerts go (destinations), which go where (rules), and the delivery ledger, one row
-- per (alert, destination) from the moment the alert is committed until the provider accepted, delivered or refused
-- it. Secrets of a destination live in the merchants' credential vault (set notify-<destination id>), not here.
create table notification_destinations (
    id              uuid primary key,
    merchant_id     uuid not null references merchants (id),
    kind            varchar(16) not null,
    name            varchar(100) not null,
    settings        varchar(4000) not null,
    secret_fields   varchar(1000) not null,
    enabled         boolean not null,
    disabled_reason varchar(500),
    disabled_at     timestamp with time zone,
    created_at      timestamp with time zone not null,
    deleted_at      timestamp with time zone
);
create index notification_destinations_by_merchant on notification_destinations (merchant_id, created_at);

create table notification_rules (
    id                  uuid primary key,
    merchant_id         uuid not null references merchants (id),
    name                varchar(100) not null,
    alert_types         varchar(2000) not null,
    min_severity        varchar(16) not null,
    time_zone           varchar(64) not null,
    quiet_start         varchar(5),
    quiet_end           varchar(5),
    quiet_holds_critical boolean not null,
    daily_cap           integer,
    mode                varchar(16) not null,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null
);
create index notification_rules_by_merchant on notification_rules (merchant_id, created_at);

create table notification_rule_destinations (
    rule_id        uuid not null references notification_rules (id) on delete cascade,
    destination_id uuid not null references notification_destinations (id) on delete cascade,
    primary key (rule_id, destination_id)
);

-- The ledger. (alert_id, destination_id) is unique, so an AlertOpened delivered twice creates nothing the second time.
-- A digest is led by one row; the rows folded into it point at it (folded_into) and follow its fate. day_key is the
-- day (in the rule's time zone) the alert counts against the destination's daily cap. in_flight is set just before the
-- provider is called and cleared with its outcome: a row whose lease ran out while in flight was perhaps sent (ADR 21).
create table notification_deliveries (
    id                  uuid primary key,
    merchant_id         uuid not null references merchants (id),
    destination_id      uuid not null references notification_destinations (id),
    rule_id             uuid,
    alert_id            uuid not null,
    notice              varchar(8000) not null,
    mode                varchar(16) not null,
    transactional       boolean not null,
    day_key             date not null,
    status              varchar(16) not null,
    attempts            integer not null,
    unknown_outcomes    integer not null,
    resends             integer not null,
    next_attempt_at     timestamp with time zone,
    lease_owner         varchar(36),
    lease_until         timestamp with time zone,
    in_flight           boolean not null,
    folded_into         uuid,
    provider_message_id varchar(200),
    error_class         varchar(64),
    last_error          varchar(1000),
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    first_attempt_at    timestamp with time zone,
    sent_at             timestamp with time zone,
    delivered_at        timestamp with time zone,
    constraint notification_deliveries_once unique (alert_id, destination_id)
);
create index notification_deliveries_due on notification_deliveries (status, next_attempt_at);
create index notification_deliveries_by_merchant on notification_deliveries (merchant_id, created_at);
create index notification_deliveries_by_destination on notification_deliveries (destination_id, day_key);
create index notification_deliveries_by_provider_id on notification_deliveries (provider_message_id);
create index notification_deliveries_folded on notification_deliveries (folded_into);

-- Provider rate-limit buckets every instance honours: no call to a bucket before held_until (after a 429, or when the
-- provider said the bucket is spent), and at most one call in flight per bucket (sender/sending_until), so two
-- instances cannot both spend the last token or both meet the same 429.
create table notification_rate_holds (
    bucket        varchar(200) primary key,
    held_until    timestamp with time zone,
    sender        varchar(36),
    sending_until timestamp with time zone
);
