-- A step two plays of one account both ask for is one task: it belongs to the play that created it (task.play_id)
-- and serves the others listed here, which take it over if that play closes first.
create table task_also_for (
    account_id      bigint not null,
    task_id         bigint not null,
    play_id         bigint not null references play (id) on delete cascade,
    primary key (account_id, task_id, play_id),
    foreign key (account_id, task_id) references task (account_id, id) on delete cascade
);
create index task_also_for_play on task_also_for (play_id);
