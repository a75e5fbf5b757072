DROP INDEX "events_target_idx";--> statement-breakpoint
DROP INDEX "events_type_idx";--> statement-breakpoint
DROP INDEX "events_created_idx";--> statement-breakpoint
DROP INDEX "kg_edges_source_idx";--> statement-breakpoint
DROP INDEX "ledger_transfers_debit_idx";--> statement-breakpoint
DROP INDEX "ledger_transfers_credit_idx";--> statement-breakpoint
DROP INDEX "models_latest_created_idx";--> statement-breakpoint
DROP INDEX "models_latest_quality_idx";--> statement-breakpoint
DROP INDEX "models_created_idx";--> statement-breakpoint
DROP INDEX "models_quality_idx";--> statement-breakpoint
DROP INDEX "rescore_passes_started_idx";--> statement-breakpoint
DROP INDEX "tool_calls_tool_idx";--> statement-breakpoint
CREATE INDEX "kg_edges_confidence_idx" ON "kg_edges" USING btree ("confidence" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "events_target_idx" ON "events" USING btree ("target_artifact_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("event_type","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "kg_edges_source_idx" ON "kg_edges" USING btree ("source_artifact_id","status","confidence" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_debit_idx" ON "ledger_transfers" USING btree ("debit_account","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_credit_idx" ON "ledger_transfers" USING btree ("credit_account","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "models_latest_created_idx" ON "models" USING btree ("is_latest","created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "models_latest_quality_idx" ON "models" USING btree ("is_latest","quality_score" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "models_created_idx" ON "models" USING btree ("created_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "models_quality_idx" ON "models" USING btree ("quality_score" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "rescore_passes_started_idx" ON "rescore_passes" USING btree ("started_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "tool_calls_tool_idx" ON "tool_calls" USING btree ("tool","created_at" DESC NULLS FIRST);