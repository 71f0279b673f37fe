CREATE TABLE "ghsa_comments" (
	"comment_id" bigint PRIMARY KEY NOT NULL,
	"ghsa_id" text NOT NULL,
	"report_id" text,
	"author" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ghsa_comments" ADD CONSTRAINT "ghsa_comments_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ghsa_comments_written_at_idx" ON "ghsa_comments" USING btree ("written_at");