CREATE TABLE "retractions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"artifact_id" text NOT NULL,
	"version_number" integer,
	"reason" text NOT NULL,
	"evidence_url" text,
	"retracted_by" text NOT NULL,
	"retracted_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"reinstated_at" timestamp with time zone,
	"reinstated_by" text,
	"reinstate_reason" text,
	CONSTRAINT "retractions_reinstated_check" CHECK (("retractions"."reinstated_at" is null) = ("retractions"."reinstated_by" is null) and ("retractions"."reinstated_at" is null) = ("retractions"."reinstate_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "kg_edges" ADD COLUMN "review_reason" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "provenance_retracted" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "retractions" ADD CONSTRAINT "retractions_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retractions" ADD CONSTRAINT "retractions_version_fk" FOREIGN KEY ("artifact_id","version_number") REFERENCES "public"."artifact_versions"("artifact_id","version_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "retractions_active_idx" ON "retractions" USING btree ("artifact_id",coalesce("version_number", 0)) WHERE "retractions"."reinstated_at" is null;--> statement-breakpoint
CREATE INDEX "retractions_artifact_idx" ON "retractions" USING btree ("artifact_id","id");--> statement-breakpoint
CREATE INDEX "kg_edges_review_reason_idx" ON "kg_edges" USING btree ("review_reason","confidence" DESC NULLS FIRST,"id") WHERE "kg_edges"."review_flag";--> statement-breakpoint
CREATE INDEX "models_retracted_idx" ON "models" USING btree ("id") WHERE "models"."provenance_retracted" <> '[]'::jsonb;--> statement-breakpoint
ALTER TABLE "kg_edges" ADD CONSTRAINT "kg_edges_review_reason_check" CHECK ("kg_edges"."review_reason" in ('large_decrease', 'retracted_input'));--> statement-breakpoint
-- Hand-written: every flag set before review reasons existed was set by a rescore.
UPDATE "kg_edges" SET "review_reason" = 'large_decrease' WHERE "review_flag";
