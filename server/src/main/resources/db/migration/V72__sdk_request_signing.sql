-- Signing secrets of SDK keys that require signed requests (docs/webhooks.md). Not in any event (the
-- server reads them back to verify HMACs); sealed under the encryption-at-rest keyring when one is
-- configured; replaced when the secret is rotated.
create table sdk_signing_secret (
    key_id     varchar(64)              primary key,
    secret     bytea                    not null,
    updated_at timestamp with time zone not null
);
