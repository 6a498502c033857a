-- The churn model's features as the book knew them on the dates of its fixed calendar (one every 30 days,
-- docs/model.md): a date's features are read once it has passed and kept, so each training reads the
-- history back instead of recomputing it. features: the feature keys, comma-separated, in the order of
-- every row's values; a date whose keys differ from the model's is read again. No foreign key to account,
-- as for health: the history stays readable after an account is removed.
create table churn_snapshot_date (
    on_date   date         primary key,
    features  varchar(2000) not null,
    accounts  integer      not null,
    taken_at  timestamp with time zone not null
);

-- One account with ARR at the end of the date: its ARR and its feature values (comma-separated, in the
-- date's order of keys, empty where the account had no data).
create table churn_snapshot (
    account_id     bigint        not null,
    on_date        date          not null references churn_snapshot_date (on_date) on delete cascade,
    arr            numeric(14, 2) not null,
    feature_values varchar(2000) not null,
    primary key (account_id, on_date)
);
create index churn_snapshot_on_date on churn_snapshot (on_date);
