-- A play whose cause (its starting signal) clears is closed as resolved by itself, or flagged for its CSM, as its
-- playbook says (when-cause-clears).
alter table play drop constraint play_outcome;
alter table play add constraint play_outcome
    check (outcome in ('saved', 'churned', 'expanded', 'renewed', 'no-action-needed', 'resolved-by-itself'));
alter table play add column cause_cleared_at timestamp with time zone;
