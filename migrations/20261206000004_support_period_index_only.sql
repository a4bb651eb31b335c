-- A support collaborator's overlapping events are found from the index alone: it carries their
-- ids, so the check reads the few events it names, not every event of a busy person's week
-- (30 ms against 4 for one event's choice of support, `scripts/bench`'s data set).
drop index event_support_period_idx;
create index event_support_period_idx on event using gist (support_contact_id, period) include (id)
  where cancelled_at is null and support_contact_id is not null;
