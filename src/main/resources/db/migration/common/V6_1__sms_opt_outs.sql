-- SMS recipients who replied STOP to a merchant's Twilio number (or whom Twilio reported as unsubscribed, error
-- 21610): no SMS goes to them until they reply START. Keyed by merchant and E.164 number, as Twilio keeps opt-outs per
-- sender account rather than per destination.
create table sms_opt_outs (
    merchant_id  uuid not null references merchants (id),
    phone_number varchar(16) not null,
    opted_out_at timestamp with time zone not null,
    source       varchar(32) not null,
    primary key (merchant_id, phone_number)
);
