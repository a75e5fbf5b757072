CREATE TABLE "agents" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "agents_kind_check" CHECK ("agents"."kind" in ('human', 'ai'))
);
--> statement-breakpoint
CREATE TABLE "artifact_versions" (
	"artifact_id" text NOT NULL,
	"version_number" integer NOT NULL,
	"digest" text,
	"uri" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "artifact_versions_artifact_id_version_number_pk" PRIMARY KEY("artifact_id","version_number")
);
--> statement-breakpoint
CREATE TABLE "artifacts" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "artifacts_type_check" CHECK ("artifacts"."type" in ('dataset', 'analysis', 'hypothesis', 'benchmark', 'model'))
);
--> statement-breakpoint
CREATE TABLE "credit_payout_lines" (
	"event_id" bigint NOT NULL,
	"agent_id" text NOT NULL,
	"role" text NOT NULL,
	"weight" double precision NOT NULL,
	"amount_micro" bigint NOT NULL,
	"capped_by" text,
	"transfer_id" text,
	CONSTRAINT "credit_payout_lines_event_id_agent_id_role_pk" PRIMARY KEY("event_id","agent_id","role")
);
--> statement-breakpoint
CREATE TABLE "credit_payouts" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"pool_micro" bigint NOT NULL,
	"withheld_micro" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "edge_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"edge_id" text NOT NULL,
	"confidence" double precision NOT NULL,
	"source_artifact_id" text,
	"source_version" integer,
	"event_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_type" text NOT NULL,
	"target_artifact_id" text NOT NULL,
	"actor" text NOT NULL,
	"detection_metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kg_edges" (
	"id" text PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"predicate" text NOT NULL,
	"object" text NOT NULL,
	"confidence" double precision NOT NULL,
	"origin" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"source_artifact_id" text,
	"source_version" integer,
	"provenance_unknown" boolean DEFAULT false NOT NULL,
	"review_flag" boolean DEFAULT false NOT NULL,
	"inputs" jsonb,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"knowledge_level" text NOT NULL,
	"content_hash" text,
	"agent_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kg_edges_confidence_check" CHECK ("kg_edges"."confidence" between 0 and 1),
	CONSTRAINT "kg_edges_origin_check" CHECK ("kg_edges"."origin" in ('model', 'curated', 'literature', 'other')),
	CONSTRAINT "kg_edges_status_check" CHECK ("kg_edges"."status" in ('active', 'retracted'))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"agent_id" text,
	"balance_micro" bigint DEFAULT 0 NOT NULL,
	"settled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "ledger_accounts_balance_check" CHECK ("ledger_accounts"."balance_micro" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_mints" (
	"id" text PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"amount_micro" bigint NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "ledger_mints_amount_check" CHECK ("ledger_mints"."amount_micro" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"debit_account" text NOT NULL,
	"credit_account" text NOT NULL,
	"amount_micro" bigint NOT NULL,
	"reason" text NOT NULL,
	"event_id" bigint,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "ledger_transfers_amount_check" CHECK ("ledger_transfers"."amount_micro" > 0),
	CONSTRAINT "ledger_transfers_accounts_check" CHECK ("ledger_transfers"."debit_account" <> "ledger_transfers"."credit_account")
);
--> statement-breakpoint
CREATE TABLE "links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text NOT NULL,
	"link_type" text NOT NULL,
	"target_version" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "links_unique" UNIQUE NULLS NOT DISTINCT("source_id","link_type","target_id","target_version"),
	CONSTRAINT "links_type_check" CHECK ("links"."link_type" in ('trained_on', 'produced_by', 'tests_hypothesis', 'input', 'derived_from'))
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"model_name" text NOT NULL,
	"version_number" integer NOT NULL,
	"parent_id" text,
	"is_latest" boolean NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"model_family" text NOT NULL,
	"architecture" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"parameters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"parameter_count" bigint,
	"training_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"evaluation_metrics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"raw_quality_score" double precision,
	"quality_score" double precision DEFAULT 0 NOT NULL,
	"provenance_complete" boolean DEFAULT false NOT NULL,
	"provenance_missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"trained_by" text NOT NULL,
	"eval_dataset_id" text,
	"benchmark_id" text,
	"runtime" jsonb,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "models_lineage_version_unique" UNIQUE("model_name","version_number"),
	CONSTRAINT "models_status_check" CHECK ("models"."status" in ('candidate', 'promoted', 'superseded', 'archived')),
	CONSTRAINT "models_family_check" CHECK ("models"."model_family" in ('biophysical', 'deep_learning', 'statistical')),
	CONSTRAINT "models_raw_quality_check" CHECK ("models"."raw_quality_score" between 0 and 1),
	CONSTRAINT "models_parameter_count_check" CHECK ("models"."parameter_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rescore_passes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text DEFAULT 'running' NOT NULL,
	"summary" jsonb
);
--> statement-breakpoint
CREATE TABLE "rescore_queue" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"parent_id" text NOT NULL,
	"child_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "rescore_queue_status_check" CHECK ("rescore_queue"."status" in ('queued', 'done'))
);
--> statement-breakpoint
CREATE TABLE "rescore_skips" (
	"event_id" bigint NOT NULL,
	"edge_id" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "rescore_skips_event_id_edge_id_pk" PRIMARY KEY("event_id","edge_id"),
	CONSTRAINT "rescore_skips_reason_check" CHECK ("rescore_skips"."reason" in ('skipped_no_inputs', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"agent_id" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tool_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tool" text NOT NULL,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"duration_ms" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "artifact_versions" ADD CONSTRAINT "artifact_versions_artifact_id_artifacts_id_fk" FOREIGN KEY ("artifact_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifact_versions" ADD CONSTRAINT "artifact_versions_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_payout_lines" ADD CONSTRAINT "credit_payout_lines_event_id_credit_payouts_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."credit_payouts"("event_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_payout_lines" ADD CONSTRAINT "credit_payout_lines_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_payouts" ADD CONSTRAINT "credit_payouts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edge_history" ADD CONSTRAINT "edge_history_edge_id_kg_edges_id_fk" FOREIGN KEY ("edge_id") REFERENCES "public"."kg_edges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kg_edges" ADD CONSTRAINT "kg_edges_source_artifact_id_models_id_fk" FOREIGN KEY ("source_artifact_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_mints" ADD CONSTRAINT "ledger_mints_account_ledger_accounts_id_fk" FOREIGN KEY ("account") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_debit_account_ledger_accounts_id_fk" FOREIGN KEY ("debit_account") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_credit_account_ledger_accounts_id_fk" FOREIGN KEY ("credit_account") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD CONSTRAINT "ledger_transfers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_source_id_artifacts_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_target_id_artifacts_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_created_by_agents_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "links" ADD CONSTRAINT "links_target_version_fk" FOREIGN KEY ("target_id","target_version") REFERENCES "public"."artifact_versions"("artifact_id","version_number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_id_artifacts_id_fk" FOREIGN KEY ("id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_trained_by_agents_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_eval_dataset_id_artifacts_id_fk" FOREIGN KEY ("eval_dataset_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_benchmark_id_artifacts_id_fk" FOREIGN KEY ("benchmark_id") REFERENCES "public"."artifacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescore_queue" ADD CONSTRAINT "rescore_queue_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescore_skips" ADD CONSTRAINT "rescore_skips_event_id_rescore_queue_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."rescore_queue"("event_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rescore_skips" ADD CONSTRAINT "rescore_skips_edge_id_kg_edges_id_fk" FOREIGN KEY ("edge_id") REFERENCES "public"."kg_edges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "artifact_versions_digest_idx" ON "artifact_versions" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "artifacts_type_idx" ON "artifacts" USING btree ("type");--> statement-breakpoint
CREATE INDEX "credit_payout_lines_agent_idx" ON "credit_payout_lines" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "edge_history_edge_idx" ON "edge_history" USING btree ("edge_id","id");--> statement-breakpoint
CREATE INDEX "events_target_idx" ON "events" USING btree ("target_artifact_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "events" USING btree ("event_type","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "events" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "kg_edges_source_idx" ON "kg_edges" USING btree ("source_artifact_id","status","confidence" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "kg_edges_subject_idx" ON "kg_edges" USING btree ("subject");--> statement-breakpoint
CREATE INDEX "kg_edges_object_idx" ON "kg_edges" USING btree ("object");--> statement-breakpoint
CREATE INDEX "kg_edges_review_idx" ON "kg_edges" USING btree ("id") WHERE "kg_edges"."review_flag";--> statement-breakpoint
CREATE INDEX "kg_edges_unattributed_idx" ON "kg_edges" USING btree ("id") WHERE "kg_edges"."origin" = 'model' and "kg_edges"."source_artifact_id" is null and not "kg_edges"."provenance_unknown";--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_agent_idx" ON "ledger_accounts" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "ledger_transfers_debit_idx" ON "ledger_transfers" USING btree ("debit_account","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_credit_idx" ON "ledger_transfers" USING btree ("credit_account","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_event_idx" ON "ledger_transfers" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "links_target_idx" ON "links" USING btree ("target_id","link_type");--> statement-breakpoint
CREATE UNIQUE INDEX "models_one_latest_idx" ON "models" USING btree ("model_name") WHERE "models"."is_latest";--> statement-breakpoint
CREATE UNIQUE INDEX "models_one_promoted_idx" ON "models" USING btree ("model_name") WHERE "models"."status" = 'promoted';--> statement-breakpoint
CREATE INDEX "models_latest_created_idx" ON "models" USING btree ("is_latest","created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "models_latest_quality_idx" ON "models" USING btree ("is_latest","quality_score" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "models_latest_params_idx" ON "models" USING btree ("is_latest","parameter_count" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "models_created_idx" ON "models" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "models_quality_idx" ON "models" USING btree ("quality_score" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "models_family_idx" ON "models" USING btree ("model_family");--> statement-breakpoint
CREATE INDEX "rescore_passes_started_idx" ON "rescore_passes" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rescore_queue_queued_idx" ON "rescore_queue" USING btree ("event_id") WHERE "rescore_queue"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "tokens_agent_idx" ON "tokens" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "tool_calls_tool_idx" ON "tool_calls" USING btree ("tool","created_at" DESC NULLS LAST);