-- A salesperson's own contracts board ("Les miens"): an open contract's own salesperson is its
-- client's current one (it moves with the client), so its open stages are read from indexes
-- per salesperson, a page of cards and a capped count without walking everyone's column.
create index contract_prospect_sales_idx on contract (sales_contact_id, created_at, id)
  where signed_at is null and proposed_at is null;
create index contract_proposal_sales_idx on contract (sales_contact_id, proposed_at, id)
  where signed_at is null and proposed_at is not null;
create index contract_signed_open_sales_idx on contract (sales_contact_id, signed_at, id)
  where signed_at is not null and remaining_cents > 0;
