-- Event operations: an event's state (confirmed, cancelled), and the indexed time ranges that
-- find a support collaborator's overlapping events and two events at one place at one time.

-- Equality on a uuid or a text next to a range in one GiST index.
create extension if not exists btree_gist;

-- Planned until confirmed; cancelled events are kept, with their reason, never deleted for it.
-- "En cours" and "terminé" are not stored: they follow the dates and the clock.
alter table event
  add column confirmed_at timestamptz,
  add column cancelled_at timestamptz,
  add column cancel_reason text
    constraint event_cancel_reason_check check (length(cancel_reason) between 1 and 500 and cancel_reason = btrim(cancel_reason)),
  add constraint event_cancelled_check check ((cancelled_at is null) = (cancel_reason is null)),
  add constraint event_cancelled_not_confirmed_check check (cancelled_at is null or confirmed_at is null),
  -- The event's time as one range, start included, end excluded: an event ending at 14:00 and
  -- one starting at 14:00 do not overlap.
  add column period tstzrange generated always as (tstzrange(starts_at, ends_at, '[)')) stored,
  -- The place as two people typing the same address would both write it.
  add column place_key text generated always as (lower(regexp_replace(btrim(location), '\s+', ' ', 'g'))) stored;

-- A support collaborator's events that overlap a time range (the double-booking check, and the
-- week's load): one index scan, whatever the number of events.
create index event_support_period_idx on event using gist (support_contact_id, period)
  where cancelled_at is null and support_contact_id is not null;

-- Other events at the same place at the same time.
create index event_place_period_idx on event using gist (place_key, period)
  where cancelled_at is null;

-- Management's queue skips cancelled events.
drop index event_without_support_idx;
create index event_without_support_idx on event (starts_at, id) where support_contact_id is null and cancelled_at is null;

alter table notification drop constraint notification_kind_check;
alter table notification add constraint notification_kind_check check (kind in (
  'event_assigned', 'event_changed', 'contract_signed', 'contract_paid', 'follow_up_due',
  'event_without_support', 'milestone_due', 'event_unpaid', 'event_cancelled'
));

-- The company's planning settings: one row. The travel buffer is the time a support
-- collaborator needs between two events; management sets it.
create table planning_setting (
  id boolean primary key default true constraint planning_setting_single_check check (id),
  travel_buffer_minutes integer not null default 120
    constraint planning_setting_travel_buffer_check check (travel_buffer_minutes between 0 and 1440),
  updated_at timestamptz not null default now()
);
insert into planning_setting default values;

-- Changes of a setting are audited too (their record's id is the nil uuid).
alter table audit_record drop constraint audit_record_entity_check;
alter table audit_record add constraint audit_record_entity_check
  check (entity in ('client', 'contract', 'event', 'collaborator', 'setting'));
