ALTER TABLE "rescore_passes" ADD COLUMN "heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Every promotion with a parent is queued from now on in its own promote transaction
-- (docs/jobs.md#rescoring-on-promotion); the ones a time window let fall out before are queued now, so none
-- is lost.
INSERT INTO "rescore_queue" ("event_id", "parent_id", "child_id")
SELECT "id", "detection_metadata"->>'parent_id', "detection_metadata"->>'child_id' FROM "events"
 WHERE "event_type" = 'model_version_promoted' AND "detection_metadata"->>'parent_id' IS NOT NULL
ON CONFLICT ("event_id") DO NOTHING;
