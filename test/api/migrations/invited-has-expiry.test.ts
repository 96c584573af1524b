// Migration 0013: an Invited membership always has its expiry. Without one, the rules that read it
// disagreed (listed as Invited, filtered as neither Invited nor expired, its link refused).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rawQuery } from '../../../api/db/raw-query.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { invite } from '../../support/fixtures.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const MIGRATION = readFileSync(new URL('../../../drizzle/migrations/0013_invited_has_expiry.sql', import.meta.url), 'utf8')
const [BACKFILL, CONSTRAINT] = MIGRATION.split('--> statement-breakpoint')

it('gives a row written without its expiry the 7 days from its invitation, and refuses such rows from then on', async () => {
  const user = await invite(t, await t.asAdmin())
  const run = rawQuery(t.db)
  await expect(run(`update memberships set expires_at = null where id = $1`, [user.id])).rejects.toThrow(/memberships_invited_has_expiry/)

  // As before the migration: the constraint dropped, a row without its expiry, then the migration.
  await run(`alter table memberships drop constraint memberships_invited_has_expiry`, [])
  await run(`update memberships set expires_at = null, invited_at = '2026-03-01T09:00:00Z' where id = $1`, [user.id])
  await run(BACKFILL!, [])
  await run(CONSTRAINT!, [])
  const [row] = await run<{ expires: unknown }>(`select expires_at as expires from memberships where id = $1`, [user.id])
  expect(new Date(row!.expires as string).toISOString()).toBe('2026-03-08T09:00:00.000Z')
})
