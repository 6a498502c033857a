-- An account on a CSM's Today that needed attention without a task, looked at and set aside until a day: it leaves
-- Today (and its capacity) until then, or sooner when its cause changes (a new signal fires on it, or the reason turns
-- from its health to a signal). cause: 'signal <id of the newest open signal>', 'red' or 'model' (docs/worklist.md).
create table worklist_aside (
    account_id bigint        not null references account (id) on delete cascade,
    owner_id   bigint        not null references app_user (id),
    cause      varchar(60)   not null,
    until_on   date          not null,
    set_at     timestamp with time zone not null,
    set_by     varchar(400)  not null,
    primary key (account_id, owner_id)
);
create index worklist_aside_owner on worklist_aside (owner_id, until_on);
