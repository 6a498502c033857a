-- The renewal calendar asks for the contracts ending in a window (the next 90 days, a past quarter): read from the
-- index instead of every contract of the book.
create index subscription_end on subscription (end_date);
