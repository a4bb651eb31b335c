-- The contracts board: Prospect / Proposition / Signé / Soldé. A proposal sent is a fact of its
-- own (when it was sent); signed and paid follow `signed_at` and what remains to pay.
alter table contract add column proposed_at timestamptz;
alter table contract add constraint contract_proposed_before_signed_check
  check (proposed_at is null or signed_at is null or proposed_at <= signed_at);

-- Each column is read newest first from an index of its own: a page of cards and a count
-- capped at 1,001 at a time, whatever the number of contracts.
create index contract_prospect_idx on contract (created_at, id) where signed_at is null and proposed_at is null;
create index contract_proposal_idx on contract (proposed_at, id) where signed_at is null and proposed_at is not null;
create index contract_signed_open_idx on contract (signed_at, id) where signed_at is not null and remaining_cents > 0;
create index contract_paid_idx on contract (signed_at, id) where signed_at is not null and remaining_cents = 0;
