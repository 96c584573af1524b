ALTER TABLE "invitations" ADD COLUMN "expiry_recorded_at" timestamp with time zone;--> statement-breakpoint
-- Expiries whose line is already written: left out of the search from now on.
UPDATE "invitations" SET "expiry_recorded_at" = "events"."occurred_at"
  FROM "events"
  WHERE "events"."type" = 'invitation_expired' AND "events"."data" ->> 'invitationId' = "invitations"."id"::text
    AND "invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "invitations_expiry_unrecorded_idx" ON "invitations" USING btree ("account_id") WHERE "invitations"."status" = 'pending' and "invitations"."expiry_recorded_at" is null;
