-- Administration: collaborators change department, are deleted, and hand their work over.

-- A record keeps the contact it had when it was closed: a support collaborator who moves to sales
-- stays the support contact of the events they ran, a salesperson who leaves stays on the paid
-- contracts they sold. The department is therefore checked when a contact is set (trigger below),
-- not forever through a composite foreign key that would forbid any later department change.
alter table client drop constraint client_sales_contact_fkey;
alter table client drop column sales_contact_department;
alter table client add constraint client_sales_contact_fkey foreign key (sales_contact_id) references collaborator (id);

alter table contract drop constraint contract_sales_contact_fkey;
alter table contract drop column sales_contact_department;
alter table contract add constraint contract_sales_contact_fkey foreign key (sales_contact_id) references collaborator (id);

alter table event drop constraint event_support_contact_fkey;
alter table event drop column support_contact_department;
alter table event add constraint event_support_contact_fkey foreign key (support_contact_id) references collaborator (id);

create or replace function contact_has_department() returns trigger
language plpgsql as $$
declare
  contact uuid := (to_jsonb(new) ->> tg_argv[0])::uuid;
begin
  -- "for share" waits for a department change of that collaborator in progress, then sees its result.
  if contact is not null
     and not exists (select 1 from collaborator where id = contact and department = tg_argv[1] for share) then
    raise exception 'collaborator % is not in department %', contact, tg_argv[1]
      using errcode = 'foreign_key_violation', constraint = tg_table_name || '_' || tg_argv[0] || '_department_check';
  end if;
  return new;
end;
$$;

create trigger client_sales_contact_department before insert or update of sales_contact_id on client
  for each row execute function contact_has_department('sales_contact_id', 'sales');
create trigger contract_sales_contact_department before insert or update of sales_contact_id on contract
  for each row execute function contact_has_department('sales_contact_id', 'sales');
create trigger event_support_contact_department before insert or update of support_contact_id on event
  for each row execute function contact_has_department('support_contact_id', 'support');

-- Handing a client to another salesperson is not a contact with the client.
drop trigger client_set_updated_at on client;
create trigger client_set_updated_at before update of full_name, email, phone, company_name
  on client for each row execute function set_updated_at();

-- The audit trail outlives the collaborators who wrote it: it keeps their name.
alter table audit_record add column actor_name text;
update audit_record a set actor_name = c.full_name from collaborator c where c.id = a.actor_id;
alter table audit_record drop constraint audit_record_actor_fkey;
alter table audit_record add constraint audit_record_actor_fkey
  foreign key (actor_id) references collaborator (id) on delete set null;

-- The collaborators list: search by name, e-mail or employee number.
alter table collaborator add column version integer not null default 1;
alter table collaborator add column search text
  generated always as (lower(full_name || ' ' || email || ' ' || employee_number)) stored;
create index collaborator_search_trgm_idx on collaborator using gin (search gin_trgm_ops);
create index collaborator_full_name_idx on collaborator (full_name, id);

-- Who signed a contract is history, but must not keep a person from being deleted (they own
-- nothing then; the audit trail says who signed).
alter table contract drop constraint contract_signed_by_fkey;
alter table contract add constraint contract_signed_by_fkey
  foreign key (signed_by) references collaborator (id) on delete set null;
alter table contract drop constraint contract_signed_check;
alter table contract add constraint contract_signed_check check (signed_by is null or signed_at is not null);
