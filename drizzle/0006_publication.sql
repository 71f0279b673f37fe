CREATE TABLE "advisory_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "advisory_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" text NOT NULL,
	"format" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisory_records_format_check" CHECK ("advisory_records"."format" in ('email', 'cve', 'osv'))
);
--> statement-breakpoint
CREATE TABLE "psf_id_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "psf_id" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "publication" jsonb DEFAULT '{"aliases":[],"cweIds":null,"credits":[],"references":[],"products":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "advisory_records" ADD CONSTRAINT "advisory_records_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_records_version_key" ON "advisory_records" USING btree ("report_id","format","version");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_psf_id_key" ON "reports" USING btree ("psf_id");--> statement-breakpoint
CREATE INDEX "reports_cve_id_idx" ON "reports" USING btree ("cve_id") WHERE cve_id is not null;