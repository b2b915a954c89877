-- Personal data under per-subject keys (docs/privacy.md, docs/decisions/0008). A subject (an actor, or
-- an end user named by a targeting key) has one random key; every personal value of theirs in
-- commands, events and read models is sealed under it. Erasing the subject deletes the row, after
-- which those values read as "[erased]". The row is found by a keyed hash of the subject (lookup),
-- never by the subject itself; key_material is sealed under the encryption-at-rest keyring when one is
-- configured.
create table subject_key (
    key_id       varchar(32)              primary key,
    lookup       varchar(64)              not null,
    subject_kind varchar(10)              not null,
    key_material bytea                    not null,
    created_at   timestamp with time zone not null,
    constraint subject_key_lookup unique (lookup),
    constraint subject_key_kind check (subject_kind in ('ACTOR', 'USER'))
);

-- Names and e-mail addresses are stored sealed from now on, which makes them longer.
alter table audit_entry alter column actor_name set data type varchar(4000);
alter table audit_entry alter column scheduled_by_name set data type varchar(4000);
alter table audit_entry add column actor_email varchar(4000);
alter table scheduled_flag_change alter column scheduled_by_name set data type varchar(4000);
alter table scheduled_flag_change alter column cancelled_by_name set data type varchar(4000);

-- Raw SDK events are kept for a configurable time (flagledger.privacy.sdk-event-retention): the
-- retention job deletes by age.
create index sdk_event_received on sdk_event (received_at);
