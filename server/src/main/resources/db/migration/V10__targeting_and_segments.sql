-- Targeting per flag and environment (the whole value, as FlagTargetingChanged carries it) and the
-- segment read model. Both are disposable views, rebuilt by replaying the store.
alter table flag_environment_view add column targeting text;

create table segment_view (
    segment_id  varchar(64)              primary key,
    project_key varchar(63)              not null,
    segment_key varchar(128)             not null,
    name        varchar(200)             not null,
    description varchar(2000)            not null,
    definition  text                     not null,
    archived    boolean                  not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint segment_view_key unique (project_key, segment_key)
);
