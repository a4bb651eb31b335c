-- Payments: a contract's schedule (its milestones) and the payments received.
--
-- What remains to be paid is derived, never typed: `contract.remaining_cents` stays a stored
-- column (lists, filters and indexes read it), but a trigger writes it, as the total minus the
-- payments, whoever changes the contract or its payments. So it cannot disagree with them.
--
-- A milestone's share is typed as an amount, a percentage or "the rest"; `amount_cents` holds
-- what it asks in cents, written by the payment service whenever the total or the schedule
-- changes (app/src/payments/schedule.rs rounds the percentages). A deferred check keeps the
-- schedule within the total (and equal to it when one milestone takes the rest). Its due day
-- and the part of the payments it holds are derived here, from the signature, the contract's
-- first event and the payments, by `payment_schedule_refresh`, run by the triggers below.

create table payment (
  id uuid primary key default gen_random_uuid(),
  -- A contract with payments is not deleted (the accounts keep them). Deferrable for the bench
  -- data generator only, which writes a contract's payments before the contract (so that its
  -- remaining amount is derived on insert, and its last change stays as generated).
  contract_id uuid not null
    constraint payment_contract_fkey references contract (id) deferrable initially immediate,
  paid_on date not null,
  amount_cents bigint not null
    constraint payment_amount_check check (amount_cents between 1 and 100000000000),
  -- 'carried_over': what was already paid before payments were recorded one by one (this
  -- migration); the forms never offer it.
  method text not null
    constraint payment_method_check check (method in ('transfer', 'cheque', 'card', 'cash', 'carried_over')),
  recorded_by uuid
    constraint payment_recorded_by_fkey references collaborator (id) on delete set null,
  created_at timestamptz not null default now()
);

create index payment_contract_idx on payment (contract_id, paid_on, id);
-- "Encaissements": what was collected per month (from the index alone).
create index payment_collected_idx on payment (paid_on) include (amount_cents, contract_id)
  where method <> 'carried_over';

create table payment_milestone (
  id uuid primary key default gen_random_uuid(),
  contract_id uuid not null
    constraint payment_milestone_contract_fkey references contract (id) on delete cascade,
  position integer not null,
  label text not null
    constraint payment_milestone_label_check check (length(label) between 1 and 100 and label = btrim(label)),
  share text not null
    constraint payment_milestone_share_check check (share in ('amount', 'percent', 'rest')),
  -- Basis points (3000 = 30 %), for a percentage.
  percent_bp integer
    constraint payment_milestone_percent_bp_check check (percent_bp between 1 and 10000),
  amount_cents bigint not null
    constraint payment_milestone_amount_check check (amount_cents between 0 and 100000000000),
  -- 'signing': the day the contract is signed; 'fixed': `fixed_on`; 'event': `days_from_event`
  -- days from the Paris day of the contract's first event (-30: thirty days before).
  due_kind text not null
    constraint payment_milestone_due_kind_check check (due_kind in ('signing', 'fixed', 'event')),
  fixed_on date,
  days_from_event integer
    constraint payment_milestone_days_check check (days_from_event between -730 and 730),
  -- Derived (payment_schedule_refresh): null while unknown (unsigned, or no event yet).
  due_on date,
  -- Derived: the payments are allocated to the milestones in due order.
  paid_cents bigint not null default 0,
  created_at timestamptz not null default now(),
  constraint payment_milestone_percent_check check ((share = 'percent') = (percent_bp is not null)),
  constraint payment_milestone_due_check
    check ((due_kind = 'fixed') = (fixed_on is not null) and (due_kind = 'event') = (days_from_event is not null)),
  constraint payment_milestone_paid_check check (paid_cents between 0 and amount_cents),
  constraint payment_milestone_position_key unique (contract_id, position)
);

-- One milestone at most takes the rest of the total.
create unique index payment_milestone_rest_key on payment_milestone (contract_id) where share = 'rest';
-- "Encaissements": what is still owed, by due day; and what falls due per month (both from the
-- index alone).
create index payment_milestone_open_idx on payment_milestone (due_on, contract_id) include (amount_cents, paid_cents)
  where paid_cents < amount_cents;
create index payment_milestone_due_idx on payment_milestone (due_on) include (amount_cents, contract_id);

-- The order payments settle milestones in: by due day; one due at a signature still to come
-- first, one waiting for an event's date last; then as the schedule lists them.
create function payment_milestone_rank(p_due_on date, p_due_kind text) returns date
language sql immutable as $$
  select coalesce(p_due_on, case p_due_kind when 'signing' then '-infinity'::date else 'infinity'::date end)
$$;

create function payment_schedule_refresh(p_contracts uuid[]) returns void
language sql as $$
  with dated as (
    select m.id, m.contract_id, m.position, m.amount_cents, m.due_kind,
           k.total_cents - k.remaining_cents as paid,
           case m.due_kind
             when 'fixed' then m.fixed_on
             when 'signing' then (k.signed_at at time zone 'Europe/Paris')::date
             else (select (min(e.starts_at) at time zone 'Europe/Paris')::date from event e
                    where e.contract_id = m.contract_id) + m.days_from_event
           end as due_on
      from payment_milestone m
      join contract k on k.id = m.contract_id
     where m.contract_id in (select unnest(p_contracts))
  ),
  settled as (
    select id, due_on,
           greatest(0, least(amount_cents, paid - coalesce(sum(amount_cents) over (
             partition by contract_id order by payment_milestone_rank(due_on, due_kind), position
             rows between unbounded preceding and 1 preceding), 0))) as paid_cents
      from dated
  )
  update payment_milestone m set due_on = s.due_on, paid_cents = s.paid_cents
    from settled s
   where m.id = s.id and (m.due_on is distinct from s.due_on or m.paid_cents <> s.paid_cents)
$$;

-- Existing contracts keep their amounts: one milestone "Solde" takes the whole total, due the
-- day of the first event, and what was already paid becomes one carried-over payment, dated
-- the contract's last change (the best day known).
insert into payment_milestone (contract_id, position, label, share, amount_cents, due_kind, days_from_event)
select id, 1, 'Solde', 'rest', total_cents, 'event', 0 from contract;

insert into payment (contract_id, paid_on, amount_cents, method, created_at)
select id, (updated_at at time zone 'Europe/Paris')::date, total_cents - remaining_cents, 'carried_over', updated_at
  from contract where total_cents > remaining_cents;

select payment_schedule_refresh(array(select id from contract));

-- The remaining amount, on every insert and every change of the amounts: total − payments.
create function contract_derive_remaining() returns trigger
language plpgsql as $$
begin
  new.remaining_cents := new.total_cents
    - coalesce((select sum(amount_cents) from payment where contract_id = new.id), 0);
  return new;
end $$;

create trigger contract_derive_remaining before insert or update of total_cents, remaining_cents on contract
  for each row execute function contract_derive_remaining();

-- A payment recorded or deleted changes its contract's remaining amount (`contract_derive_remaining`
-- works it out; the 0 written here is never kept). The version, which guards what the contract's
-- form edits, stays: a payment conflicts with no edit (the total's change checks it, locked).
create function payment_settle_contracts() returns trigger
language plpgsql as $$
begin
  update contract set remaining_cents = 0
   where id in (select distinct contract_id from changed);
  return null;
end $$;

create trigger payment_added after insert on payment
  referencing new table as changed for each statement execute function payment_settle_contracts();
create trigger payment_deleted after delete on payment
  referencing old table as changed for each statement execute function payment_settle_contracts();

-- Dates and allocation follow the contract (signature, amounts) and its events.
create function payment_schedule_follow() returns trigger
language plpgsql as $$
begin
  perform payment_schedule_refresh(array(select distinct contract_id from changed));
  return null;
end $$;

create function payment_schedule_follow_contract() returns trigger
language plpgsql as $$
begin
  perform payment_schedule_refresh(array(select id from changed));
  return null;
end $$;

create trigger contract_schedule_follow after update on contract
  referencing new table as changed for each statement execute function payment_schedule_follow_contract();
create trigger event_schedule_follow_insert after insert on event
  referencing new table as changed for each statement execute function payment_schedule_follow();
create trigger event_schedule_follow_update after update on event
  referencing new table as changed for each statement execute function payment_schedule_follow();
create trigger event_schedule_follow_delete after delete on event
  referencing old table as changed for each statement execute function payment_schedule_follow();

-- The schedule never asks more than the total, and exactly the total when a milestone takes the
-- rest. Checked at commit: the service rewrites several milestones in one change.
create function payment_schedule_check() returns trigger
language plpgsql as $$
declare
  v_contract uuid;
  v_total bigint;
  v_asked bigint;
  v_rest boolean;
begin
  if tg_table_name = 'contract' then
    v_contract := new.id;
  elsif tg_op = 'DELETE' then
    v_contract := old.contract_id;
  else
    v_contract := new.contract_id;
  end if;
  select k.total_cents, coalesce(sum(m.amount_cents), 0), coalesce(bool_or(m.share = 'rest'), false)
    into v_total, v_asked, v_rest
    from contract k left join payment_milestone m on m.contract_id = k.id
   where k.id = v_contract
   group by k.total_cents;
  if found and (v_asked > v_total or (v_rest and v_asked <> v_total)) then
    raise exception 'the schedule of contract % asks % of a total of %', v_contract, v_asked, v_total
      using errcode = 'check_violation', constraint = 'payment_schedule_total_check';
  end if;
  return null;
end $$;

create constraint trigger payment_schedule_total_check after insert or update or delete on payment_milestone
  deferrable initially deferred for each row execute function payment_schedule_check();
create constraint trigger contract_schedule_total_check after update of total_cents on contract
  deferrable initially deferred for each row execute function payment_schedule_check();

-- The notifications of the schedule: a milestone due soon (to the client's sales contact) and an
-- event less than 14 days away whose contract still owes money (to management), each said once.
alter table notification add column milestone_id uuid
  constraint notification_milestone_fkey references payment_milestone (id) on delete cascade;
alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in (
  'event_assigned', 'event_changed', 'contract_signed', 'contract_paid', 'follow_up_due',
  'event_without_support', 'milestone_due', 'event_unpaid'
));
alter table notification add constraint notification_milestone_check
  check ((kind = 'milestone_due') = (milestone_id is not null));
create unique index notification_payment_once_idx on notification (recipient_id, kind, coalesce(milestone_id, event_id))
  where kind in ('milestone_due', 'event_unpaid');
