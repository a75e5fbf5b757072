-- Hand-written: what drizzle-kit cannot say. Versions registered before `models.updated_at` existed
-- last changed when they were made, as far as anyone can tell; and `name LIKE` / `ILIKE` searches of
-- the MLflow face read a trigram index on lineage names (pg_trgm is loaded by 0004).
UPDATE "models" SET "updated_at" = "created_at";--> statement-breakpoint
CREATE INDEX "lineages_name_trgm_idx" ON "lineages" USING gin ("model_name" gin_trgm_ops);
