-- Debriefs: once an event is over, its support says what went well, what did not, how satisfied
-- the client was (1 to 5) and how many came. One per event; the client's page shows the mean
-- satisfaction over its events' debriefs.
create table event_debrief (
  event_id uuid primary key
    constraint event_debrief_event_fkey references event (id) on delete cascade,
  went_well text not null default ''
    constraint event_debrief_went_well_check check (length(went_well) <= 2000),
  went_badly text not null default ''
    constraint event_debrief_went_badly_check check (length(went_badly) <= 2000),
  satisfaction smallint not null
    constraint event_debrief_satisfaction_check check (satisfaction between 1 and 5),
  actual_attendees integer not null
    constraint event_debrief_actual_attendees_check check (actual_attendees between 0 and 1000000),
  -- Kept as history if that account is ever deleted.
  written_by uuid
    constraint event_debrief_written_by_fkey references collaborator (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
