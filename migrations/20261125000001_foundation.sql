-- Foundation: collaborators and their departments, sign-in attempts, server-side sessions.

create or replace function set_updated_at() returns trigger
language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- Reference data: the company's three teams.
create table department (
  code text primary key
    constraint department_code_check check (code ~ '^[a-z]+$'),
  label_fr text not null
);

insert into department (code, label_fr) values
  ('sales', 'Commercial'),
  ('support', 'Support'),
  ('management', 'Gestion');

create table collaborator (
  id uuid primary key default gen_random_uuid(),
  employee_number text not null
    constraint collaborator_employee_number_key unique
    constraint collaborator_employee_number_check check (employee_number ~ '^[A-Z0-9-]{1,20}$'),
  full_name text not null
    constraint collaborator_full_name_check check (length(btrim(full_name)) between 1 and 120),
  email text not null
    constraint collaborator_email_check check (length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  department text not null
    constraint collaborator_department_fkey references department (code),
  -- argon2id PHC string.
  password_hash text not null
    constraint collaborator_password_hash_check check (password_hash like '$argon2%'),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index collaborator_email_key on collaborator (lower(email));

create trigger collaborator_set_updated_at before update on collaborator
  for each row execute function set_updated_at();

-- Every sign-in attempt, for throttling (and, later, the security log).
create table sign_in_attempt (
  id bigint generated always as identity primary key,
  -- As typed (trimmed, lowercased): it may match no account.
  email text not null
    constraint sign_in_attempt_email_check check (length(email) <= 254),
  ip inet not null,
  succeeded boolean not null,
  attempted_at timestamptz not null
);

create index sign_in_attempt_email_ip_idx on sign_in_attempt (email, ip, attempted_at desc);
create index sign_in_attempt_ip_idx on sign_in_attempt (ip, attempted_at desc) where not succeeded;

-- One row per signed-in browser: the cookie session only holds this row's id, so that sessions
-- can be timed out, listed and ended from the server.
create table collaborator_session (
  id uuid primary key,
  collaborator_id uuid not null
    constraint collaborator_session_collaborator_fkey references collaborator (id) on delete cascade,
  started_at timestamptz not null,
  last_seen_at timestamptz not null,
  ended_at timestamptz,
  ip inet,
  user_agent text
    constraint collaborator_session_user_agent_check check (length(user_agent) <= 512)
);

create index collaborator_session_open_idx on collaborator_session (collaborator_id) where ended_at is null;

-- tower-sessions' store (the layout its PostgresStore expects).
create table http_session (
  id text primary key,
  data bytea not null,
  expiry_date timestamptz not null
);

create index http_session_expiry_idx on http_session (expiry_date);
