-- Change requests (projections/approval, docs/approvals.md): one row per request with its reviews,
-- proposed commands and diff as JSON text. Rebuilt with the flag-state read model. The dispatchers of
-- every server read approved requests with an apply time from here (the timers, like scheduled_flag_change).
create table change_request (
    change_request_id  varchar(64)              not null primary key,
    opened_position    bigint                   not null,
    project_key        varchar(200)             not null,
    environment_key    varchar(200)             not null,
    kind               varchar(20)              not null,
    title              varchar(400)             not null,
    ticket             varchar(400),
    reason             varchar(4000),
    status             varchar(20)              not null,
    author_subject     varchar(255),
    author_name        varchar(255),
    opened_at          timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    apply_at           timestamp with time zone,
    applied_at         timestamp with time zone,
    break_glass        boolean                  not null,
    applied_by_subject varchar(255),
    applied_by_name    varchar(255),
    failure            varchar(4000),
    required_approvals integer                  not null,
    policy             text                     not null,
    approvals          text                     not null,
    rejection          text,
    commands           text                     not null,
    diff               text                     not null,
    version            bigint                   not null
);

create index change_request_list on change_request (project_key, environment_key, opened_position);
create index change_request_due on change_request (status, apply_at);
