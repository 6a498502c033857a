-- The book is paged 50 accounts at a time in name order (lower-cased, then id): read from this index, a page no
-- longer sorts the whole book for each view. (The embedded database, for books far smaller, has no expression indexes.)
create index account_name_lower on account (lower(name), id);
