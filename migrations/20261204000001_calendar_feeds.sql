-- Calendar feeds: one secret link per collaborator, for their own calendar application.
-- The token itself is never stored in the clear: its SHA-256 finds the feed, and a copy sealed
-- with a key the instances share and the database never holds lets "Mon compte" show the link
-- again. A new link replaces the old one; deleting the row ends the feed.
create table calendar_feed (
  collaborator_id uuid primary key
    constraint calendar_feed_collaborator_fkey references collaborator (id) on delete cascade,
  token_hash bytea not null
    constraint calendar_feed_token_hash_key unique
    constraint calendar_feed_token_hash_check check (length(token_hash) = 32),
  token_sealed bytea not null,
  created_at timestamptz not null default now()
);

grant select, insert, update, delete on calendar_feed to epic_app;

-- Creating and revoking a feed link are security events (a credential given or taken back).
alter table security_event drop constraint security_event_kind_check;
alter table security_event add constraint security_event_kind_check check (kind in (
  'sign_in', 'sign_in_failed', 'lockout', 'password_changed', 'session_ended', 'sessions_ended',
  'api_sign_in_ended', 'refresh_token_reused', 'access_refused', 'calendar_feed_created',
  'calendar_feed_revoked'
));
