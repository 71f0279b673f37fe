CREATE TABLE "drift_checks" (
	"id" text PRIMARY KEY DEFAULT 'last' NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"digest" text NOT NULL,
	"drifts" jsonb NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_contacts" (
	"login_key" text PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"email" text,
	"discord" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_contacts_login_key_check" CHECK ("member_contacts"."login_key" = lower("member_contacts"."login"))
);
--> statement-breakpoint
CREATE TABLE "team_invitations" (
	"login_key" text PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"invited_by" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	CONSTRAINT "team_invitations_login_key_check" CHECK ("team_invitations"."login_key" = lower("team_invitations"."login"))
);
--> statement-breakpoint
CREATE TABLE "venue_states" (
	"venue" text PRIMARY KEY NOT NULL,
	"holds" jsonb NOT NULL,
	"applied_by" text NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	CONSTRAINT "venue_states_venue_check" CHECK ("venue_states"."venue" in ('mailing-list', 'discord'))
);
