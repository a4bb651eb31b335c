-- Deleting a milestone (or the contract it belongs to) deletes its notifications: found through
-- this index, as those of an event or a contract are, not by reading every notification.
create index notification_milestone_idx on notification (milestone_id) where milestone_id is not null;
