CREATE TABLE "mlflow_versions" (
	"version_id" text PRIMARY KEY NOT NULL,
	"model_id" text,
	"enrichment_status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"lease_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "mlflow_versions_status_check" CHECK (enrichment_status in ('pending', 'retrying', 'done', 'failed', 'off'))
);
--> statement-breakpoint
ALTER TABLE "mlflow_versions" ADD CONSTRAINT "mlflow_versions_version_id_models_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mlflow_versions_due_idx" ON "mlflow_versions" USING btree ("next_attempt_at","version_id") WHERE enrichment_status in ('pending', 'retrying');