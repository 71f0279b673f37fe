-- Keeps report_search (src/store/schema.ts) current from every write to a report's
-- title, description or reporter, whoever writes it (use-cases, imports, bulk loads), and fills
-- it for the reports already there. Punctuation becomes spaces first, so
-- `tarfile.extractall` and `Lib/tarfile.py` give the words `tarfile` and `extractall`,
-- the way store/similar.ts and domain/report-words.ts split a new report's text.
CREATE FUNCTION "report_search_words"("title" text, "description" text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN to_tsvector('simple', regexp_replace("title" || ' ' || "description", '[^[:alnum:]]+', ' ', 'g'));
--> statement-breakpoint
CREATE FUNCTION "report_search_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "report_search" ("report_id", "words", "reporter")
    VALUES (NEW."id", "report_search_words"(NEW."title", NEW."description"), lower(NEW."reporter"))
    ON CONFLICT ("report_id") DO UPDATE SET "words" = EXCLUDED."words", "reporter" = EXCLUDED."reporter";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "reports_search_sync" AFTER INSERT OR UPDATE OF "title", "description", "reporter" ON "reports"
  FOR EACH ROW EXECUTE FUNCTION "report_search_sync"();
--> statement-breakpoint
INSERT INTO "report_search" ("report_id", "words", "reporter")
  SELECT "id", "report_search_words"("title", "description"), lower("reporter") FROM "reports";
