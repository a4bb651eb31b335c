-- Follow-ups ("relances"): something to do about a client, one of its contracts or one of its
-- events, by a due day, by one collaborator (its owner). Named by its client, as notes are, so
-- that the client's export, anonymisation and deletion reach it.
create table follow_up (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null
    constraint follow_up_client_fkey references client (id) on delete cascade,
  contract_id uuid
    constraint follow_up_contract_fkey references contract (id) on delete cascade,
  event_id uuid
    constraint follow_up_event_fkey references event (id) on delete cascade,
  title text not null
    constraint follow_up_title_check check (length(title) between 1 and 200 and title = btrim(title)),
  -- A day in Paris: due "today" whatever the hour.
  due_on date not null,
  -- A personal reminder goes with its owner's account if that account is ever deleted.
  owner_id uuid not null
    constraint follow_up_owner_fkey references collaborator (id) on delete cascade,
  created_by uuid
    constraint follow_up_created_by_fkey references collaborator (id) on delete set null,
  -- Done: when, and by whom (kept null if that account is deleted).
  done_at timestamptz,
  done_by uuid
    constraint follow_up_done_by_fkey references collaborator (id) on delete set null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  constraint follow_up_event_contract_check check (event_id is null or contract_id is not null)
);

-- "Mes relances" and the home page: someone's open follow-ups by due day; management's list of
-- everyone's overdue ones.
create index follow_up_open_owner_idx on follow_up (owner_id, due_on, id) where done_at is null;
create index follow_up_open_due_idx on follow_up (due_on, id) where done_at is null;
create index follow_up_client_idx on follow_up (client_id);
create index follow_up_contract_idx on follow_up (contract_id) where contract_id is not null;
create index follow_up_event_idx on follow_up (event_id) where event_id is not null;

create trigger follow_up_refuse_anonymised_client before insert or update of title on follow_up
  for each row execute function refuse_personal_data_of_anonymised_client();
