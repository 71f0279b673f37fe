ALTER TABLE "reports" ADD COLUMN "psf_id" text;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "publication" jsonb DEFAULT '{"aliases":[],"cweIds":null,"credits":[],"references":[],"products":[]}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_psf_id_key" ON "reports" USING btree ("psf_id");