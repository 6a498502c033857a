-- A token can never do more than its owner could when it was issued: promoting the owner later
-- does not strengthen tokens minted before (PRODUCT §9).
alter table api_token add column issued_role varchar(20);
update api_token set issued_role = (select u.role from app_user u where u.id = api_token.user_id);
alter table api_token alter column issued_role set not null;
