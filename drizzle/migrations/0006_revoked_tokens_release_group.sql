-- A revoked token lets go of its provisioning group, so that only live tokens keep a group from
-- being deleted (the foreign key cannot be limited to live rows).
ALTER TABLE "api_tokens" ALTER COLUMN "provision_group_id" DROP NOT NULL;--> statement-breakpoint
UPDATE "api_tokens" SET "provision_group_id" = NULL WHERE "revoked_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_live_has_group" CHECK ("api_tokens"."revoked_at" is not null or "api_tokens"."provision_group_id" is not null);
