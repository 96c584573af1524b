// Migration 0008 drops the type-only addresses the API stored before it stopped storing them, and
// leaves everything else as it was.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rawQuery } from '../../../api/db/raw-query.js'
import { createTestApp, type TestApp } from '../../support/app.js'
import { createToken, scimClient, USER } from '../../support/scim.js'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const MIGRATION = readFileSync(new URL('../../../drizzle/migrations/0008_empty_addresses.sql', import.meta.url), 'utf8')

it('keeps real addresses and whatever is not a list of objects, and drops entries with only a type', async () => {
  const scim = scimClient(t, (await createToken(t, await t.asAdmin())).token)
  const stored = {
    typeOnly: [{ type: 'work', primary: true }],
    mixed: [{ type: 'work' }, { type: 'home', locality: 'Paris' }],
    real: [{ type: 'home', locality: 'Paris' }],
    odd: ['text', { type: 'other' }],
  }
  const ids: Record<string, string> = {}
  for (const key of Object.keys(stored)) ids[key] = (await scim.post('/Users', { schemas: [USER], userName: `${key}@addresses.example`, title: key })).body.id
  const run = rawQuery(t.db)
  for (const [key, addresses] of Object.entries(stored)) {
    await run(`update memberships set scim = scim || jsonb_build_object('addresses', $2::jsonb) where id = $1`, [ids[key], JSON.stringify(addresses)])
  }
  await run(MIGRATION, [])
  const scimOf = async (key: string) => {
    const [row] = await run<{ scim: string }>(`select scim::text as scim from memberships where id = $1`, [ids[key]])
    return JSON.parse(row!.scim) as Record<string, unknown>
  }
  expect(await scimOf('typeOnly')).toEqual({ title: 'typeOnly' })
  expect(await scimOf('mixed')).toEqual({ title: 'mixed', addresses: [{ type: 'home', locality: 'Paris' }] })
  expect(await scimOf('real')).toEqual({ title: 'real', addresses: stored.real })
  expect(await scimOf('odd')).toEqual({ title: 'odd', addresses: ['text'] })
})
