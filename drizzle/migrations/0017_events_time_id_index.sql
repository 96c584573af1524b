CREATE INDEX IF NOT EXISTS "events_account_time_id_idx" ON "events" USING btree ("account_id","occurred_at","id");--> statement-breakpoint
DROP INDEX IF EXISTS "events_account_time_idx";
