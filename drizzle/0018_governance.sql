CREATE TABLE "promotion_policies" (
	"model_name" text PRIMARY KEY NOT NULL,
	"required_approvals" integer NOT NULL,
	"exclude_contributors" boolean NOT NULL,
	"require_complete_provenance" boolean NOT NULL,
	"require_impact_preview" boolean NOT NULL,
	"preview_max_age_hours" integer NOT NULL,
	"max_flag_fraction" double precision,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_policies_approvals_check" CHECK ("promotion_policies"."required_approvals" between 0 and 5),
	CONSTRAINT "promotion_policies_age_check" CHECK ("promotion_policies"."preview_max_age_hours" between 1 and 720),
	CONSTRAINT "promotion_policies_fraction_check" CHECK ("promotion_policies"."max_flag_fraction" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "promotion_request_decisions" (
	"request_id" bigint NOT NULL,
	"agent_id" text NOT NULL,
	"verdict" text NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "promotion_request_decisions_request_id_agent_id_pk" PRIMARY KEY("request_id","agent_id"),
	CONSTRAINT "promotion_request_decisions_verdict_check" CHECK ("promotion_request_decisions"."verdict" in ('approve', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "promotion_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"model_name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"requested_by" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"required_approvals" integer,
	"checks" jsonb,
	CONSTRAINT "promotion_requests_status_check" CHECK ("promotion_requests"."status" in ('open', 'approved', 'rejected', 'withdrawn', 'superseded'))
);
--> statement-breakpoint
ALTER TABLE "promotion_policies" ADD CONSTRAINT "promotion_policies_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_policies" ADD CONSTRAINT "promotion_policies_set_by_agents_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request_decisions" ADD CONSTRAINT "promotion_request_decisions_request_id_promotion_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."promotion_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_request_decisions" ADD CONSTRAINT "promotion_request_decisions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_requested_by_agents_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_decided_by_agents_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_requests_one_open_idx" ON "promotion_requests" USING btree ("model_id") WHERE "promotion_requests"."status" = 'open';--> statement-breakpoint
CREATE INDEX "promotion_requests_created_idx" ON "promotion_requests" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "promotion_requests_status_idx" ON "promotion_requests" USING btree ("status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "promotion_requests_lineage_idx" ON "promotion_requests" USING btree ("model_name","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "events_alias_history_idx" ON "events" USING btree (("detection_metadata"->>'model_name'),("detection_metadata"->>'alias'),"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "events"."event_type" in ('model_alias_set', 'model_alias_deleted');--> statement-breakpoint
CREATE INDEX "tool_calls_preview_idx" ON "tool_calls" USING btree (("input"->>'child_id'),("input"->>'parent_id'),"id") WHERE "tool_calls"."tool" = 'impact_preview';