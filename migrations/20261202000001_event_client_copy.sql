-- Every event list shows each event's client. Read through a join, a page of 100 events cost
-- 99 random client lookups: 3.1 ms of the database's time against 0.7 ms without them
-- (scripts/bench-api, 1,000,000 events). The event row now carries a copy of its client's name
-- and anonymised flag, kept by the same triggers that keep `search`: written with the event,
-- and rewritten in the client's own transaction when the client is renamed or anonymised.
alter table event add column client_name text, add column client_anonymised boolean;

update event e set client_name = c.full_name, client_anonymised = c.anonymised_at is not null
  from client c where c.id = e.client_id;

alter table event alter column client_name set not null, alter column client_anonymised set not null;

create or replace function event_set_search() returns trigger
language plpgsql as $$
begin
  select c.full_name, c.anonymised_at is not null, lower(new.title || ' ' || c.full_name || ' ' || c.company_name)
    into new.client_name, new.client_anonymised, new.search
    from client c where c.id = new.client_id;
  return new;
end;
$$;

drop trigger event_set_search on event;
create trigger event_set_search before insert or update of title, client_id on event
  for each row execute function event_set_search();

create or replace function client_refresh_event_search() returns trigger
language plpgsql as $$
begin
  update event set client_name = new.full_name, client_anonymised = new.anonymised_at is not null,
      search = lower(title || ' ' || new.full_name || ' ' || new.company_name)
    where client_id = new.id;
  return null;
end;
$$;

drop trigger client_refresh_event_search on client;
create trigger client_refresh_event_search after update of full_name, company_name, anonymised_at on client
  for each row when (old.full_name is distinct from new.full_name or old.company_name is distinct from new.company_name
    or old.anonymised_at is distinct from new.anonymised_at)
  execute function client_refresh_event_search();

-- The event list sorted by client pages through this index instead of joining every client.
create index event_client_name_idx on event (client_name, id);

-- Both triggers now read the client once themselves.
drop function event_search_text(text, uuid);
