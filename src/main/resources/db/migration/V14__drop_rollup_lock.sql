-- The rollups hold the usage-rollups row of work_lock (V11) now; the row-lock table they used before is unused.
drop table usage_rollup_lock;
