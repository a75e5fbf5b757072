-- The catalog's sort indexes carry the family and status, so a filtered list walks the index
-- alone (an index-only scan that filters as it goes) instead of visiting each version's row; the
-- links index carries the source, so "models trained on this dataset" reads the index alone.
-- Hand-written because drizzle-kit cannot express INCLUDE; schema.ts names the same indexes.
DROP INDEX "models_latest_created_idx";--> statement-breakpoint
CREATE INDEX "models_latest_created_idx" ON "models" USING btree ("is_latest","created_at" DESC NULLS FIRST,"id") INCLUDE ("model_family","status");--> statement-breakpoint
DROP INDEX "models_latest_quality_idx";--> statement-breakpoint
CREATE INDEX "models_latest_quality_idx" ON "models" USING btree ("is_latest","quality_score" DESC NULLS FIRST,"id") INCLUDE ("model_family","status");--> statement-breakpoint
DROP INDEX "models_latest_params_idx";--> statement-breakpoint
CREATE INDEX "models_latest_params_idx" ON "models" USING btree ("is_latest",coalesce("parameter_count", -1) DESC,"id") INCLUDE ("model_family","status");--> statement-breakpoint
DROP INDEX "links_target_idx";--> statement-breakpoint
CREATE INDEX "links_target_idx" ON "links" USING btree ("target_id","link_type") INCLUDE ("source_id");
