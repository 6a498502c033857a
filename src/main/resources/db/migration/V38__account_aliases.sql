-- The names a customer goes by besides its own, for the wrong-customer guard. Suggestions are worked out from the
-- account's name and domain each time (so they follow a rename); this table keeps what people decided: an alias
-- they added, or a suggestion they dismissed. alias_key is the alias lower-cased, one row per alias and account.
create table account_alias (
    account_id  bigint        not null references account (id) on delete cascade,
    alias_key   varchar(200)  not null,
    alias       varchar(200)  not null,
    decision    varchar(10)   not null,
    decided_at  timestamp with time zone not null,
    decided_by  varchar(400)  not null,
    constraint account_alias_key primary key (account_id, alias_key)
);
