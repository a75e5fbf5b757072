-- Hand-written: archiving wrote no events-log entry before the lineage's history was read from the
-- log, so every version archived before this migration gets its `model_version_archived` event,
-- marked `backfilled`. A version archived by retiring its lineage gets the retirement's time and
-- actor; any other archived version the last time its row changed (its archive, or a later edit of
-- its description or tags) and the actor `system`, since nothing recorded who archived it.
INSERT INTO "events" ("event_type", "target_artifact_id", "actor", "detection_metadata", "created_at")
SELECT 'model_version_archived', archived.id, retired.actor,
       jsonb_build_object('model_name', retired.target_artifact_id, 'actor', retired.actor, 'backfilled', true),
       retired.created_at
  FROM "events" retired
 CROSS JOIN LATERAL jsonb_array_elements_text(retired.detection_metadata->'archived') AS archived(id)
 WHERE retired.event_type = 'lineage_retired'
   AND EXISTS (SELECT 1 FROM "models" m WHERE m.id = archived.id AND m.status = 'archived');--> statement-breakpoint
INSERT INTO "events" ("event_type", "target_artifact_id", "actor", "detection_metadata", "created_at")
SELECT 'model_version_archived', m.id, 'system',
       jsonb_build_object('model_name', m.model_name, 'actor', 'system', 'backfilled', true), m.updated_at
  FROM "models" m
 WHERE m.status = 'archived'
   AND NOT EXISTS (SELECT 1 FROM "events" e
                    WHERE e.target_artifact_id = m.id AND e.event_type = 'model_version_archived');
