-- A CSV export of a list is a security event: who took which list (its path and filters, in
-- `detail`) out of the application.
alter table security_event add column detail text
  constraint security_event_detail_check check (length(detail) <= 2000);

alter table security_event drop constraint security_event_kind_check;
alter table security_event add constraint security_event_kind_check check (kind in (
  'sign_in', 'sign_in_failed', 'lockout', 'password_changed', 'session_ended', 'sessions_ended',
  'api_sign_in_ended', 'refresh_token_reused', 'access_refused', 'calendar_feed_created',
  'calendar_feed_revoked', 'list_exported'
));
