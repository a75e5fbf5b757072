CREATE TABLE "model_metrics" (
	"version_id" text NOT NULL,
	"name" text NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "model_metrics_version_id_name_pk" PRIMARY KEY("version_id","name")
);
--> statement-breakpoint
ALTER TABLE "model_metrics" ADD CONSTRAINT "model_metrics_version_id_models_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_metrics_name_value_idx" ON "model_metrics" USING btree ("name","value","version_id");--> statement-breakpoint
-- hand-written: model_metrics is a copy of models.evaluation_metrics (each numeric entry a row),
-- kept exact by statement-level triggers on models like model_counts (0004): an insert adds its
-- rows' metrics, an update replaces the metrics of the rows whose JSON changed, and a deleted
-- version's rows go with it (the cascading foreign key). A bulk insert costs one statement.
CREATE FUNCTION model_metrics_of(metrics jsonb) RETURNS TABLE (name text, value float8)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT e.key, e.value::float8
    FROM jsonb_each(CASE WHEN jsonb_typeof(metrics) = 'object' THEN metrics ELSE '{}'::jsonb END) e
   WHERE jsonb_typeof(e.value) = 'number'
$$;
--> statement-breakpoint
CREATE FUNCTION model_metrics_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO model_metrics (version_id, name, value)
  SELECT r.id, x.name, x.value FROM inserted_rows r, model_metrics_of(r.evaluation_metrics) x;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION model_metrics_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM model_metrics mm USING old_rows o, new_rows n
   WHERE n.id = o.id AND n.evaluation_metrics IS DISTINCT FROM o.evaluation_metrics AND mm.version_id = n.id;
  INSERT INTO model_metrics (version_id, name, value)
  SELECT n.id, x.name, x.value
    FROM new_rows n JOIN old_rows o ON o.id = n.id, model_metrics_of(n.evaluation_metrics) x
   WHERE n.evaluation_metrics IS DISTINCT FROM o.evaluation_metrics;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER models_metrics_insert AFTER INSERT ON models
  REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION model_metrics_on_insert();
--> statement-breakpoint
CREATE TRIGGER models_metrics_update AFTER UPDATE ON models
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION model_metrics_on_update();
--> statement-breakpoint
INSERT INTO model_metrics (version_id, name, value)
SELECT m.id, x.name, x.value FROM models m, model_metrics_of(m.evaluation_metrics) x;
