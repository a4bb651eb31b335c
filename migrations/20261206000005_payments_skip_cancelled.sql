-- A cancelled event is no longer the contract's first: milestones due so many days from the
-- first event follow the first one that still takes place (a cancellation is an update of the
-- event, which `event_schedule_follow_update` already follows).
create or replace function payment_schedule_refresh(p_contracts uuid[]) returns void
language sql as $$
  with dated as (
    select m.id, m.contract_id, m.position, m.amount_cents, m.due_kind,
           k.total_cents - k.remaining_cents as paid,
           case m.due_kind
             when 'fixed' then m.fixed_on
             when 'signing' then (k.signed_at at time zone 'Europe/Paris')::date
             else (select (min(e.starts_at) at time zone 'Europe/Paris')::date from event e
                    where e.contract_id = m.contract_id and e.cancelled_at is null) + m.days_from_event
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
