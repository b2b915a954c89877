-- Counts for the exposures stored before V80 (once; later batches are counted as they arrive).
-- Hours are truncated in the session's time zone: UTC on the default H2 store and for whole-hour
-- zones on PostgreSQL, which is what later counting uses.
insert into flag_exposure_hourly (project_key, environment, flag_key, variant, hour_start, exposures, last_seen_at)
select project_key, environment, flag_key, variant, date_trunc('hour', occurred_at), count(*), max(occurred_at)
from sdk_event
where kind = 'exposure'
group by project_key, environment, flag_key, variant, date_trunc('hour', occurred_at);

insert into flag_exposure_latest (project_key, environment, flag_key, variant, exposures, first_seen_at, last_seen_at)
select project_key, environment, flag_key, variant, count(*), min(occurred_at), max(occurred_at)
from sdk_event
where kind = 'exposure'
group by project_key, environment, flag_key, variant;
