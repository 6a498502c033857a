-- Where a CSM's time goes (PRODUCT §6): how long a logged activity took, and the time a person recorded on completing
-- a task. Both optional, in whole minutes, at most a day.
alter table timeline_entry add column duration_minutes integer;
alter table timeline_entry add constraint timeline_entry_duration check (duration_minutes is null or duration_minutes between 1 and 1440);
alter table task add column minutes_spent integer;
alter table task add constraint task_minutes_spent check (minutes_spent is null or minutes_spent between 1 and 1440);
-- The month's split reads the activities and the completed tasks of a time window across the book.
create index timeline_entry_occurred on timeline_entry (occurred_at);
create index task_completed on task (completed_at);
-- The work a logged activity was (a renewal call, a rescue meeting), when its author said; else its meeting type tells.
alter table timeline_entry add column category varchar(20);
alter table timeline_entry add constraint timeline_entry_category check (category in ('rescue', 'renewal', 'expansion',
    'onboarding', 'business-reviews', 'other'));
