-- A salesperson's *Soldé* column ("Les miens") goes through their clients, as the rights do (a
-- paid contract keeps who sold it): its count probes each client's paid contracts here instead
-- of reading every paid contract.
create index contract_paid_client_idx on contract (client_id) where signed_at is not null and remaining_cents = 0;
