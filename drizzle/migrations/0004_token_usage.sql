CREATE TABLE "api_token_usage" (
	"token_id" uuid PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"requests" integer NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_token_usage" ADD CONSTRAINT "api_token_usage_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "last_used_at";--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "rate_window";--> statement-breakpoint
ALTER TABLE "api_tokens" DROP COLUMN "rate_count";