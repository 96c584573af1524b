-- Custom migration: PostgreSQL keeps no statistics on the expression of a partial index, so it
-- guessed that "lower(user_name) = $1" matches 0.5 % of an account and scanned the account
-- instead of using memberships_user_name_per_account. Extended statistics on the expression fix it.
CREATE STATISTICS IF NOT EXISTS "memberships_lower_user_name" ON (lower("user_name")) FROM "memberships";--> statement-breakpoint
ANALYZE "memberships";
