CREATE TABLE "audit_events" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"change" jsonb NOT NULL,
	"digest" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"report_id" text NOT NULL,
	"login" text NOT NULL,
	"granted_by" text NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"report_id" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'claimed', 'done', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "reminders_sent" (
	"report_id" text NOT NULL,
	"key" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reminders_sent_pkey" PRIMARY KEY("report_id","key")
);
--> statement-breakpoint
CREATE TABLE "report_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" text PRIMARY KEY NOT NULL,
	"ghsa_id" text,
	"repository" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"coordinator" text,
	"coordinator_since" timestamp with time zone,
	"handoff_to" text,
	"handoff_requested_at" timestamp with time zone,
	"determination" text,
	"cve_id" text,
	"cvss_vector" text,
	"affected" jsonb NOT NULL,
	"fix_pull_requests" jsonb NOT NULL,
	"reporter" text,
	"credit_preference" jsonb,
	"extensions" jsonb NOT NULL,
	"rejection_reason" text,
	"rejection_detail" text,
	"finished_at" timestamp with time zone,
	"cra_exploitation_aware_at" timestamp with time zone,
	"cra_fix_available_at" timestamp with time zone,
	"cra_early_warning_submitted_at" timestamp with time zone,
	"cra_notification_submitted_at" timestamp with time zone,
	"cra_final_report_submitted_at" timestamp with time zone,
	"disclosure_deadline" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reports_state_check" CHECK ("reports"."state" in ('triage', 'accepted', 'published', 'rejected')),
	CONSTRAINT "reports_determination_check" CHECK ("reports"."determination" is null or "reports"."determination" in ('vulnerability', 'not-security-bug', 'not-a-vulnerability')),
	CONSTRAINT "reports_rejection_check" CHECK ("reports"."rejection_reason" is null or "reports"."rejection_reason" in ('not-a-vulnerability', 'duplicate', 'out-of-scope', 'public-issue')),
	CONSTRAINT "reports_handoff_check" CHECK (("reports"."handoff_to" is null) = ("reports"."handoff_requested_at" is null))
);
--> statement-breakpoint
CREATE TABLE "roster_entries" (
	"list" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"login" text,
	"roles" text[] NOT NULL,
	CONSTRAINT "roster_entries_pkey" PRIMARY KEY("list","position"),
	CONSTRAINT "roster_entries_list_check" CHECK ("roster_entries"."list" in ('member', 'emeritus')),
	CONSTRAINT "roster_entries_roles_check" CHECK ("roster_entries"."roles" <@ array['Admin', 'Release Manager', 'Steering Council', 'PSF Staff']::text[])
);
--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders_sent" ADD CONSTRAINT "reminders_sent_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject","seq");--> statement-breakpoint
CREATE INDEX "grants_login_idx" ON "grants" USING btree (lower("login"),"report_id");--> statement-breakpoint
CREATE INDEX "grants_report_id_idx" ON "grants" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_key_key" ON "outbox" USING btree ("key");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_claimed_idx" ON "outbox" USING btree ("claimed_until") WHERE status = 'claimed';--> statement-breakpoint
CREATE INDEX "outbox_report_id_idx" ON "outbox" USING btree ("report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_ghsa_id_key" ON "reports" USING btree ("ghsa_id");--> statement-breakpoint
CREATE INDEX "reports_open_deadline_idx" ON "reports" USING btree ("disclosure_deadline","id") WHERE state in ('triage', 'accepted');--> statement-breakpoint
CREATE INDEX "reports_state_deadline_idx" ON "reports" USING btree ("state","disclosure_deadline","id");--> statement-breakpoint
CREATE INDEX "reports_deadline_idx" ON "reports" USING btree ("disclosure_deadline","id");--> statement-breakpoint
CREATE INDEX "reports_coordinator_idx" ON "reports" USING btree ("coordinator") WHERE coordinator is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "roster_entries_list_login_key" ON "roster_entries" USING btree ("list",lower("login")) WHERE login is not null;