-- The agenda and the calendar feeds leave cancelled events out: their per-day counts and first
-- events read this index alone (about 1,900 events a day on the benchmark's data), where the
-- index on every event made them read each event's row to check it was not cancelled
-- (650 ms for the month view instead of a few).
create index if not exists event_active_starts_idx on event (starts_at, id) where cancelled_at is null;
