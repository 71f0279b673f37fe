CREATE TABLE "nomination_votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nomination_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"nomination_id" bigint NOT NULL,
	"voter" text NOT NULL,
	"in_favour" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"login" text NOT NULL,
	"name" text NOT NULL,
	"nominated_by" text NOT NULL,
	"why" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"eligibility" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"vetoed_by" text,
	"vetoed_at" timestamp with time zone,
	"veto_decision" text,
	"withdrawn_by" text,
	"withdrawn_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"rule" text,
	"in_favour" integer,
	"against" integer,
	"membership_change_id" bigint,
	CONSTRAINT "nominations_status_check" CHECK ("nominations"."status" in ('open', 'passed', 'failed', 'vetoed', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "nomination_votes" ADD CONSTRAINT "nomination_votes_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "nomination_votes_nomination_idx" ON "nomination_votes" USING btree ("nomination_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_open_login_key" ON "nominations" USING btree (lower("login")) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "nominations_status_closes_at_idx" ON "nominations" USING btree ("status","closes_at");