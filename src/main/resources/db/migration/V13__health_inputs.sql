-- The raw input values each current score was computed from, so that a change rescores from the facts
-- that changed and takes every other input as it was (null: scored before this column, read in full).
alter table account_health add column inputs text;
