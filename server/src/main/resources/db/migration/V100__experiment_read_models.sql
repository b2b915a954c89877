-- Read models of the Metric and Experiment aggregates (issue 11), in the flag-state processing
-- group: disposable, rebuilt by replaying the store.
create table metric_view (
    metric_id   varchar(64)              primary key,
    project_key varchar(63)              not null,
    metric_key  varchar(64)              not null,
    name        varchar(200)             not null,
    definition  text                     not null,
    version     bigint                   not null,
    updated_at  timestamp with time zone not null,
    constraint metric_view_key unique (project_key, metric_key)
);

create table experiment_view (
    experiment_id  varchar(64)              primary key,
    project_key    varchar(63)              not null,
    experiment_key varchar(64)              not null,
    name           varchar(200)             not null,
    status         varchar(16)              not null,
    flag_key       varchar(128)             not null,
    environment    varchar(63)              not null,
    definition     text                     not null,
    serving        text,
    current_period integer                  not null,
    started_at     timestamp with time zone,
    stopped_at     timestamp with time zone,
    shipped_arm    varchar(128),
    decision       varchar(2000),
    version        bigint                   not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    constraint experiment_view_key unique (project_key, experiment_key)
);
create index experiment_view_serving on experiment_view (project_key, environment, status);

-- One row per weight period: the start (period 0) and every re-weighting, with the bandit's
-- statistics and who/why, for the stratified analysis and the weight-history chart.
create table experiment_period (
    experiment_id varchar(64)              not null,
    period        integer                  not null,
    starts_at     timestamp with time zone not null,
    weights       text                     not null,
    statistics    text,
    actor         varchar(200),
    reason        varchar(1000),
    primary key (experiment_id, period)
);
