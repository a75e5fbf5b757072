CREATE TABLE "lineage_aliases" (
	"model_name" text NOT NULL,
	"alias" text NOT NULL,
	"version_id" text NOT NULL,
	"is_protected" boolean DEFAULT false NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lineage_aliases_model_name_alias_pk" PRIMARY KEY("model_name","alias")
);
--> statement-breakpoint
CREATE TABLE "lineage_tags" (
	"model_name" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lineage_tags_model_name_key_pk" PRIMARY KEY("model_name","key")
);
--> statement-breakpoint
CREATE TABLE "model_tags" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_tags_model_id_key_pk" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
ALTER TABLE "lineage_aliases" ADD CONSTRAINT "lineage_aliases_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_aliases" ADD CONSTRAINT "lineage_aliases_version_id_models_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_aliases" ADD CONSTRAINT "lineage_aliases_set_by_agents_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lineage_tags" ADD CONSTRAINT "lineage_tags_model_name_lineages_model_name_fk" FOREIGN KEY ("model_name") REFERENCES "public"."lineages"("model_name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_tags" ADD CONSTRAINT "model_tags_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lineage_aliases_version_idx" ON "lineage_aliases" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "lineage_tags_key_idx" ON "lineage_tags" USING btree ("key","model_name");--> statement-breakpoint
CREATE INDEX "model_tags_key_idx" ON "model_tags" USING btree ("key","model_id");