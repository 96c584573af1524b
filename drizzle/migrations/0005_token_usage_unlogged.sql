-- Custom migration: token usage is soft state (last use, the current second's request count). An
-- UNLOGGED table writes no WAL, so counting a request never waits for a disk flush; after a server
-- crash the table is empty, which only resets these counters.
ALTER TABLE "api_token_usage" SET UNLOGGED;
