-- The audit trail read model (projections/audit): one entry per stored event, keyed by the event's
-- global position, with its diff (JSON) and its link in the SHA-256 hash chain.
create table audit_entry (
    position             bigint primary key,
    event_id             varchar(255)             not null,
    aggregate_id         varchar(255)             not null,
    sequence_number      bigint                   not null,
    event_type           varchar(255)             not null,
    occurred_at          timestamp with time zone not null,
    actor_subject        varchar(255),
    actor_name           varchar(255),
    actor_authentication varchar(100),
    reason               varchar(4000),
    origin               varchar(100),
    correlation_id       varchar(255),
    project_key          varchar(200),
    environment_key      varchar(200),
    subject_kind         varchar(20)              not null,
    subject_key          varchar(255),
    changes              text                     not null,
    hash                 char(64)                 not null,
    previous_hash        char(64)                 not null
);

create index audit_entry_project on audit_entry (project_key, position);
create index audit_entry_subject on audit_entry (subject_key, position);
create index audit_entry_actor on audit_entry (actor_subject, position);
create index audit_entry_time on audit_entry (occurred_at);

-- The fields of every aggregate as the audit last saw them, so the next event's diff needs no replay.
create table audit_aggregate_state (
    aggregate_id varchar(255) primary key,
    state        text not null
);
