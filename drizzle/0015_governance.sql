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
ALTER TABLE "promotion_policies" ADD CONSTRAINT "promotion_policies_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_policies" ADD CONSTRAINT "promotion_policies_set_by_agents_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;