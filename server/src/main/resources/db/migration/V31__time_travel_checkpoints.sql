-- Time-travel checkpoints (projections/audit, TimeTravelCheckpoints): every K-th event of a stream,
-- the aggregate's fields as replaying the stream up to that event folds them. A read model: its
-- processor empties and rewrites it on a rebuild. Instants are epoch nanoseconds, compared exactly.
create table time_travel_checkpoint (
    aggregate_id     varchar(255) not null,
    sequence_number  bigint       not null,
    -- the newest event timestamp among events 0..sequence_number
    reached_at_nanos bigint       not null,
    -- JSON: fields, version, createdAt, updatedAt, lastEventId
    state            text         not null,
    primary key (aggregate_id, sequence_number)
);
