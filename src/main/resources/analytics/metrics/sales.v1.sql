-- Sales, version 1: gross sales, discounts, refunds, net sales, orders, units, average order value, units per order and
-- new vs returning customers, per period and currency, for all channels (channel '*') and for each channel.
--
-- Input: the view events (merchant_id, event_id, type, version, occurred_at, received_at, payload) holding one
-- merchant's events. Parameters: $1 the merchant's time zone (IANA), $2 the first and $3 the last local date of the
-- range (inclusive), $4 the granularity ('day', 'week' (ISO, from Monday) or 'month'), $5 a channel or null for all.
--
-- Definitions (Shopify's, so figures compare with the shop's own reports):
--   gross sales  = sum over the lines of quantity x unit price, before any discount, of orders placed in the period
--   discounts    = line discounts + order discount of those orders
--   refunds      = refunds issued in the period, whenever their order was placed (attributed to the order's channel)
--   net sales    = gross sales - discounts - refunds
--   orders, units= orders placed in the period and their quantities
--   AOV          = (gross sales - discounts) / orders; units per order = units / orders
--   new customers = customers whose first order ever (also before the range) falls in the period; returning = those
--                  who ordered in the period and had ordered before it. Orders without a customerId count for neither.
-- An order id sent twice under two event ids counts once (the earliest); a refund likewise by its refundId.
-- Money is DECIMAL(18,4) throughout; never a double. Ratios are rounded half up to four places.
with placed as (
    select
        payload ->> '$.orderId' as order_id,
        payload ->> '$.customerId' as customer_id,
        coalesce(payload ->> '$.channel', 'unknown') as channel,
        payload ->> '$.currency' as currency,
        timezone($1, occurred_at) as local_time,
        cast(coalesce(payload ->> '$.discount', '0') as decimal(18, 4)) as order_discount,
        from_json(payload -> '$.lines', '[{"quantity":"BIGINT","unitPrice":"VARCHAR","discount":"VARCHAR"}]') as lines,
        row_number() over (partition by payload ->> '$.orderId' order by occurred_at, event_id) as nth
    from events
    where type = 'order_placed'
),
orders as (
    select
        order_id, customer_id, channel, currency, local_time,
        (select coalesce(sum(l.quantity * cast(l.unitPrice as decimal(18, 4))), 0) from unnest(lines) as t(l))
            as gross,
        order_discount
            + (select coalesce(sum(cast(coalesce(l.discount, '0') as decimal(18, 4))), 0) from unnest(lines) as t(l))
            as discount,
        (select coalesce(sum(l.quantity), 0) from unnest(lines) as t(l)) as units
    from placed
    where nth = 1
),
first_orders as (
    select customer_id, min(local_time) as first_time
    from orders
    where customer_id is not null
    group by customer_id
),
refunds as (
    select
        coalesce(o.channel, 'unknown') as channel,
        r.payload ->> '$.currency' as currency,
        timezone($1, r.occurred_at) as local_time,
        cast(r.payload ->> '$.amount' as decimal(18, 4)) as amount,
        row_number() over (
            partition by coalesce(r.payload ->> '$.refundId', r.event_id) order by r.occurred_at, r.event_id) as nth
    from events r
    left join orders o on o.order_id = r.payload ->> '$.orderId'
    where r.type = 'order_refunded'
),
facts as (
    select
        cast(date_trunc($4, o.local_time) as date) as period,
        o.channel, o.currency, o.gross, o.discount, cast(0 as decimal(18, 4)) as refund, o.units, o.order_id,
        o.customer_id,
        case
            when o.customer_id is null then null
            else date_trunc($4, f.first_time) = date_trunc($4, o.local_time)
        end as first_in_period
    from orders o
    left join first_orders f on f.customer_id = o.customer_id
    where cast(o.local_time as date) between $2 and $3
    union all
    select
        cast(date_trunc($4, local_time) as date), channel, currency, 0, 0, amount, 0, null, null, null
    from refunds
    where nth = 1 and cast(local_time as date) between $2 and $3
),
totals as (
    select
        period,
        currency,
        coalesce(channel, '*') as channel,
        sum(gross) as gross_sales,
        sum(discount) as discounts,
        sum(refund) as refunds,
        count(order_id) as orders,
        sum(units) as units,
        count(distinct customer_id) filter (where first_in_period) as new_customers,
        count(distinct customer_id) filter (where not first_in_period) as returning_customers
    from facts
    where $5 is null or channel = $5
    group by grouping sets ((period, currency), (period, currency, channel))
)
select
    period,
    currency,
    channel,
    cast(gross_sales as decimal(18, 4)) as gross_sales,
    cast(discounts as decimal(18, 4)) as discounts,
    cast(refunds as decimal(18, 4)) as refunds,
    cast(gross_sales - discounts - refunds as decimal(18, 4)) as net_sales,
    orders,
    cast(units as bigint) as units,
    -- Ratios in exact integer arithmetic on ten-thousandths, rounded half up: DuckDB divides decimals as doubles.
    case when orders = 0 then null
        else cast(cast((cast((gross_sales - discounts) * 10000 as hugeint) * 2 + orders) // (2 * orders)
            as decimal(38, 0)) * 0.0001 as decimal(18, 4))
    end as average_order_value,
    case when orders = 0 then null
        else cast(cast((cast(units as hugeint) * 20000 + orders) // (2 * orders) as decimal(38, 0)) * 0.0001
            as decimal(18, 4))
    end as units_per_order,
    new_customers,
    returning_customers
from totals
order by period, currency, channel = '*' desc, channel
