-- Pages that keep computed figures check whether any account changed since (the latest updated_at): read from the
-- index, not by scanning the book on every view.
create index account_updated on account (updated_at);
