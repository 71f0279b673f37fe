CREATE TABLE "ghsa_commands" (
	"ghsa_id" text NOT NULL,
	"comment_id" bigint PRIMARY KEY NOT NULL,
	"author" text NOT NULL,
	"report_id" text,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ghsa_sightings" (
	"ghsa_id" text PRIMARY KEY NOT NULL,
	"repository" text NOT NULL,
	"report_id" text,
	"updated_at" timestamp with time zone,
	"state" text,
	"snapshot" jsonb,
	"seen_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ghsa_commands" ADD CONSTRAINT "ghsa_commands_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghsa_sightings" ADD CONSTRAINT "ghsa_sightings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ghsa_sightings_state_idx" ON "ghsa_sightings" USING btree ("state");