-- Event search matches the title and the client's name and company in one trigram-indexed
-- column, so that the planner can choose the index for rare words and the date order for
-- common ones (an OR across two tables allows neither; see scripts/bench).
alter table event add column search text not null default '';

create or replace function event_search_text(title text, client_id uuid) returns text
language sql stable as $$
  select lower($1 || ' ' || c.full_name || ' ' || c.company_name) from client c where c.id = $2
$$;

create or replace function event_set_search() returns trigger
language plpgsql as $$
begin
  new.search := event_search_text(new.title, new.client_id);
  return new;
end;
$$;

create trigger event_set_search before insert or update of title, client_id on event
  for each row execute function event_set_search();

-- A renamed client is found under its new name.
create or replace function client_refresh_event_search() returns trigger
language plpgsql as $$
begin
  update event set search = event_search_text(title, client_id) where client_id = new.id;
  return null;
end;
$$;

create trigger client_refresh_event_search after update of full_name, company_name on client
  for each row when (old.full_name is distinct from new.full_name or old.company_name is distinct from new.company_name)
  execute function client_refresh_event_search();

update event set search = event_search_text(title, client_id);

drop index event_title_trgm_idx;
create index event_search_trgm_idx on event using gin (search gin_trgm_ops);
