import { createHash } from 'node:crypto'
import type postgres from 'postgres'
import { createApiToken } from '../api/core/api-tokens.js'
import { randomToken } from '../api/core/crypto.js'
import { createAccount } from '../api/core/seed.js'
import { systemClock, type Config, type Database } from '../api/core/types.js'
import { ENTERPRISE_SCHEMA } from './http.js'

export interface BenchAccount {
  accountId: string
  /** The group provisioned users join (the token's "Provisioned users"). */
  provisionGroupId: string
  adminMembershipId: string
  adminUserName: string
  token: string
}

export function benchConfig(): Config {
  return {
    appUrl: 'http://127.0.0.1',
    appSecret: randomToken(48),
    productName: 'Roster',
    mailFrom: 'Roster <no-reply@roster.localhost>',
    sessionTtlDays: 14,
  }
}

/** An account with its administrator, and a SCIM token that sends no invitation emails. */
export async function seedAccount(db: Database, config: Config): Promise<BenchAccount> {
  const adminUserName = 'admin@bench.example'
  const account = await createAccount(db, systemClock, {
    name: 'Bench Company',
    admin: { email: adminUserName, firstName: 'Ada', lastName: 'Admin' },
  })
  const { token, record } = await createApiToken(
    { db, clock: systemClock, config },
    { accountId: account.accountId, name: 'bench', createdByPersonId: account.personId, sendInvitationEmail: false },
  )
  return {
    accountId: account.accountId,
    provisionGroupId: record.provisionGroupId!, // a new token always has its group
    adminMembershipId: account.membershipId,
    adminUserName,
    token,
  }
}

/** Seeded member i (1-based): the ids are md5-derived, so both SQL and JavaScript can compute them. */
export const seededUserName = (i: number) => `seed-${i}@bench.example`
export function seededMembershipId(i: number): string {
  const hex = createHash('md5').update(`m${i}`).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const CHUNK = 100_000

/**
 * Members of the same shape as POST /Users makes them (people, an invited membership with the
 * Entra attributes in `scim`, the provisioned group, a pending invitation), `CHUNK` at a time with
 * INSERT ... SELECT generate_series. Their created_at precede everything the API creates later.
 */
export async function bulkSeed(sql: postgres.Sql, account: BenchAccount, count: number, log: (line: string) => void) {
  const base = new Date(Date.now() - count - 60_000)
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1)
    await sql.begin(async (tx) => {
      await tx`
        insert into people (id, email, email_normalized, first_name, last_name, created_at, updated_at)
        select md5('p' || i)::uuid, 'seed-' || i || '@bench.example', 'seed-' || i || '@bench.example',
          'Given' || i, 'Family' || i, ${base}::timestamptz + i * interval '1 ms', ${base}::timestamptz + i * interval '1 ms'
        from generate_series(${from}::int, ${to}::int) i`
      await tx`
        insert into memberships (id, account_id, person_id, state, user_name, external_id, scim,
          invited_at, expires_at, created_at, updated_at)
        select md5('m' || i)::uuid, ${account.accountId}, md5('p' || i)::uuid, 'invited', 'seed-' || i || '@bench.example',
          md5('x' || i)::uuid::text,
          jsonb_build_object(
            'name', jsonb_build_object('formatted', 'Given' || i || ' Family' || i, 'familyName', 'Family' || i, 'givenName', 'Given' || i),
            'emails', jsonb_build_array(jsonb_build_object('primary', true, 'type', 'work', 'value', 'seed-' || i || '@bench.example')),
            'displayName', 'Given' || i || ' Family' || i,
            ${ENTERPRISE_SCHEMA}::text, jsonb_build_object('department', 'Department ' || (i % 50))),
          ${base}::timestamptz + i * interval '1 ms', ${base}::timestamptz + i * interval '1 ms' + interval '7 days',
          ${base}::timestamptz + i * interval '1 ms', ${base}::timestamptz + i * interval '1 ms'
        from generate_series(${from}::int, ${to}::int) i`
      await tx`
        insert into group_members (group_id, membership_id, account_id, created_at)
        select ${account.provisionGroupId}, md5('m' || i)::uuid, ${account.accountId}, ${base}::timestamptz + i * interval '1 ms'
        from generate_series(${from}::int, ${to}::int) i`
      await tx`
        insert into invitations (id, account_id, membership_id, seed, token_hash, status, created_at)
        select md5('i' || i)::uuid, ${account.accountId}, md5('m' || i)::uuid, md5('s' || i), md5('t' || i), 'pending',
          ${base}::timestamptz + i * interval '1 ms'
        from generate_series(${from}::int, ${to}::int) i`
    })
    if (count > CHUNK) log(`  seeded ${to.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`)
  }
}

/** Planner statistics as a live database would have them (autovacuum lags behind bulk loads). */
export async function analyze(sql: postgres.Sql) {
  await sql`analyze people, memberships, group_members, invitations, events, provisioning_log`
}
