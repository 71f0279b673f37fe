CREATE TABLE "report_search" (
	"report_id" text PRIMARY KEY NOT NULL,
	"words" "tsvector" NOT NULL,
	"reporter" text
);
--> statement-breakpoint
ALTER TABLE "report_search" ADD CONSTRAINT "report_search_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_search_words_idx" ON "report_search" USING gin ("words") WITH (fastupdate=off);--> statement-breakpoint
CREATE INDEX "report_search_reporter_idx" ON "report_search" USING btree ("reporter") WHERE reporter is not null;