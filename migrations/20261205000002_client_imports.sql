-- Client import (CSV): a file read and checked is staged here until its importer confirms it,
-- for an hour at most. `rows` holds each row as typed, its errors and its likely duplicate
-- (app/src/client_import/model.rs `StagedRow`); the confirmation empties it (the clients are
-- in `client` by then) and keeps only the counts in `result`. Expired imports are deleted at
-- the next upload. The application role gets its rights from `grant_app_role`
-- (server/src/db.rs), run by `migrate` after the migrations.
create table client_import (
  id uuid primary key default gen_random_uuid(),
  -- Who uploaded it: the only one who sees and confirms it.
  owner_id uuid not null
    constraint client_import_owner_fkey references collaborator (id) on delete cascade,
  -- Whose portfolio it fills (the owner, or the salesperson management chose).
  sales_contact_id uuid not null
    constraint client_import_sales_contact_fkey references collaborator (id) on delete cascade,
  file_name text not null
    constraint client_import_file_name_check check (length(file_name) <= 255),
  rows jsonb not null
    constraint client_import_rows_check check (jsonb_typeof(rows) = 'array'),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  confirmed_at timestamptz,
  result jsonb,
  constraint client_import_expires_check check (expires_at > created_at),
  constraint client_import_confirmed_check check ((confirmed_at is null) = (result is null))
);

create index client_import_owner_idx on client_import (owner_id, created_at);
create index client_import_expires_idx on client_import (expires_at);

-- The likely duplicates of an import's rows are found by e-mail (client_email_key) and by
-- name and company, case-insensitively: one index lookup per row of the file.
create index client_name_company_idx on client (lower(full_name), lower(company_name));
