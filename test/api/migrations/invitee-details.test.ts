// Migration 0009 gives every live membership whose person has not joined its account the name and
// phone that account saw until then, as its own entry; members who joined keep showing their own.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rawQuery } from '../../../api/db/raw-query.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { acceptByForm, GOOD_PASSWORD, invite } from '../../support/fixtures.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const MIGRATION = readFileSync(new URL('../../../drizzle/migrations/0009_invitee_details.sql', import.meta.url), 'utf8')
// The columns exist already: only the backfill runs again, on rows made to look older.
const BACKFILL = MIGRATION.split('--> statement-breakpoint').at(-1)!

it('freezes what the account saw of those who have not joined, and leaves those who joined alone', async () => {
  const admin = await t.asAdmin()
  const pending = await invite(t, admin, { firstName: 'Pia', lastName: 'Pending', email: 'pia@example.com', countryCode: 'CH', phone: '079 123 45 67' })
  const joined = await invite(t, admin, { firstName: 'Jo', lastName: 'Joined', email: 'jo@example.com' })
  await acceptByForm(t, await t.invitationLinkFromEmail('jo@example.com'), { firstName: 'Jo', lastName: 'Own', password: GOOD_PASSWORD })
  const run = rawQuery(t.db)
  await run(`update memberships set invitee_first_name = null, invitee_last_name = null, invitee_country_code = null, invitee_phone = null`, [])

  await run(BACKFILL, [])
  const entry = async (id: string) =>
    (await run<{ first: string | null; phone: string | null }>(`select invitee_first_name as first, invitee_phone as phone from memberships where id = $1`, [id]))[0]
  expect(await entry(pending.id)).toEqual({ first: 'Pia', phone: '+41791234567' })
  expect(await entry(joined.id)).toEqual({ first: null, phone: null })
  // The person's own name changing later no longer shows to the account before they join.
  await run(`update people set first_name = 'Private' where email_normalized = 'pia@example.com'`, [])
  expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${pending.id}`)).body).toMatchObject({ firstName: 'Pia', phone: '+41791234567' })
  expect((await admin.get(`/api/accounts/${t.acme.accountId}/users/${joined.id}`)).body).toMatchObject({ firstName: 'Jo', lastName: 'Own' })
})
