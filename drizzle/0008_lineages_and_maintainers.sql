CREATE TABLE "lineage_maintainers" (
	"model_name" text NOT NULL,
	"agent_id" text NOT NULL,
	"added_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "lineage_maintainers_model_name_agent_id_pk" PRIMARY KEY("model_name","agent_id")
);
--> statement-breakpoint
CREATE TABLE "lineages" (
	"model_name" text PRIMARY KEY NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Existing lineages become resources; the registrant of each lineage's first version maintains it (see
-- docs/concepts.md#maintainers).
INSERT INTO "lineages" ("model_name", "created_at", "updated_at")
SELECT "model_name", min("created_at"), max("created_at") FROM "models" GROUP BY "model_name";--> statement-breakpoint
INSERT INTO "lineage_maintainers" ("model_name", "agent_id", "added_by", "created_at")
SELECT m."model_name", a."created_by", a."created_by", m."created_at"
  FROM "models" m JOIN "artifacts" a ON a."id" = m."id"
 WHERE m."version_number" = (SELECT min(v."version_number") FROM "models" v WHERE v."model_name" = m."model_name");--> statement-breakpoint
ALTER TABLE "lineage_maintainers" ADD CONSTRAINT "lineage_maintainers_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_maintainers" ADD CONSTRAINT "lineage_maintainers_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_maintainers" ADD CONSTRAINT "lineage_maintainers_added_by_agents_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lineage_maintainers_agent_idx" ON "lineage_maintainers" USING btree ("agent_id");--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_lineage_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;