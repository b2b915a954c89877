-- One row per unit (of an environment) the experiment pipeline has aggregated, only to be locked
-- (docs/experiments.md "Concurrent batches"): every batch takes its units' rows before it reads or
-- writes their aggregates, so a unit's exposure and its conversion stored by two batches at once are
-- aggregated one after the other and the second sees the first. Rows hold nothing but the key.
create table experiment_unit_lock (
    project_key varchar(200) not null,
    environment varchar(200) not null,
    unit_key    varchar(256) not null,
    primary key (project_key, environment, unit_key)
);
