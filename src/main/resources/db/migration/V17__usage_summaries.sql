-- The earliest day whose usage changed for an account marked due with a usage change (null: no usage change).
-- A change to today's usage alone is rescored from the account's summary of earlier days; one to an earlier
-- day reads that summary again. Marks left from before this column may have changed any day.
alter table health_rescore_due add column usage_from date;
update health_rescore_due set usage_from = date '0001-01-01' where changed_usage;

-- Per account, what its usage inputs need from the days before today, as of one day (on_date) and for one
-- set of scorecard windows (signature): totals of each window's earlier days, and each person, feature and
-- module with the last of those days they were active. Today's rollups are added to it at each rescore.
create table health_usage_summary (
    account_id bigint       not null primary key references account (id) on delete cascade,
    on_date    date         not null,
    signature  varchar(500) not null,
    summary    text         not null
);
