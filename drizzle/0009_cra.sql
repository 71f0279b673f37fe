CREATE TABLE "cra_submissions" (
	"report_id" text NOT NULL,
	"stage" text NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"reference" text NOT NULL,
	"content" jsonb NOT NULL,
	CONSTRAINT "cra_submissions_pkey" PRIMARY KEY("report_id","stage")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "cra_record" jsonb DEFAULT '{"exploitation":null,"measure":null,"incident":null,"csirtRequests":[],"drafts":{}}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cra_submissions" ADD CONSTRAINT "cra_submissions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;