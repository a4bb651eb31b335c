-- The event-day run sheet ("feuille de route"): per event, the place's access notes, the
-- client's contact on site, and the timeline of the day (set-up, doors, programme, teardown).
-- Collaborators get a phone, so that the sheet gives the salesperson's and support's numbers.
--
-- One `run_sheet` row per event, made by its first change; its `version` guards every change
-- of the sheet (its fields and its timeline alike), as `event.version` guards the event.

alter table collaborator add column phone text
  constraint collaborator_phone_check check (phone ~ '^\+[1-9][0-9]{6,14}$');

create table run_sheet (
  event_id uuid primary key
    constraint run_sheet_event_fkey references event (id) on delete cascade,
  access_notes text not null default ''
    constraint run_sheet_access_notes_check check (length(access_notes) <= 1000),
  onsite_contact_name text not null default ''
    constraint run_sheet_onsite_contact_name_check check (length(onsite_contact_name) <= 120),
  onsite_contact_phone text
    constraint run_sheet_onsite_contact_phone_check check (onsite_contact_phone ~ '^\+[1-9][0-9]{6,14}$'),
  -- 0: made by a change of the timeline only; each change adds one.
  version integer not null default 0,
  updated_at timestamptz not null default now()
);

create table run_sheet_item (
  id uuid primary key default gen_random_uuid(),
  event_id uuid not null
    constraint run_sheet_item_event_fkey references run_sheet (event_id) on delete cascade,
  at timestamptz not null,
  kind text not null
    constraint run_sheet_item_kind_check check (kind in ('setup', 'doors', 'programme', 'teardown')),
  label text not null
    constraint run_sheet_item_label_check check (length(label) between 1 and 120 and label = btrim(label)),
  details text not null default ''
    constraint run_sheet_item_details_check check (length(details) <= 500),
  created_at timestamptz not null default now()
);

-- The timeline in its order.
create index run_sheet_item_event_idx on run_sheet_item (event_id, at, id);
