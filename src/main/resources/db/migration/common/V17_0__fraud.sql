-- Fraud scoring (ADR 34) and the sandbox commerce generator's ground truth.

-- The generator's label of each order it made: whether the story ends it in a chargeback, and which pattern
-- (ring-<n>, friendly_fraud, none). Kept so an operator can judge a fraud rule set against the truth.
create table sandbox_commerce_labels (
    merchant_id uuid not null references merchants (id),
    order_id    varchar(100) not null,
    chargeback  boolean not null,
    pattern     varchar(40) not null,
    seed        bigint not null,
    created_at  timestamp with time zone not null,
    primary key (merchant_id, order_id)
);

-- A merchant's fraud rule sets: every change is a new version; the highest is in force. Without any row the
-- built-in default (analytics/fraud/default-rules.json) is in force as version 0.
create table fraud_rule_sets (
    merchant_id uuid not null references merchants (id),
    version     integer not null,
    rules       varchar(20000) not null,
    created_at  timestamp with time zone not null,
    primary key (merchant_id, version)
);

-- Journal events the scoring pass has read, so each is read once (orders, payment attempts, returns, chargebacks).
create table fraud_seen (
    merchant_id uuid not null,
    event_id    varchar(100) not null,
    primary key (merchant_id, event_id)
);
create index fraud_journal_by_type on analytics_events (type, seq);

-- The facts of each order the features are computed from (first order_placed of an order id wins). Keys are
-- normalised: e-mail lower-cased, shipping address as country|postal code|line 1 lower-cased.
create table fraud_orders (
    merchant_id      uuid not null references merchants (id),
    order_id         varchar(100) not null,
    occurred_at      timestamp with time zone not null,
    customer_key     varchar(260),
    email            varchar(254),
    email_domain     varchar(254),
    card             varchar(128),
    ip               varchar(45),
    ip_country       varchar(2),
    billing_country  varchar(2),
    shipping_country varchar(2),
    shipping_key     varchar(400),
    distance_km      double precision,
    currency         varchar(3) not null,
    amount           decimal(18, 4) not null,
    primary key (merchant_id, order_id)
);
create index fraud_orders_by_time on fraud_orders (merchant_id, occurred_at);
create index fraud_orders_by_email on fraud_orders (merchant_id, email, occurred_at);
create index fraud_orders_by_card on fraud_orders (merchant_id, card, occurred_at);
create index fraud_orders_by_ip on fraud_orders (merchant_id, ip, occurred_at);
create index fraud_orders_by_shipping on fraud_orders (merchant_id, shipping_key, occurred_at);
create index fraud_orders_by_customer on fraud_orders (merchant_id, customer_key, occurred_at);

-- Payment attempts, returns and chargebacks by order (kind: payment_attempt, return, chargeback).
create table fraud_order_signals (
    merchant_id uuid not null references merchants (id),
    event_id    varchar(100) not null,
    kind        varchar(20) not null,
    order_id    varchar(100) not null,
    occurred_at timestamp with time zone not null,
    primary key (merchant_id, event_id)
);
create index fraud_order_signals_by_order on fraud_order_signals (merchant_id, order_id, kind);

-- Each order's score at ingest, with the rule-set version that gave it and the reasons (a JSON array).
create table fraud_scores (
    merchant_id      uuid not null references merchants (id),
    order_id         varchar(100) not null,
    score            integer not null,
    decision         varchar(10) not null,
    rule_set_version integer not null,
    reasons          varchar(8000) not null,
    scored_at        timestamp with time zone not null,
    primary key (merchant_id, order_id)
);

-- The review queue: orders scored at or above the review threshold, open until someone decides.
create table fraud_reviews (
    merchant_id uuid not null references merchants (id),
    order_id    varchar(100) not null,
    status      varchar(10) not null,
    note        varchar(1000),
    created_at  timestamp with time zone not null,
    decided_at  timestamp with time zone,
    primary key (merchant_id, order_id)
);
create index fraud_reviews_by_status on fraud_reviews (merchant_id, status, created_at);
