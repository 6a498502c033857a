-- A task a play created that lasts only while the play's cause does: cancelled, if still open, when the cause clears
-- (a recurring incident update, the alert and acknowledgement of an incident already solved). docs/playbooks.md.
-- A task serving several plays asks each of them: on the task for the play that created it, on task_also_for for the
-- others; it is cancelled once no open play wants it (one whose step does not last only while its cause does, or whose
-- cause still holds).
alter table task add column while_cause_lasts boolean not null default false;
update task set while_cause_lasts = true where recur_minutes is not null;
alter table task_also_for add column while_cause_lasts boolean not null default false;
