-- "Mes événements à compléter" (Ma journée, support): a support collaborator's coming events
-- without attendees or place, found without reading all of their events.
create index event_incomplete_idx on event (support_contact_id, starts_at) where attendees = 0 or location = '';
