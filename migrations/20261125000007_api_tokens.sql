-- REST API refresh tokens: opaque, stored as their SHA-256 only, rotated at every use. Tokens
-- issued from one sign-in share a family; presenting a token already used revokes the family.
create table api_refresh_token (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null,
  collaborator_id uuid not null
    constraint api_refresh_token_collaborator_fkey references collaborator (id) on delete cascade,
  token_hash bytea not null
    constraint api_refresh_token_token_hash_key unique
    constraint api_refresh_token_token_hash_check check (length(token_hash) = 32),
  issued_at timestamptz not null,
  expires_at timestamptz not null,
  -- Set when the token was exchanged for a new one.
  used_at timestamptz,
  revoked_at timestamptz,
  constraint api_refresh_token_expiry_check check (expires_at > issued_at)
);

create index api_refresh_token_family_idx on api_refresh_token (family_id);
create index api_refresh_token_collaborator_idx on api_refresh_token (collaborator_id) where revoked_at is null;
