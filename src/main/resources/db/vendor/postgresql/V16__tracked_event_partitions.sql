-- PostgreSQL only (H2 keeps the plain table of V3): the event log partitioned by the events' day, one
-- partition a month (tracked_event_YYYY_MM) and a default one for any day no month partition holds yet.
-- The usage module creates the coming months' partitions each day; an old month can be detached and
-- archived (docs/scale.md). The account id leads the primary key, as in every account-keyed table, and the
-- day joins it and the message key because a partitioned table's unique keys must hold its partition key:
-- a retried call carries the same timestamp, so it falls on the same day and is still refused.
alter table tracked_event rename to tracked_event_unpartitioned;
alter table tracked_event_unpartitioned rename constraint tracked_event_message to tracked_event_unpartitioned_message;
alter index tracked_event_account_day rename to tracked_event_unpartitioned_account_day;
alter index tracked_event_batch rename to tracked_event_unpartitioned_batch;

create sequence tracked_event_ids;
select setval('tracked_event_ids', coalesce((select max(id) from tracked_event_unpartitioned), 0) + 1, false);

create table tracked_event (
    id              bigint       not null default nextval('tracked_event_ids'),
    batch_id        bigint       not null,
    write_key_id    bigint       not null,
    message_id      varchar(200) not null,
    type            varchar(10)  not null,
    event           varchar(200),
    module          varchar(100),
    user_key        varchar(210) not null,
    group_id        varchar(200),
    account_id      bigint       not null,
    on_date         date         not null,
    occurred_at     timestamp with time zone not null,
    received_at     timestamp with time zone not null,
    payload         text         not null,
    primary key (account_id, on_date, id),
    constraint tracked_event_message unique (write_key_id, message_id, on_date)
) partition by range (on_date);
alter sequence tracked_event_ids owned by tracked_event.id;
-- The primary key serves lookups by account and day (the plain table's tracked_event_account_day index).
create index tracked_event_batch on tracked_event (batch_id);
create table tracked_event_default partition of tracked_event default;

-- A partition for every month that holds events, and this month and the next three.
do $$
declare
    month date;
    last  date := date_trunc('month', current_date + interval '3 months')::date;
begin
    month := least(coalesce((select date_trunc('month', min(on_date))::date from tracked_event_unpartitioned),
                            date_trunc('month', current_date)::date),
                   date_trunc('month', current_date)::date);
    while month <= last loop
        execute format('create table %I partition of tracked_event for values from (%L) to (%L)',
                       'tracked_event_' || to_char(month, 'YYYY_MM'), month, (month + interval '1 month')::date);
        month := (month + interval '1 month')::date;
    end loop;
end $$;

insert into tracked_event select * from tracked_event_unpartitioned;
drop table tracked_event_unpartitioned;
