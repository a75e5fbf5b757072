DROP INDEX "edge_history_edge_idx";--> statement-breakpoint
DROP INDEX "kg_edges_source_idx";--> statement-breakpoint
CREATE INDEX "edge_history_edge_at_idx" ON "edge_history" USING btree ("edge_id","at","id");--> statement-breakpoint
CREATE INDEX "edge_history_at_idx" ON "edge_history" USING btree ("at");--> statement-breakpoint
CREATE INDEX "kg_edges_source_idx" ON "kg_edges" USING btree ("source_artifact_id","confidence" DESC NULLS FIRST,"id","status");