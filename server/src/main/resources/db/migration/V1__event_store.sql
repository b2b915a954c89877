-- Axon's JDBC event store (default EventSchema). Unquoted names fold to lower case on both
-- PostgreSQL and H2 (DATABASE_TO_LOWER), so one script serves both.
create table domainevententry (
    globalindex         bigserial primary key,
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255),
    eventidentifier     varchar(255) not null unique,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    constraint domainevententry_stream unique (aggregateidentifier, sequencenumber)
);

create table snapshotevententry (
    aggregateidentifier varchar(255) not null,
    sequencenumber      bigint       not null,
    type                varchar(255) not null,
    eventidentifier     varchar(255) not null unique,
    metadata            bytea,
    payload             bytea        not null,
    payloadrevision     varchar(255),
    payloadtype         varchar(255) not null,
    timestamp           varchar(255) not null,
    primary key (aggregateidentifier, sequencenumber)
);

create table tokenentry (
    processorname varchar(255) not null,
    segment       integer      not null,
    token         bytea,
    tokentype     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    primary key (processorname, segment)
);

-- Set-based uniqueness (CONVENTIONS §2): written in the command's transaction.
create table key_registry (
    scope     varchar(200) not null,
    key_value varchar(200) not null,
    owner_id  varchar(64)  not null,
    primary key (scope, key_value)
);

create table local_account (
    username      varchar(100) primary key,
    password_hash varchar(200)             not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
