-- Ending a collaborator's access ends all of it, at once, on every instance.

-- Bumped each time a collaborator's access is ended (deactivation, department change, password
-- change or reset, sessions closed by management). Access tokens carry the version they were
-- issued under and stop working as soon as it changes.
alter table collaborator add column credential_version integer not null default 0;

-- A refresh family (one API sign-in) has an absolute lifetime that rotation never extends, and
-- keeps where it was opened from, for the sessions page.
alter table api_refresh_token
  add column family_expires_at timestamptz,
  add column ip inet,
  add column user_agent text
    constraint api_refresh_token_user_agent_check check (length(user_agent) <= 512);
update api_refresh_token t
  set family_expires_at = f.started_at + interval '30 days'
  from (select family_id, min(issued_at) as started_at from api_refresh_token group by family_id) f
  where f.family_id = t.family_id;
update api_refresh_token set expires_at = family_expires_at where expires_at > family_expires_at;
alter table api_refresh_token
  alter column family_expires_at set not null,
  add constraint api_refresh_token_family_expiry_check check (expires_at <= family_expires_at);

-- Tokens presented again after use, and refusals, are security events.
alter table security_event drop constraint security_event_kind_check;
alter table security_event add constraint security_event_kind_check check (kind in (
  'sign_in', 'sign_in_failed', 'lockout', 'password_changed', 'session_ended', 'sessions_ended',
  'api_sign_in_ended', 'refresh_token_reused', 'access_refused'
));
