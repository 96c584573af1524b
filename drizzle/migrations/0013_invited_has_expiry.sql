-- No code writes such a row; one written by hand gets the 7 days from its invitation.
UPDATE "memberships" SET "expires_at" = coalesce("invited_at", "created_at") + interval '7 days'
  WHERE "state" = 'invited' AND "expires_at" IS NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_invited_has_expiry" CHECK ("memberships"."state" <> 'invited' or "memberships"."expires_at" is not null);
