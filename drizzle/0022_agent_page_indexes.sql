CREATE INDEX "artifacts_created_by_idx" ON "artifacts" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "models_trained_by_idx" ON "models" USING btree ("trained_by");