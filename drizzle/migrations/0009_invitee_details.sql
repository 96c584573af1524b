ALTER TABLE "memberships" ADD COLUMN "invitee_first_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_last_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_country_code" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_phone" text;