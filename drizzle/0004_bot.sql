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
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"guid" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"action" text,
	"installation_id" bigint,
	"received_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"processed_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('pending', 'done', 'ignored', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "ghsa_commands" ADD CONSTRAINT "ghsa_commands_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ghsa_sightings" ADD CONSTRAINT "ghsa_sightings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ghsa_sightings_state_idx" ON "ghsa_sightings" USING btree ("state");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("received_at","guid") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries" USING btree ("received_at");