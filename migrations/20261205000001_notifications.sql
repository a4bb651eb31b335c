-- Notifications: what happened that one collaborator should know, shown by the bell until read.
-- A row names its record (an event, a contract or a follow-up) and never copies its text: the
-- bell shows the record as it is now, so that an anonymised client's names are gone from the
-- bell too, and a deleted record takes its notifications with it.
create table notification (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null
    constraint notification_recipient_fkey references collaborator (id) on delete cascade,
  kind text not null
    constraint notification_kind_check check (kind in (
      'event_assigned', 'event_changed', 'contract_signed', 'contract_paid', 'follow_up_due',
      'event_without_support'
    )),
  event_id uuid
    constraint notification_event_fkey references event (id) on delete cascade,
  contract_id uuid
    constraint notification_contract_fkey references contract (id) on delete cascade,
  follow_up_id uuid
    constraint notification_follow_up_fkey references follow_up (id) on delete cascade,
  -- Who did it (null for what the clock brings: a follow-up due, an event still without support).
  actor_id uuid
    constraint notification_actor_fkey references collaborator (id) on delete set null,
  -- For a changed event, which of its fields changed: codes, never values.
  changed text[] not null default '{}',
  created_at timestamptz not null,
  read_at timestamptz,
  -- When the daily e-mail digest named it (only with SMTP_URL).
  emailed_at timestamptz,
  constraint notification_record_check check (num_nonnulls(event_id, contract_id, follow_up_id) = 1)
);

-- The bell: someone's newest notifications, and their unread count.
create index notification_recipient_idx on notification (recipient_id, created_at desc, id);
create index notification_unread_idx on notification (recipient_id) where read_at is null;
create index notification_event_idx on notification (event_id) where event_id is not null;
create index notification_contract_idx on notification (contract_id) where contract_id is not null;
create index notification_follow_up_idx on notification (follow_up_id) where follow_up_id is not null;
-- What the clock brings is said once, however many instances look: a follow-up due once to its
-- owner, an event without support once to each manager.
create unique index notification_once_idx on notification (recipient_id, kind, coalesce(follow_up_id, event_id))
  where kind in ('follow_up_due', 'event_without_support');

grant select, insert, update, delete on notification to epic_app;

-- The daily e-mail digest (only with SMTP_URL): one per collaborator and Paris day, claimed by the
-- instance that sends it.
create table notification_digest (
  recipient_id uuid not null
    constraint notification_digest_recipient_fkey references collaborator (id) on delete cascade,
  day date not null,
  sent_at timestamptz not null,
  primary key (recipient_id, day)
);

grant select, insert, update, delete on notification_digest to epic_app;

-- Every instance hears whose bell changed (`LISTEN notification`), when the change commits: a
-- notification added, read (in another tab, on another instance) or deleted (purged, or with its
-- record). The payload is the recipient's id, nothing else.
create function notification_announce() returns trigger language plpgsql as $$
begin
  perform pg_notify('notification', recipient_id::text) from (select distinct recipient_id from changed) r;
  return null;
end $$;

create trigger notification_added after insert on notification
  referencing new table as changed for each statement execute function notification_announce();
create trigger notification_read after update on notification
  referencing new table as changed for each statement execute function notification_announce();
create trigger notification_deleted after delete on notification
  referencing old table as changed for each statement execute function notification_announce();
