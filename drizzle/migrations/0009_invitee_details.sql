ALTER TABLE "memberships" ADD COLUMN "invitee_first_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_last_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_country_code" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "invitee_phone" text;--> statement-breakpoint
-- What each account saw of its members who have not joined yet becomes its own entry, frozen: a
-- later registration or profile change of the person is no longer shown to it before they join.
UPDATE "memberships" SET "invitee_first_name" = "people"."first_name", "invitee_last_name" = "people"."last_name",
  "invitee_country_code" = "people"."country_code", "invitee_phone" = "people"."phone"
FROM "people"
WHERE "people"."id" = "memberships"."person_id" AND "memberships"."joined_at" IS NULL
  AND "memberships"."ended_at" IS NULL AND "memberships"."invitee_first_name" IS NULL;
