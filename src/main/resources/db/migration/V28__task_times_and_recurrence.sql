-- A task can be due at a time of day (an hourly incident update), not only on a day, and can recur: when it is done,
-- the next one is created at the next slot of its interval, until its play closes or the play's cause clears.
alter table task add column due_at timestamp with time zone;
alter table task add column recur_minutes integer;
alter table task add column occurrence integer default 1 not null;
alter table task add constraint task_recur_positive check (recur_minutes is null or recur_minutes > 0);
