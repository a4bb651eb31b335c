-- The CRM core: clients, their contracts, the events those contracts pay for, and the audit trail.

create extension if not exists pg_trgm;

-- Lets clients, contracts and events require a collaborator of a given department through a
-- composite foreign key.
alter table collaborator add constraint collaborator_id_department_key unique (id, department);

create table client (
  id uuid primary key default gen_random_uuid(),
  full_name text not null
    constraint client_full_name_check check (length(full_name) between 1 and 120 and full_name = btrim(full_name)),
  email text not null
    constraint client_email_check check (length(email) <= 254 and email = lower(email) and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  -- E.164.
  phone text not null
    constraint client_phone_check check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  company_name text not null
    constraint client_company_name_check check (length(company_name) between 1 and 120 and company_name = btrim(company_name)),
  sales_contact_id uuid not null,
  sales_contact_department text not null default 'sales'
    constraint client_sales_contact_department_check check (sales_contact_department = 'sales'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  -- Lowercased text that the list search matches substrings of (trigram index below).
  search text generated always as (lower(full_name || ' ' || email || ' ' || company_name)) stored,
  constraint client_sales_contact_fkey foreign key (sales_contact_id, sales_contact_department)
    references collaborator (id, department)
);

create unique index client_email_key on client (lower(email));
create index client_search_trgm_idx on client using gin (search gin_trgm_ops);
create index client_sales_contact_idx on client (sales_contact_id, full_name);
create index client_full_name_idx on client (full_name, id);
create index client_company_name_idx on client (company_name, id);
create index client_created_at_idx on client (created_at, id);
create index client_updated_at_idx on client (updated_at, id);

create trigger client_set_updated_at before update on client
  for each row execute function set_updated_at();

create table contract (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null
    constraint contract_client_fkey references client (id),
  sales_contact_id uuid not null,
  sales_contact_department text not null default 'sales'
    constraint contract_sales_contact_department_check check (sales_contact_department = 'sales'),
  total_cents bigint not null
    constraint contract_total_cents_check check (total_cents between 0 and 100000000000),
  remaining_cents bigint not null,
  signed_at timestamptz,
  signed_by uuid
    constraint contract_signed_by_fkey references collaborator (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint contract_remaining_cents_check check (remaining_cents between 0 and total_cents),
  constraint contract_signed_check check ((signed_at is null) = (signed_by is null)),
  constraint contract_sales_contact_fkey foreign key (sales_contact_id, sales_contact_department)
    references collaborator (id, department),
  -- Lets an event name its contract and client together, so they cannot disagree.
  constraint contract_id_client_key unique (id, client_id)
);

create index contract_client_idx on contract (client_id, created_at desc);
create index contract_sales_contact_idx on contract (sales_contact_id, created_at desc);
create index contract_created_at_idx on contract (created_at, id);
create index contract_unsigned_idx on contract (created_at, id) where signed_at is null;
create index contract_unpaid_idx on contract (created_at, id) where remaining_cents > 0;
create index contract_total_idx on contract (total_cents, id);
create index contract_remaining_idx on contract (remaining_cents, id);

create trigger contract_set_updated_at before update on contract
  for each row execute function set_updated_at();

create table event (
  id uuid primary key default gen_random_uuid(),
  contract_id uuid not null,
  client_id uuid not null,
  title text not null
    constraint event_title_check check (length(title) between 1 and 120 and title = btrim(title)),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text not null
    constraint event_location_check check (length(location) between 1 and 200),
  attendees integer not null
    constraint event_attendees_check check (attendees between 0 and 1000000),
  notes text not null default ''
    constraint event_notes_check check (length(notes) <= 5000),
  support_contact_id uuid,
  support_contact_department text not null default 'support'
    constraint event_support_contact_department_check check (support_contact_department = 'support'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint event_dates_check check (ends_at > starts_at),
  constraint event_contract_fkey foreign key (contract_id, client_id) references contract (id, client_id),
  constraint event_support_contact_fkey foreign key (support_contact_id, support_contact_department)
    references collaborator (id, department)
);

create index event_contract_idx on event (contract_id, starts_at);
create index event_client_idx on event (client_id, starts_at);
create index event_support_contact_idx on event (support_contact_id, starts_at);
create index event_starts_at_idx on event (starts_at, id);
create index event_without_support_idx on event (starts_at, id) where support_contact_id is null;
create index event_title_trgm_idx on event using gin (lower(title) gin_trgm_ops);

create trigger event_set_updated_at before update on event
  for each row execute function set_updated_at();

-- An event needs a signed contract: the service says so clearly; the database makes sure.
create or replace function event_requires_signed_contract() returns trigger
language plpgsql as $$
begin
  if not exists (select 1 from contract where id = new.contract_id and signed_at is not null) then
    raise exception 'contract % is not signed', new.contract_id
      using errcode = 'check_violation', constraint = 'event_contract_signed_check';
  end if;
  return new;
end;
$$;

create trigger event_requires_signed_contract before insert or update of contract_id on event
  for each row execute function event_requires_signed_contract();

-- Who did what to which record, with the changed fields (old → new); written in the same
-- transaction as the change itself.
create table audit_record (
  id bigint generated always as identity primary key,
  actor_id uuid
    constraint audit_record_actor_fkey references collaborator (id),
  entity text not null
    constraint audit_record_entity_check check (entity in ('client', 'contract', 'event', 'collaborator')),
  entity_id uuid not null,
  action text not null
    constraint audit_record_action_check check (action ~ '^[a-z_]+$'),
  changes jsonb not null default '{}',
  at timestamptz not null default now()
);

create index audit_record_entity_idx on audit_record (entity, entity_id, at desc);
create index audit_record_actor_idx on audit_record (actor_id, at desc);
