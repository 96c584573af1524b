ALTER TYPE "public"."email_status" ADD VALUE 'delivered';--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'bounced';--> statement-breakpoint
ALTER TYPE "public"."email_status" ADD VALUE 'complained';--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "status_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "emails_membership_idx" ON "emails" USING btree ("membership_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "emails_provider_id_key" ON "emails" USING btree ("provider_id");