CREATE INDEX "models_latest_param_range_idx" ON "models" USING btree ("is_latest","parameter_count");--> statement-breakpoint
-- hand-written: the same index carrying provenance_complete (drizzle-kit cannot express INCLUDE),
-- so "large models without the provenance flag" is an index-only range scan.
DROP INDEX "models_latest_param_range_idx";--> statement-breakpoint
CREATE INDEX "models_latest_param_range_idx" ON "models" USING btree ("is_latest","parameter_count") INCLUDE ("provenance_complete");
