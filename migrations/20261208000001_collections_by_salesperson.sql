-- "Encaissements" without walking every milestone and payment.
--
-- A salesperson's view used to find their milestones and payments through their contracts (a
-- semi-join over some 14,000 contracts at the benchmark's size), and every view summed the
-- months by reading each milestone and payment of six months (about 200,000 rows). Now:
-- - each milestone and each payment carries its contract's salesperson, kept equal to it by the
--   triggers below (an open contract moves with its client, its schedule and payments with it),
--   so a salesperson's overdue and due-soon lists are read from an index of their own;
-- - `collection_month` holds, per salesperson and month, what the milestones ask that fall due
--   then and what was collected then, kept by statement triggers from the rows that changed.
--   The application only reads it (server/src/db.rs): the triggers write it as the owner.

-- (The schedule's total is checked as each row is written, not at commit: a table with checks
-- still pending cannot be altered.)
set constraints payment_schedule_total_check immediate;
alter table payment_milestone add column sales_contact_id uuid;
update payment_milestone m set sales_contact_id = k.sales_contact_id from contract k where k.id = m.contract_id;
alter table payment_milestone alter column sales_contact_id set not null,
  add constraint payment_milestone_sales_contact_fkey foreign key (sales_contact_id) references collaborator (id);

alter table payment add column sales_contact_id uuid;
update payment p set sales_contact_id = k.sales_contact_id from contract k where k.id = p.contract_id;
alter table payment alter column sales_contact_id set not null,
  add constraint payment_sales_contact_fkey foreign key (sales_contact_id) references collaborator (id);

-- A row's salesperson is its contract's, whatever the writer says. (The bench data generator
-- writes payments before their contract, with the salesperson it is about to give it; the
-- contract's key is checked at its commit.)
create function payment_row_sales_contact() returns trigger
language plpgsql as $$
begin
  new.sales_contact_id := coalesce(
    (select k.sales_contact_id from contract k where k.id = new.contract_id), new.sales_contact_id);
  return new;
end $$;

create trigger payment_milestone_sales_contact before insert or update of contract_id, sales_contact_id
  on payment_milestone for each row execute function payment_row_sales_contact();
create trigger payment_sales_contact before insert or update of contract_id, sales_contact_id
  on payment for each row execute function payment_row_sales_contact();

-- A contract given to another salesperson takes its milestones and payments along. As the
-- owner: the application never changes a payment (server/src/db.rs).
create function contract_sales_contact_follow() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  update payment_milestone m set sales_contact_id = n.sales_contact_id
    from changed n join previous o on o.id = n.id
   where m.contract_id = n.id and n.sales_contact_id <> o.sales_contact_id;
  update payment p set sales_contact_id = n.sales_contact_id
    from changed n join previous o on o.id = n.id
   where p.contract_id = n.id and n.sales_contact_id <> o.sales_contact_id;
  return null;
end $$;

create trigger contract_sales_contact_follow after update on contract
  referencing old table as previous new table as changed
  for each statement execute function contract_sales_contact_follow();

-- A collaborator who may be deleted follows no contract: their months add up to nothing.
create table collection_month (
  sales_contact_id uuid not null
    constraint collection_month_sales_contact_fkey references collaborator (id) on delete cascade,
  month date not null
    constraint collection_month_first_day_check check (extract(day from month) = 1),
  due_cents bigint not null default 0,
  collected_cents bigint not null default 0,
  primary key (sales_contact_id, month)
);

-- Adds what a statement changed to its salespeople's months: one trigger function for the
-- milestones (what falls due) and the payments (what was collected), told by its arguments which
-- total it keeps, which day counts and which rows count. One upsert per statement, rows taken in
-- key order (two changes lock their months in the same order); months whose total did not move
-- are left alone (a payment's settling rewrites its milestones' paid part, not their amount or
-- day). The transition tables are only seen from this function, hence the dynamic statement.
create function collection_month_follow() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
declare
  v_came text := format('select sales_contact_id, %I as day, amount_cents as cents from changed where %s',
                        tg_argv[1], tg_argv[2]);
  v_went text := format('select sales_contact_id, %I as day, -amount_cents as cents from previous where %s',
                        tg_argv[1], tg_argv[2]);
begin
  execute format(
    'insert into collection_month as t (sales_contact_id, month, %1$I)
     select sales_contact_id, date_trunc(''month'', day)::date, sum(cents) from (%2$s) r
      group by 1, 2 having sum(cents) <> 0 order by 1, 2
     on conflict (sales_contact_id, month) do update set %1$I = t.%1$I + excluded.%1$I',
    tg_argv[0],
    case tg_op when 'INSERT' then v_came when 'DELETE' then v_went else v_came || ' union all ' || v_went end);
  return null;
end $$;

create trigger collection_month_milestones_added after insert on payment_milestone
  referencing new table as changed for each statement
  execute function collection_month_follow('due_cents', 'due_on', 'due_on is not null');
create trigger collection_month_milestones_changed after update on payment_milestone
  referencing old table as previous new table as changed for each statement
  execute function collection_month_follow('due_cents', 'due_on', 'due_on is not null');
create trigger collection_month_milestones_deleted after delete on payment_milestone
  referencing old table as previous for each statement
  execute function collection_month_follow('due_cents', 'due_on', 'due_on is not null');
create trigger collection_month_payments_added after insert on payment
  referencing new table as changed for each statement
  execute function collection_month_follow('collected_cents', 'paid_on', 'method <> ''carried_over''');
create trigger collection_month_payments_changed after update on payment
  referencing old table as previous new table as changed for each statement
  execute function collection_month_follow('collected_cents', 'paid_on', 'method <> ''carried_over''');
create trigger collection_month_payments_deleted after delete on payment
  referencing old table as previous for each statement
  execute function collection_month_follow('collected_cents', 'paid_on', 'method <> ''carried_over''');

insert into collection_month (sales_contact_id, month, due_cents, collected_cents)
select sales_contact_id, month, sum(due), sum(collected)
  from (select sales_contact_id, date_trunc('month', due_on)::date as month, amount_cents as due, 0 as collected
          from payment_milestone where due_on is not null
        union all
        select sales_contact_id, date_trunc('month', paid_on)::date, 0, amount_cents
          from payment where method <> 'carried_over') x
 group by 1, 2;

-- The lists: what is still owed by due day, everyone's and each salesperson's (both in the
-- pages' order, from the index alone). The months no longer read the rows.
drop index payment_milestone_open_idx;
drop index payment_milestone_due_idx;
drop index payment_collected_idx;
create index payment_milestone_open_idx on payment_milestone (due_on, id) include (amount_cents, paid_cents)
  where paid_cents < amount_cents;
create index payment_milestone_open_sales_idx on payment_milestone (sales_contact_id, due_on, id)
  include (amount_cents, paid_cents) where paid_cents < amount_cents;
