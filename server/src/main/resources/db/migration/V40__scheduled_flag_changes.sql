-- The timers read model (projections/schedule): every scheduled flag change with its state. The
-- dispatchers of all server instances read due rows from here; the Flag aggregate decides.
create table scheduled_flag_change (
    schedule_id          varchar(64)              not null,
    flag_id              varchar(255)             not null,
    project_key          varchar(200)             not null,
    flag_key             varchar(200)             not null,
    environment_key      varchar(200)             not null,
    due_at               timestamp with time zone not null,
    change_kind          varchar(20)              not null,
    change               text                     not null,
    summary              varchar(500)             not null,
    status               varchar(20)              not null,
    scheduled_by_subject varchar(255),
    scheduled_by_name    varchar(255),
    reason               varchar(4000),
    scheduled_at         timestamp with time zone not null,
    resolved_at          timestamp with time zone,
    delay_millis         bigint,
    failure              varchar(4000),
    cancelled_by_subject varchar(255),
    cancelled_by_name    varchar(255),
    primary key (flag_id, schedule_id)
);

create index scheduled_flag_change_due on scheduled_flag_change (status, due_at);
create index scheduled_flag_change_flag on scheduled_flag_change (project_key, flag_key, due_at);
