-- The flag-state read model: disposable, rebuilt from the event store by resetting its processor.
create table project_view (
    project_key varchar(63) primary key,
    name        varchar(200)             not null,
    description varchar(2000)            not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

create table environment_view (
    project_key     varchar(63)  not null,
    environment_key varchar(63)  not null,
    name            varchar(200) not null,
    require_reason  boolean      not null,
    position        integer      not null,
    primary key (project_key, environment_key)
);

create table flag_view (
    flag_id           varchar(64)              primary key,
    project_key       varchar(63)              not null,
    flag_key          varchar(128)             not null,
    name              varchar(200)             not null,
    description       varchar(2000)            not null,
    tags              text                     not null,
    value_type        varchar(16)              not null,
    variations        text                     not null,
    default_variation varchar(64)              not null,
    off_variation     varchar(64)              not null,
    archived          boolean                  not null,
    version           bigint                   not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    constraint flag_view_key unique (project_key, flag_key)
);

create table flag_tag_view (
    flag_id varchar(64) not null,
    tag     varchar(64) not null,
    primary key (flag_id, tag)
);
create index flag_tag_view_tag on flag_tag_view (tag);

create table flag_environment_view (
    flag_id           varchar(64) not null,
    environment_key   varchar(63) not null,
    enabled           boolean     not null,
    default_variation varchar(64) not null,
    off_variation     varchar(64) not null,
    primary key (flag_id, environment_key)
);
