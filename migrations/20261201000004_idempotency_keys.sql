-- Asking twice creates once: a creation sent again with the same `Idempotency-Key` (the API's
-- header, the web forms' hidden field) finds the record the first one made instead of making
-- another. Keys are per collaborator; a key is remembered for a day (see app/src/idempotency.rs).
-- Nothing personal is kept: a digest of the request and the created record's id.
create table idempotency_key (
    collaborator_id uuid not null
        constraint idempotency_key_collaborator_fkey references collaborator (id) on delete cascade,
    key text not null
        constraint idempotency_key_key_check check (length(key) between 1 and 255),
    -- SHA-256 of what was asked: the same key with another request is refused.
    fingerprint bytea not null,
    -- Set in the transaction that claims the key, before it commits.
    resource_id uuid,
    created_at timestamptz not null,
    constraint idempotency_key_pkey primary key (collaborator_id, key)
);

create index idempotency_key_created_at_idx on idempotency_key (created_at);
