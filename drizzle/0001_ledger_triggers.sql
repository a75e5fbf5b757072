-- The ledger's invariants, enforced by the database: balances move only with a transfer or a mint,
-- in the same statement, and the check on ledger_accounts keeps every balance at or above zero.
CREATE FUNCTION ledger_apply_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts SET balance_micro = balance_micro - NEW.amount_micro WHERE id = NEW.debit_account;
  UPDATE ledger_accounts SET balance_micro = balance_micro + NEW.amount_micro WHERE id = NEW.credit_account;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_apply AFTER INSERT ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_transfer();
--> statement-breakpoint
CREATE FUNCTION ledger_apply_mint() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts SET balance_micro = balance_micro + NEW.amount_micro WHERE id = NEW.account;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_mints_apply AFTER INSERT ON ledger_mints
  FOR EACH ROW EXECUTE FUNCTION ledger_apply_mint();
--> statement-breakpoint
-- Transfers and mints are history: they are never changed or removed.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_mints_append_only BEFORE UPDATE OR DELETE ON ledger_mints
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- Edges are never deleted by any code path; the database refuses it too.
CREATE FUNCTION kg_edges_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'knowledge-graph edges are never deleted (edge %): retract it instead', OLD.id;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER kg_edges_no_delete BEFORE DELETE ON kg_edges
  FOR EACH ROW EXECUTE FUNCTION kg_edges_refuse_delete();
