-- The raw input values each current score was computed from, so that a change rescores from the facts
-- that changed and takes every other input as it was (null: scored before this column, read in full).
alter table account_health add column inputs text;

-- What changed for each account marked due (one flag per kind of fact, each OR-ed in as changes come),
-- so its rescore reads only those facts again. A mark with no flag set means anything may have changed.
alter table health_rescore_due add column changed_account boolean not null default false;
alter table health_rescore_due add column changed_contracts boolean not null default false;
alter table health_rescore_due add column changed_usage boolean not null default false;
alter table health_rescore_due add column changed_support boolean not null default false;
alter table health_rescore_due add column changed_surveys boolean not null default false;
alter table health_rescore_due add column changed_billing boolean not null default false;
alter table health_rescore_due add column changed_relationship boolean not null default false;
