-- Each user's notification settings (no row: the defaults) and the digests already sent, one a user a day.
create table notification_setting (
    user_id         bigint primary key references app_user (id) on delete cascade,
    daily_digest    boolean not null,
    digest_hour     integer not null,
    slack_alerts    boolean not null,
    slack_webhook   varchar(500),
    updated_at      timestamp with time zone not null,
    constraint notification_digest_hour check (digest_hour between 0 and 23)
);
create table digest_sent (
    user_id         bigint not null references app_user (id) on delete cascade,
    on_date         date not null,
    sent_at         timestamp with time zone not null,
    primary key (user_id, on_date)
);
