-- The audit trail (ADR 25): one row per change a person or system made, never updated or deleted, each hashed over its
-- content and the previous record's hash of the same merchant. The head row names a merchant's last record; appends
-- lock it, which serialises one merchant's appends across instances.
create table audit_chain_heads (
    merchant_id uuid primary key references merchants (id),
    last_seq    bigint not null,
    last_hash   varchar(64) not null
);

create table audit_records (
    id            uuid primary key,
    merchant_id   uuid not null references merchants (id),
    seq           bigint not null,
    occurred_at   timestamp with time zone not null,
    actor         varchar(100) not null,
    request_id    varchar(128),
    subject       varchar(300) not null,
    action        varchar(100) not null,
    before_state  varchar(16000),
    after_state   varchar(16000),
    previous_hash varchar(64) not null,
    hash          varchar(64) not null,
    constraint audit_records_one_per_seq unique (merchant_id, seq)
);
create index audit_records_by_time on audit_records (merchant_id, occurred_at);
create index audit_records_all_by_time on audit_records (occurred_at);
