-- Names in change requests are stored sealed under their person's subject key (docs/privacy.md),
-- which makes them longer than the names were.
alter table change_request alter column author_name set data type varchar(4000);
alter table change_request alter column applied_by_name set data type varchar(4000);
