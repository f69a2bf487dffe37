-- RFM, version 1: recency, frequency and monetary value per customer over a lookback window, each scored 1 to 5, and
-- the customer's named segment.
--
-- Input: the view events of one merchant. Parameters: $1 the merchant's time zone (IANA), $2 the as-of local date,
-- $3 the lookback in days (the window is the $3 local days ending with $2), $4 the currency (orders in others are left
-- out: money of two currencies is not added up).
--
-- Per customer (orders without a customerId are left out), over orders placed in the window (an order id counts once):
--   recency   = days from the customer's last order in the window to the as-of date (0: ordered that day)
--   frequency = orders in the window
--   monetary  = their gross sales less discounts, less what was refunded on them up to the as-of date
--
-- Scores by rank, ties handled: a metric's distinct values are ranked (k = 1 for the worst of n: the longest recency,
-- the lowest frequency or monetary) and scored 1 + floor(5 (k - 1) / (n - 1)), at most 5; with one distinct value
-- everyone scores 1. Equal values therefore always get the same score (an NTILE over customers would split a tie
-- arbitrarily), the worst value scores 1 and the best 5 whenever there are two values or more, and the distinct values
-- fall into five groups as equal as they can be. Integer arithmetic: no double rounding at the group edges.
--
-- Segments: FM = the average of F and M, rounded half up; the first rule of the table below that holds for (R, FM)
-- names the segment. The rules cover all 25 (R, FM) pairs; the table is here and nowhere else.
with segment_rules (priority, segment, r_min, r_max, fm_min, fm_max) as (
    values
        (1, 'Champions', 5, 5, 4, 5),
        (2, 'Loyal', 3, 4, 4, 5),
        (3, 'Potential Loyalist', 4, 5, 2, 3),
        (4, 'New', 5, 5, 1, 1),
        (5, 'Promising', 4, 4, 1, 1),
        (6, 'Need Attention', 3, 3, 3, 3),
        (7, 'About To Sleep', 3, 3, 1, 2),
        (8, 'Can''t Lose Them', 1, 2, 5, 5),
        (9, 'At Risk', 1, 2, 3, 4),
        (10, 'Lost', 1, 1, 1, 1),
        (11, 'Hibernating', 1, 2, 1, 2)
),
placed as (
    select
        payload ->> '$.orderId' as order_id,
        payload ->> '$.customerId' as customer_id,
        payload ->> '$.currency' as currency,
        cast(timezone($1, occurred_at) as date) as day,
        cast(coalesce(payload ->> '$.discount', '0') as decimal(18, 4)) as order_discount,
        from_json(payload -> '$.lines', '[{"quantity":"BIGINT","unitPrice":"VARCHAR","discount":"VARCHAR"}]') as lines,
        row_number() over (partition by payload ->> '$.orderId' order by occurred_at, event_id) as nth
    from events
    where type = 'order_placed'
),
orders as (
    select
        order_id, customer_id, day,
        (select coalesce(sum(l.quantity * cast(l.unitPrice as decimal(18, 4))), 0) from unnest(lines) as t(l))
            - order_discount
            - (select coalesce(sum(cast(coalesce(l.discount, '0') as decimal(18, 4))), 0) from unnest(lines) as t(l))
            as value
    from placed
    where nth = 1
        and customer_id is not null
        and currency = $4
        and day between cast($2 as date) - (cast($3 as integer) - 1) and cast($2 as date)
),
refunds as (
    select
        payload ->> '$.orderId' as order_id,
        cast(payload ->> '$.amount' as decimal(18, 4)) as amount,
        row_number() over (
            partition by coalesce(payload ->> '$.refundId', event_id) order by occurred_at, event_id) as nth
    from events
    where type = 'order_refunded' and cast(timezone($1, occurred_at) as date) <= cast($2 as date)
),
refunded as (
    select order_id, sum(amount) as amount from refunds where nth = 1 group by order_id
),
customers as (
    select
        o.customer_id,
        cast(cast($2 as date) - max(o.day) as bigint) as recency_days,
        count(*) as frequency,
        cast(sum(o.value - coalesce(r.amount, 0)) as decimal(18, 4)) as monetary
    from orders o
    left join refunded r on r.order_id = o.order_id
    group by o.customer_id
),
recency_values as (
    select v, row_number() over (order by v desc) as k, count(*) over () as n
    from (select distinct recency_days as v from customers)
),
frequency_values as (
    select v, row_number() over (order by v) as k, count(*) over () as n
    from (select distinct frequency as v from customers)
),
monetary_values as (
    select v, row_number() over (order by v) as k, count(*) over () as n
    from (select distinct monetary as v from customers)
),
scored as (
    select
        c.*,
        case when rv.n = 1 then 1 else least(5, 1 + (5 * (rv.k - 1)) // (rv.n - 1)) end as r,
        case when fv.n = 1 then 1 else least(5, 1 + (5 * (fv.k - 1)) // (fv.n - 1)) end as f,
        case when mv.n = 1 then 1 else least(5, 1 + (5 * (mv.k - 1)) // (mv.n - 1)) end as m
    from customers c
    join recency_values rv on rv.v = c.recency_days
    join frequency_values fv on fv.v = c.frequency
    join monetary_values mv on mv.v = c.monetary
),
segmented as (
    select
        s.*,
        (s.f + s.m + 1) // 2 as fm,
        (select rule.segment from segment_rules rule
            where s.r between rule.r_min and rule.r_max
                and (s.f + s.m + 1) // 2 between rule.fm_min and rule.fm_max
            order by rule.priority limit 1) as segment
    from scored s
)
select
    customer_id,
    recency_days,
    frequency,
    monetary,
    cast(r as integer) as r,
    cast(f as integer) as f,
    cast(m as integer) as m,
    cast(fm as integer) as fm,
    segment
from segmented
order by (select priority from segment_rules where segment_rules.segment = segmented.segment), monetary desc, customer_id
