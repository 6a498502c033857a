-- A task a play created that lasts only while the play's cause does: cancelled, if still open, when the cause clears
-- (a recurring incident update, the alert and acknowledgement of an incident already solved). docs/playbooks.md.
alter table task add column while_cause_lasts boolean not null default false;
update task set while_cause_lasts = true where recur_minutes is not null;
