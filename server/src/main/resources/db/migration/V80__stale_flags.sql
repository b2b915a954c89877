-- Stale flags (docs/stale-flags.md).

-- A flag's kind on the flag-state read model. Every flag is a release until a FlagKindChanged says
-- otherwise, which also holds for every flag stored before kinds existed.
alter table flag_view add column kind varchar(20) default 'RELEASE' not null;

-- The flag-lifecycle read model (projections/stale, FlagLifecycleProjection): per flag its kind, when
-- a person last changed it, what it serves (JSON, for recomputing) and whether, and since when, it
-- serves one variation to everyone in every environment. Disposable: rebuilt by replaying the store.
create table flag_lifecycle (
    flag_id         varchar(64)              primary key,
    project_key     varchar(63)              not null,
    flag_key        varchar(128)             not null,
    name            varchar(200)             not null,
    kind            varchar(20)              not null,
    archived        boolean                  not null,
    created_at      timestamp with time zone not null,
    last_changed_at timestamp with time zone not null,
    serving         text                     not null,
    uniform_variant varchar(64),
    uniform_since   timestamp with time zone,
    constraint flag_lifecycle_key unique (project_key, flag_key)
);

create table flag_lifecycle_environment (
    project_key     varchar(63) not null,
    environment_key varchar(63) not null,
    position        integer     not null,
    primary key (project_key, environment_key)
);

-- Exposures reported by SDKs (sdk_event, V50), counted as each batch is stored (ExposureCounts):
-- per hour (UTC, from the event's own time) and over all time, so "last evaluated" and "exposures in
-- the last N days" never scan raw events. Not a projection of the event store: sdk_event is the source.
create table flag_exposure_hourly (
    project_key  varchar(200)             not null,
    environment  varchar(200)             not null,
    flag_key     varchar(128)             not null,
    variant      varchar(128)             not null,
    hour_start   timestamp with time zone not null,
    exposures    bigint                   not null,
    last_seen_at timestamp with time zone not null,
    primary key (project_key, environment, flag_key, variant, hour_start)
);
create index flag_exposure_hourly_recent on flag_exposure_hourly (project_key, hour_start);

create table flag_exposure_latest (
    project_key   varchar(200)             not null,
    environment   varchar(200)             not null,
    flag_key      varchar(128)             not null,
    variant       varchar(128)             not null,
    exposures     bigint                   not null,
    first_seen_at timestamp with time zone not null,
    last_seen_at  timestamp with time zone not null,
    primary key (project_key, environment, flag_key, variant)
);
