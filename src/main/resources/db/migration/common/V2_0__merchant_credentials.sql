-- Credentials Mercator keeps for merchants (marketplace tokens, API secrets). The whole field map is JSON encrypted with
-- AES-256-GCM bound to (merchant_id, name); nothing is stored in plaintext. key_id repeats the key id inside the
-- ciphertext so rows still under an old key are found without decrypting anything (see CredentialReencryption).
create table merchant_credentials (
    merchant_id uuid not null references merchants (id),
    name        varchar(50) not null,
    ciphertext  text not null,
    key_id      varchar(8) not null,
    updated_at  timestamp with time zone not null,
    primary key (merchant_id, name)
);

create index merchant_credentials_by_key on merchant_credentials (key_id);
