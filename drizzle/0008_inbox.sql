CREATE TABLE "mail_attachments" (
	"message_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mail_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"message_id" text NOT NULL,
	"sha256" text NOT NULL,
	"raw" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"source" text NOT NULL,
	"envelope_from" text,
	"envelope_to" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"read_status" text DEFAULT 'pending' NOT NULL,
	"thread_id" bigint,
	"from_address" text,
	"from_name" text,
	"reply_to" text,
	"subject" text,
	"sent_at" timestamp with time zone,
	"in_reply_to" text,
	"refs" jsonb,
	"text" text,
	"html" text,
	"attachments" jsonb,
	"encryption" text,
	"decrypted" "bytea",
	"problem" text,
	"auto_submitted" text,
	CONSTRAINT "mail_messages_source_check" CHECK ("mail_messages"."source" in ('smtp', 'imap')),
	CONSTRAINT "mail_messages_read_status_check" CHECK ("mail_messages"."read_status" in ('pending', 'read')),
	CONSTRAINT "mail_messages_encryption_check" CHECK ("mail_messages"."encryption" is null or "mail_messages"."encryption" in ('none', 'decrypted', 'undecryptable'))
);
--> statement-breakpoint
CREATE TABLE "mail_threads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mail_threads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subject" text NOT NULL,
	"from_address" text,
	"from_name" text,
	"received_at" timestamp with time zone NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"report_id" text,
	"triaged_by" text,
	"triaged_at" timestamp with time zone,
	"triage_detail" text,
	"next_update_by" timestamp with time zone,
	"reminded_for" timestamp with time zone,
	CONSTRAINT "mail_threads_status_check" CHECK ("mail_threads"."status" in ('new', 'needs-information', 'spam', 'not-a-vulnerability', 'forwarded', 'redirected', 'reported'))
);
--> statement-breakpoint
ALTER TABLE "mail_attachments" ADD CONSTRAINT "mail_attachments_message_id_mail_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."mail_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_thread_id_mail_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."mail_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_attachments_key" ON "mail_attachments" USING btree ("message_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_delivery_key" ON "mail_messages" USING btree ("message_id","sha256");--> statement-breakpoint
CREATE INDEX "mail_messages_message_id_idx" ON "mail_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "mail_messages_pending_idx" ON "mail_messages" USING btree ("id") WHERE read_status = 'pending';--> statement-breakpoint
CREATE INDEX "mail_messages_thread_idx" ON "mail_messages" USING btree ("thread_id","received_at");--> statement-breakpoint
CREATE INDEX "mail_threads_queue_idx" ON "mail_threads" USING btree ("received_at","id") WHERE status in ('new', 'needs-information');--> statement-breakpoint
CREATE INDEX "mail_threads_received_idx" ON "mail_threads" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "mail_threads_report_idx" ON "mail_threads" USING btree ("report_id") WHERE report_id is not null;--> statement-breakpoint
CREATE INDEX "mail_threads_from_idx" ON "mail_threads" USING btree (lower("from_address"));