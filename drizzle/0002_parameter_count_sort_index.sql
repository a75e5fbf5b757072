DROP INDEX "models_latest_params_idx";--> statement-breakpoint
CREATE INDEX "models_latest_params_idx" ON "models" USING btree ("is_latest",coalesce("parameter_count", -1) desc,"id");