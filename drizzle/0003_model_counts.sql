CREATE TABLE "model_counts" (
	"is_latest" boolean NOT NULL,
	"model_family" text NOT NULL,
	"status" text NOT NULL,
	"versions" bigint NOT NULL,
	CONSTRAINT "model_counts_is_latest_model_family_status_pk" PRIMARY KEY("is_latest","model_family","status")
);
