-- The key compliance reports are signed with (docs/compliance.md) when none is configured: an Ed25519
-- key pair made at the first report and kept here, so every report of this installation verifies
-- with one published public key. flagledger.compliance.signing-key (a PKCS#8 PEM file) takes precedence.
create table compliance_signing_key (
    key_id      varchar(64)              not null primary key,
    private_key text                     not null,
    public_key  text                     not null,
    created_at  timestamp with time zone not null
);
