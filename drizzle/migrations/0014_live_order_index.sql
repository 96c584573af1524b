CREATE INDEX IF NOT EXISTS "memberships_account_live_order_idx" ON "memberships" USING btree ("account_id","created_at","id") WHERE "memberships"."ended_at" is null;--> statement-breakpoint
DROP INDEX IF EXISTS "memberships_account_live_idx";
