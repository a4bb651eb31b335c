-- Notes: what was said to a client (a call, an e-mail, a meeting, a note), on the client, one of
-- its contracts or one of its events. Every note names its client, so that the client's page,
-- its data export, its anonymisation and its deletion reach every note about it; a note on an
-- event also names the event's contract, so that the contract's page shows it.
create table note (
  id uuid primary key default gen_random_uuid(),
  client_id uuid not null
    constraint note_client_fkey references client (id) on delete cascade,
  contract_id uuid
    constraint note_contract_fkey references contract (id) on delete cascade,
  event_id uuid
    constraint note_event_fkey references event (id) on delete cascade,
  kind text not null
    constraint note_kind_check check (kind in ('call', 'email', 'meeting', 'note')),
  body text not null
    constraint note_body_check check (length(body) between 1 and 5000 and body = btrim(body)),
  -- The note outlives its author's account, as the audit trail does (their name stays there).
  author_id uuid
    constraint note_author_fkey references collaborator (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  constraint note_event_contract_check check (event_id is null or contract_id is not null)
);

create index note_client_idx on note (client_id, created_at desc);
create index note_contract_idx on note (contract_id, created_at desc) where contract_id is not null;
create index note_event_idx on note (event_id, created_at desc) where event_id is not null;
create index note_author_idx on note (author_id) where author_id is not null;

-- An anonymised client gets no personal data back, through a note either.
create trigger note_refuse_anonymised_client before insert or update of body on note
  for each row execute function refuse_personal_data_of_anonymised_client();
