-- Rescoring reads today's rollups of the accounts due by account (their primary keys). The day indexes of V18
-- drew the planner into scanning all of today's rows once per list of accounts: the statistics of a day that is
-- still filling up always say it holds a few rows. They also cost every rollup write three more index entries.
drop index usage_day_by_day;
drop index usage_user_day_by_day;
drop index usage_feature_day_by_day;
