-- Rows updated over and over keep room on their page, so PostgreSQL updates them in place (heap-only tuples: no new
-- index entries, the old version pruned with the page): today's rollups, incremented by every batch of the day,
-- and the current scores, rewritten by every rescore. Only pages written
-- from now on leave the room; a table rewritten by VACUUM FULL or a dump and restore gets it everywhere.
alter table usage_day set (fillfactor = 80);
alter table usage_feature_day set (fillfactor = 80);
alter table account_health set (fillfactor = 60);
