-- The events board: each column is read in its own order from an index of its own, a page of
-- cards and a count capped at 1,001 at a time, whatever the number of events.
create index event_to_plan_idx on event (starts_at, id) where cancelled_at is null and confirmed_at is null;
create index event_confirmed_idx on event (starts_at, id) where cancelled_at is null and confirmed_at is not null;
-- "En cours": the events whose time contains the present moment.
create index event_ongoing_idx on event using gist (period) where cancelled_at is null;
create index event_finished_idx on event (ends_at, id) where cancelled_at is null;
create index event_cancelled_idx on event (cancelled_at, id) where cancelled_at is not null;
