-- eBay Marketplace Account Deletion notifications (ADR 27), one row per notification id: the replay guard and the
-- proof that each request was received and carried out. Only SHA-256 hashes of the username and user id are kept,
-- since the point is that the user's data goes; a hash still answers "was this user's deletion handled?".
create table dealscout_ebay_account_deletions (
    notification_id varchar(200) primary key,
    username_hash   varchar(64) not null,
    user_id_hash    varchar(64) not null,
    event_date      timestamp with time zone,
    received_at     timestamp with time zone not null,
    erased_at       timestamp with time zone,
    erased_rows     integer
);
create index dealscout_ebay_account_deletions_by_user on dealscout_ebay_account_deletions (username_hash);
