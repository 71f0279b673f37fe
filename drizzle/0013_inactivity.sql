CREATE TABLE "inactivity_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inactivity_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"login" text NOT NULL,
	"verdict" text NOT NULL,
	"council_decision" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"recorded_by" text NOT NULL,
	"change_id" bigint,
	CONSTRAINT "inactivity_decisions_verdict_check" CHECK ("inactivity_decisions"."verdict" in ('remove', 'keep'))
);
--> statement-breakpoint
CREATE TABLE "inactivity_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inactivity_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"produced_at" timestamp with time zone NOT NULL,
	"produced_by" text NOT NULL,
	"members" jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_by" text,
	"mail_key" text,
	CONSTRAINT "inactivity_reports_period_check" CHECK ("inactivity_reports"."period_from" < "inactivity_reports"."period_to")
);
--> statement-breakpoint
ALTER TABLE "inactivity_decisions" ADD CONSTRAINT "inactivity_decisions_report_id_inactivity_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."inactivity_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inactivity_decisions" ADD CONSTRAINT "inactivity_decisions_change_id_membership_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."membership_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inactivity_decisions_member_key" ON "inactivity_decisions" USING btree ("report_id",lower("login"));--> statement-breakpoint
CREATE INDEX "inactivity_reports_period_to_idx" ON "inactivity_reports" USING btree ("period_to");