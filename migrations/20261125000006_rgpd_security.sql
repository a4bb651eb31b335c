-- RGPD tools and the security log.

-- A client whose personal data was erased ("anonymised"): the row stays for the accounting
-- (contracts, amounts, dates), under a pseudonym that no longer points to a person.
alter table client add column anonymised_at timestamptz;

-- Once anonymised, a client cannot be edited back into a person: the service refuses it, and
-- the database makes sure.
create or replace function client_refuse_edit_after_anonymisation() returns trigger
language plpgsql as $$
begin
  if old.anonymised_at is not null then
    raise exception 'client % is anonymised', old.id
      using errcode = 'check_violation', constraint = 'client_anonymised_check';
  end if;
  return new;
end;
$$;

create trigger client_refuse_edit_after_anonymisation before update of full_name, email, phone, company_name on client
  for each row execute function client_refuse_edit_after_anonymisation();

-- The retention page looks for clients without contact for three years: a client's last
-- contact is the latest of its own last edit, its contracts' last change and its events' ends.
create index client_retention_idx on client (updated_at, id) where anonymised_at is null;
create index contract_client_updated_idx on contract (client_id, updated_at desc);
create index event_client_ends_idx on event (client_id, ends_at desc);

-- Security events that the audit trail (writes to records) does not hold: sign-ins, failures,
-- lockouts, password changes, sessions ended by management. Written in the same transaction as
-- what they record. No personal data beyond the collaborator's id and the address.
create table security_event (
  id bigint generated always as identity primary key,
  kind text not null
    constraint security_event_kind_check check (kind in (
      'sign_in', 'sign_in_failed', 'lockout', 'password_changed', 'session_ended', 'sessions_ended'
    )),
  -- Whom the event concerns (null: a failed sign-in for an unknown address).
  collaborator_id uuid
    constraint security_event_collaborator_fkey references collaborator (id) on delete set null,
  -- Who did it, when someone else than the collaborator (management ending sessions).
  actor_id uuid
    constraint security_event_actor_fkey references collaborator (id) on delete set null,
  ip inet,
  at timestamptz not null
);

create index security_event_at_idx on security_event (at desc, id desc);
create index security_event_collaborator_idx on security_event (collaborator_id, at desc);
create index audit_record_at_idx on audit_record (at desc, id desc);
