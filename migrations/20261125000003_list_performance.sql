-- Keeps the client lists fast on a large company's data (see scripts/bench).

-- How many signed contracts a client has, kept by a trigger in the same transaction as the
-- contract change, so that it can never disagree with the contracts. "Prospect" stays derived:
-- it is `signed_contract_count = 0`, never set by anyone.
-- A client's "last contact" (updated_at) moves when someone edits the client, not when the
-- counter below changes.
drop trigger client_set_updated_at on client;
create trigger client_set_updated_at before update of full_name, email, phone, company_name, sales_contact_id
  on client for each row execute function set_updated_at();

alter table client add column signed_contract_count integer not null default 0
  constraint client_signed_contract_count_check check (signed_contract_count >= 0);

update client c
set signed_contract_count = (select count(*) from contract k where k.client_id = c.id and k.signed_at is not null);

create or replace function contract_count_signed() returns trigger
language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.signed_at is not null then
    update client set signed_contract_count = signed_contract_count - 1 where id = old.client_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.signed_at is not null then
    update client set signed_contract_count = signed_contract_count + 1 where id = new.client_id;
  end if;
  return null;
end;
$$;

create trigger contract_count_signed after insert or delete or update of signed_at, client_id on contract
  for each row execute function contract_count_signed();

create index client_prospect_name_idx on client (full_name, id) where signed_contract_count = 0;

-- "My contracts" with "not fully paid" / "not signed", counted from the index alone.
drop index contract_sales_contact_idx;
create index contract_sales_contact_idx on contract (sales_contact_id, created_at) include (remaining_cents, signed_at);
