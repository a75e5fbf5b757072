-- The catalog's counts, kept exact by statement-level triggers on models: each statement adds its
-- rows' net change per (is_latest, model_family, status) in one grouped upsert, so a bulk insert
-- costs one statement, not one per row. Rows are upserted in key order, so two transactions that
-- touch the same counters lock them in the same order and cannot deadlock.
CREATE FUNCTION model_counts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO model_counts (is_latest, model_family, status, versions)
  SELECT is_latest, model_family, status, count(*) FROM inserted_rows
   GROUP BY is_latest, model_family, status ORDER BY is_latest, model_family, status
  ON CONFLICT (is_latest, model_family, status) DO UPDATE SET versions = model_counts.versions + excluded.versions;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION model_counts_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO model_counts (is_latest, model_family, status, versions)
  SELECT is_latest, model_family, status, sum(n) FROM (
      SELECT is_latest, model_family, status, -1 AS n FROM old_rows
      UNION ALL
      SELECT is_latest, model_family, status, 1 AS n FROM new_rows) AS delta
   GROUP BY is_latest, model_family, status HAVING sum(n) <> 0
   ORDER BY is_latest, model_family, status
  ON CONFLICT (is_latest, model_family, status) DO UPDATE SET versions = model_counts.versions + excluded.versions;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION model_counts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE model_counts c SET versions = c.versions - d.n
    FROM (SELECT is_latest, model_family, status, count(*) AS n FROM deleted_rows
           GROUP BY is_latest, model_family, status) AS d
   WHERE c.is_latest = d.is_latest AND c.model_family = d.model_family AND c.status = d.status;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER models_count_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION model_counts_on_insert();
--> statement-breakpoint
CREATE TRIGGER models_count_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_counts_on_update();
--> statement-breakpoint
CREATE TRIGGER models_count_delete AFTER DELETE ON models
  REFERENCING OLD TABLE AS deleted_rows FOR EACH STATEMENT EXECUTE FUNCTION model_counts_on_delete();
--> statement-breakpoint
INSERT INTO model_counts (is_latest, model_family, status, versions)
SELECT is_latest, model_family, status, count(*) FROM models GROUP BY is_latest, model_family, status;
--> statement-breakpoint
-- Substring search of the catalog (`q`: title or id, case-insensitive) through trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX artifacts_title_trgm_idx ON artifacts USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX artifacts_id_trgm_idx ON artifacts USING gin (id gin_trgm_ops);
