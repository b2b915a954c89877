-- The experiment event pipeline (issue 11, docs/experiments.md "Event pipeline").
-- sdk_event stays append-only; an idempotency key (the SDK's event id, or a hash of the event's
-- content) makes a retried batch insert nothing twice. rule_id names the targeting rule that served
-- an exposure, so an experiment's exposures are told apart from the flag's other rollouts.
alter table sdk_event add column idempotency_key varchar(64);
alter table sdk_event add column rule_id varchar(64);
create unique index sdk_event_idempotency on sdk_event (project_key, environment, idempotency_key);
create index sdk_event_unit on sdk_event (project_key, environment, context_key, occurred_at);

-- Events refused one by one inside an accepted batch (unknown flag, too far in the future, too
-- late), counted per reason: the batch is not refused, nothing is stored, and nothing is hidden.
create table sdk_event_rejection (
    project_key varchar(200) not null,
    environment varchar(200) not null,
    reason      varchar(32)  not null,
    rejected    bigint       not null,
    primary key (project_key, environment, reason)
);

-- Per-unit aggregates, kept as events arrive, so results never read raw events: each exposed unit
-- with its (sticky) arm, the weight period of its first exposure, and whether it was ever served
-- another arm; and each unit's value of each metric (absent row = 0).
create table experiment_unit (
    experiment_id     varchar(64)              not null,
    unit_key          varchar(256)             not null,
    arm               varchar(128)             not null,
    period            integer                  not null,
    first_exposure_at timestamp with time zone not null,
    switched          boolean                  not null,
    primary key (experiment_id, unit_key)
);
create index experiment_unit_arm on experiment_unit (experiment_id, arm, period);

create table experiment_unit_metric (
    experiment_id varchar(64)      not null,
    metric_key    varchar(64)      not null,
    unit_key      varchar(256)     not null,
    arm           varchar(128)     not null,
    period        integer          not null,
    metric_value  double precision not null,
    denominator   double precision not null,
    pre_value     double precision not null,
    primary key (experiment_id, metric_key, unit_key)
);
create index experiment_unit_metric_arm on experiment_unit_metric (experiment_id, metric_key, arm, period);

-- Results computed on a schedule, for "confidence intervals over time".
create table experiment_result_snapshot (
    experiment_id varchar(64)              not null,
    computed_at   timestamp with time zone not null,
    results       text                     not null,
    primary key (experiment_id, computed_at)
);
