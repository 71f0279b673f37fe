CREATE TABLE "membership_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "membership_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"login" text NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"source" jsonb NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"applied_at" timestamp with time zone,
	"team_state" text,
	CONSTRAINT "membership_changes_kind_check" CHECK ("membership_changes"."kind" in ('join', 'leave', 'removal')),
	CONSTRAINT "membership_changes_status_check" CHECK ("membership_changes"."status" in ('pending', 'applied'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "membership_changes_pending_login_key" ON "membership_changes" USING btree (lower("login")) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "membership_changes_decided_at_idx" ON "membership_changes" USING btree ("decided_at");