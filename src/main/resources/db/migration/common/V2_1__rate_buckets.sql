-- Token buckets shared by every instance (vendor rate limits such as Amazon's per-seller quota).
create table rate_buckets (
    bucket_key varchar(200) primary key,
    tokens     double precision not null,
    updated_at timestamp with time zone not null
);
