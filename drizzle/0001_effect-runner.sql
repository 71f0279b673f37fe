CREATE TABLE "cve_reservations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cve_reservations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" text NOT NULL,
	"effect_key" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"cve_id" text,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_status_check";--> statement-breakpoint
UPDATE "outbox" SET "status" = 'failed' WHERE "status" = 'dead';--> statement-breakpoint
ALTER TABLE "cve_reservations" ADD CONSTRAINT "cve_reservations_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cve_reservations_effect_key_key" ON "cve_reservations" USING btree ("effect_key");--> statement-breakpoint
CREATE UNIQUE INDEX "cve_reservations_cve_id_key" ON "cve_reservations" USING btree ("cve_id");--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'claimed', 'done', 'failed'));