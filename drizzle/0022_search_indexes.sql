CREATE INDEX "artifacts_created_by_idx" ON "artifacts" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "kg_edges_predicate_idx" ON "kg_edges" USING btree ("predicate","confidence" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "lineage_aliases_alias_idx" ON "lineage_aliases" USING btree ("alias","version_id");--> statement-breakpoint
CREATE INDEX "lineage_tags_value_idx" ON "lineage_tags" USING hash ("value");--> statement-breakpoint
CREATE INDEX "model_tags_value_idx" ON "model_tags" USING hash ("value");--> statement-breakpoint
CREATE INDEX "models_trained_by_idx" ON "models" USING btree ("trained_by");