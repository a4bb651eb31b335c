-- Trust: RGPD erasure reaches every record about a client, an anonymised client gets no personal
-- data back, signed contracts stay, and the application role cannot rewrite the audit trail,
-- the security log or the sign-in attempts (see server/src/db.rs `grant_app_role`).

-- 1. Every audit record of a client, its contracts and its events names the client. No foreign
-- key: the record outlives the contract, the event and the client, so that the export, the
-- anonymisation and the deletion of a client still reach the records of deleted ones.
alter table audit_record add column client_id uuid;

-- Filled in by the database, from the record written about, so no caller can forget it. The
-- services record a deletion before deleting, so the row is still there to read.
create or replace function audit_record_set_client() returns trigger
language plpgsql as $$
begin
  new.client_id := case new.entity
    when 'client' then new.entity_id
    when 'contract' then (select client_id from contract where id = new.entity_id)
    when 'event' then (select client_id from event where id = new.entity_id)
  end;
  return new;
end;
$$;

create trigger audit_record_set_client before insert on audit_record
  for each row execute function audit_record_set_client();

-- The existing records, from the records still there. (The trail never named the client or the
-- contract of a record deleted before this migration, so those stay without a client.)
update audit_record set client_id = entity_id where entity = 'client';
update audit_record a set client_id = k.client_id from contract k where a.entity = 'contract' and k.id = a.entity_id;
update audit_record a set client_id = e.client_id from event e where a.entity = 'event' and e.id = a.entity_id;

create index audit_record_client_idx on audit_record (client_id, at, id) where client_id is not null;

-- 2. A signed contract belongs to the accounts: it is never deleted (the service says so
-- clearly; the database makes sure, however the deletion is approached).
create or replace function contract_refuse_delete_signed() returns trigger
language plpgsql as $$
begin
  if old.signed_at is not null then
    raise exception 'contract % is signed', old.id
      using errcode = 'check_violation', constraint = 'contract_signed_delete_check';
  end if;
  return old;
end;
$$;

create trigger contract_refuse_delete_signed before delete on contract
  for each row execute function contract_refuse_delete_signed();

-- 3. After anonymisation nobody writes personal data back: no new contract or event for the
-- client, no new title, place or notes on its events (dates and attendees may still change).
-- The anonymisation itself scrubs the events before it marks the client.
create or replace function refuse_personal_data_of_anonymised_client() returns trigger
language plpgsql as $$
begin
  if exists (select 1 from client where id = new.client_id and anonymised_at is not null) then
    raise exception 'client % is anonymised', new.client_id
      using errcode = 'check_violation', constraint = tg_table_name || '_client_anonymised_check';
  end if;
  return new;
end;
$$;

create trigger contract_refuse_anonymised_client before insert on contract
  for each row execute function refuse_personal_data_of_anonymised_client();
create trigger event_refuse_anonymised_client before insert on event
  for each row execute function refuse_personal_data_of_anonymised_client();
create trigger event_refuse_text_of_anonymised_client before update of title, location, notes on event
  for each row
  when (old.title is distinct from new.title or old.location is distinct from new.location
        or old.notes is distinct from new.notes)
  execute function refuse_personal_data_of_anonymised_client();

-- 4. The narrow paths by which the application role changes what it may otherwise only insert
-- and read. Owned by the migration owner, `security definer`, a fixed search_path, every
-- argument checked; executable by the application role alone (granted in `grant_app_role`).

-- Erases values from one audit record of a client that is anonymised or deleted: the record
-- keeps its fields, in order, and each value stays, becomes '[effacé]' or null, or shrinks to a
-- part of itself (the city of an address). Nothing new can be written into the trail this way.
create or replace function audit_record_erase(p_id bigint, p_changes jsonb) returns void
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_record audit_record%rowtype;
  v_old jsonb;
  v_new jsonb;
  v_key text;
begin
  select * into v_record from audit_record where id = p_id for update;
  if not found then
    raise exception 'no audit record %', p_id using errcode = 'no_data_found';
  end if;
  if v_record.client_id is null
     or exists (select 1 from client where id = v_record.client_id and anonymised_at is null) then
    raise exception 'audit record % is not about an erased client', p_id using errcode = 'insufficient_privilege';
  end if;
  -- A record that does not read as field changes may only be emptied.
  if jsonb_typeof(v_record.changes) is distinct from 'array' and p_changes = '[]'::jsonb then
    update audit_record set changes = p_changes where id = p_id;
    return;
  end if;
  if jsonb_typeof(p_changes) is distinct from 'array'
     or jsonb_typeof(v_record.changes) is distinct from 'array'
     or jsonb_array_length(p_changes) <> jsonb_array_length(v_record.changes) then
    raise exception 'audit record % keeps its fields', p_id using errcode = 'invalid_parameter_value';
  end if;
  for i in 0 .. jsonb_array_length(p_changes) - 1 loop
    v_old := v_record.changes -> i;
    v_new := p_changes -> i;
    if jsonb_typeof(v_new) is distinct from 'object' or (v_new - 'field' - 'old' - 'new') <> '{}'::jsonb
       or v_new -> 'field' is distinct from v_old -> 'field' then
      raise exception 'audit record % keeps its fields', p_id using errcode = 'invalid_parameter_value';
    end if;
    foreach v_key in array array['old', 'new'] loop
      if not (coalesce(v_new -> v_key, 'null') = coalesce(v_old -> v_key, 'null')
              or coalesce(v_new -> v_key, 'null') in ('null'::jsonb, '"[effacé]"'::jsonb)
              or (jsonb_typeof(v_new -> v_key) = 'string' and jsonb_typeof(v_old -> v_key) = 'string'
                  and strpos(v_old ->> v_key, v_new ->> v_key) > 0)) then
        raise exception 'audit record % is only erased from', p_id using errcode = 'invalid_parameter_value';
      end if;
    end loop;
  end loop;
  update audit_record set changes = p_changes where id = p_id;
end;
$$;

-- The retention schedule: sign-in attempts are deleted after 30 days, the address and browser of
-- a session 30 days after its end (or its last activity), security events after 365 days. `p_now`
-- is the application's clock, never later than the database's: no caller purges early.
-- Returns (sign-in attempts deleted, sessions cleared, security events deleted).
create or replace function purge_personal_data(p_now timestamptz, out attempts bigint, out sessions bigint,
                                               out security_events bigint)
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_now timestamptz := least(coalesce(p_now, now()), now());
begin
  delete from sign_in_attempt where attempted_at < v_now - interval '30 days';
  get diagnostics attempts = row_count;
  update collaborator_session set ip = null, user_agent = null
   where coalesce(ended_at, last_seen_at) < v_now - interval '30 days' and (ip is not null or user_agent is not null);
  get diagnostics sessions = row_count;
  delete from security_event where at < v_now - interval '365 days';
  get diagnostics security_events = row_count;
end;
$$;

revoke all on function audit_record_erase(bigint, jsonb) from public;
revoke all on function purge_personal_data(timestamptz) from public;
