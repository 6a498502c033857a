-- How many times scores have been recomputed or rescored, counted in each pass's own transaction. Every change to
-- the book reaches the scores through a pass, so a backtest kept beside the count it was computed at (in memory,
-- on each node) is current while the count has not moved and no account waits for a rescore (docs/health.md).
create table health_recompute_count (
    id         integer not null primary key check (id = 1),
    recomputes bigint  not null
);
insert into health_recompute_count (id, recomputes) values (1, 0);
