CREATE TABLE "psf_id_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "psf_id" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "publication" jsonb DEFAULT '{"aliases":[],"cweIds":null,"credits":[],"references":[],"products":[]}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_psf_id_key" ON "reports" USING btree ("psf_id");--> statement-breakpoint
CREATE INDEX "reports_cve_id_idx" ON "reports" USING btree ("cve_id") WHERE cve_id is not null;