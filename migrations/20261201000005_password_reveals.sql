-- A password generated for a collaborator waits here until the manager who asked sees it once
-- (any instance may serve that page), 10 minutes at most. Sealed by the instances with a key
-- the database never holds (see app/src/collaborators/reveal.rs): a copy of the database
-- alone reveals none.
create table password_reveal (
    viewer_id uuid not null
        constraint password_reveal_viewer_fkey references collaborator (id) on delete cascade,
    subject_id uuid not null
        constraint password_reveal_subject_fkey references collaborator (id) on delete cascade,
    -- Nonce and ciphertext (XChaCha20-Poly1305).
    sealed bytea not null,
    expires_at timestamptz not null,
    constraint password_reveal_pkey primary key (viewer_id, subject_id)
);
