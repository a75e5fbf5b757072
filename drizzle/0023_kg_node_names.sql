CREATE TABLE "kg_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"named_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kg_nodes" ADD CONSTRAINT "kg_nodes_named_by_agents_id_fk" FOREIGN KEY ("named_by") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;