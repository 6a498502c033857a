-- Two app nodes on one database do no work twice.

-- ShedLock: a scheduled pass (the nightly recompute, the daily signal pass, the rollups ...) runs on
-- the node that takes its row; the others skip that run. lock_until frees a row a dead node held.
create table shedlock (
    name        varchar(64)  not null primary key,
    lock_until  timestamp    not null,
    locked_at   timestamp    not null,
    locked_by   varchar(255) not null
);

-- One row per serial section (scoring, signal evaluation, starting plays), locked with
-- "select ... for update" by the transaction that does that work, so two nodes (or the command line
-- beside a server) never write the same scores, signals or plays at once.
create table work_lock (
    name        varchar(64)  not null primary key
);
insert into work_lock (name) values ('health-scores'), ('signals'), ('playbooks');
