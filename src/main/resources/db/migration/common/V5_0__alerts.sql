-- The alert centre: one row per alert. While an alert is open, open_subject repeats its subject, so the unique key
-- allows one open alert per (merchant, type, subject) and any number of resolved ones (their open_subject is null,
-- and nulls never collide) on H2 and PostgreSQL alike.
create table alerts (
    id           uuid primary key,
    merchant_id  uuid not null references merchants (id),
    type         varchar(64) not null,
    severity     varchar(16) not null,
    subject      varchar(300) not null,
    message      varchar(1000) not null,
    details      varchar(4000) not null,
    first_seen   timestamp with time zone not null,
    last_seen    timestamp with time zone not null,
    occurrences  bigint not null,
    state        varchar(16) not null,
    open_subject varchar(300),
    resolved_at  timestamp with time zone,
    read_at      timestamp with time zone,
    constraint alerts_one_open unique (merchant_id, type, open_subject)
);
create index alerts_by_merchant on alerts (merchant_id, last_seen);
