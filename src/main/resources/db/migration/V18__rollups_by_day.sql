-- One day's rollups of many accounts (a rescore after today's usage reads today's rows of each account due)
-- without scanning every day of every account.
create index usage_day_by_day on usage_day (on_date);
create index usage_user_day_by_day on usage_user_day (on_date);
create index usage_feature_day_by_day on usage_feature_day (on_date);
