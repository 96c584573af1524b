import { and, eq, isNull, type SQL } from 'drizzle-orm'
import { accounts, groupMembers, groups, memberships, people } from '../../../drizzle/schema.js'
import type { Database } from '../../support/database.js'

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

export const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'] as const
export const GROUPS = ['Engineering', 'Sales', 'Empty', '100% Legit_group'] as const
export type UserName = (typeof USERS)[number]
export type GroupName = (typeof GROUPS)[number]

export interface Fixtures {
  accountId: string
  user: Record<UserName, string>
  group: Record<GroupName, string>
}

const at = (iso: string) => new Date(iso)

/**
 * Six live users of one account with scim data as identity providers leave it (including odd shapes:
 * null arrays, a string where an object belongs), an ended membership and another account's user that
 * match nearly everything, and four groups.
 */
export async function insertFixtures(db: Database): Promise<Fixtures> {
  const accountId = crypto.randomUUID()
  const otherAccountId = crypto.randomUUID()
  const user = Object.fromEntries(USERS.map((name) => [name, crypto.randomUUID()])) as Record<UserName, string>
  const group = Object.fromEntries(GROUPS.map((name) => [name, crypto.randomUUID()])) as Record<GroupName, string>
  await db.insert(accounts).values([
    { id: accountId, name: 'Acme', createdAt: at('2024-01-01T00:00:00Z') },
    { id: otherAccountId, name: 'Other', createdAt: at('2024-01-01T00:00:00Z') },
  ])

  const rows: {
    key: string
    person: { first: string; last: string; email: string; phone?: string }
    membership: Partial<typeof memberships.$inferInsert>
  }[] = [
    {
      key: 'alice',
      person: { first: 'Alice', last: 'Anderson', email: 'alice@example.com', phone: '+1 555 0001' },
      membership: {
        userName: 'alice@example.com',
        externalId: 'ext-Alice',
        state: 'active',
        createdAt: at('2024-01-01T00:00:00Z'),
        updatedAt: at('2024-01-10T00:00:00Z'),
        scim: {
          displayName: 'Alice A',
          title: 'Engineer',
          locale: 'en-US',
          name: { givenName: 'Alicia', formatted: 'Alicia Anderson' },
          emails: [
            { value: 'alice@work.example', type: 'work', primary: true },
            { value: 'alice@home.example', type: 'home' },
          ],
          roles: [{ value: 'admin', primary: 'True' }],
          [ENTERPRISE]: { employeeNumber: '1001', department: 'R&D', costCenter: 'CC-9', manager: { value: user.bob } },
        },
      },
    },
    {
      key: 'bob',
      person: { first: 'Bob', last: 'Baker', email: 'bob@example.com' },
      membership: {
        userName: 'Bob@Example.COM',
        externalId: 'EXT-BOB',
        state: 'blocked',
        createdAt: at('2024-02-01T00:00:00Z'),
        updatedAt: at('2024-02-10T00:00:00Z'),
        scim: { [ENTERPRISE]: { manager: user.alice } },
      },
    },
    {
      key: 'carol',
      person: { first: 'Carol', last: 'Chen', email: 'carol@example.com' },
      membership: {
        userName: 'carol_100%',
        state: 'invited',
        createdAt: at('2024-03-01T00:00:00Z'),
        updatedAt: at('2024-03-10T00:00:00Z'),
        scim: {
          title: '',
          emails: [
            { value: 'carol@work.example', type: 'home' },
            { value: 'c@other.example', type: 'work', primary: false },
          ],
          phoneNumbers: [{ value: '+33 1 23', type: 'mobile' }],
        },
      },
    },
    {
      key: 'dave',
      person: { first: 'Dave', last: 'Dunn', email: 'dave@example.com', phone: '+1 555 0004' },
      membership: {
        userName: 'dave\\back',
        state: 'active',
        createdAt: at('2024-04-01T12:30:00.500Z'),
        updatedAt: at('2024-04-10T00:00:00Z'),
        scim: { emails: null, roles: 'garbage', name: 'not-an-object', addresses: {}, photos: [1, 'x', null], [ENTERPRISE]: [] },
      },
    },
    {
      key: 'erin',
      person: { first: 'Erin', last: 'Evans', email: 'erin@example.com' },
      membership: {
        userName: 'erin@example.com',
        externalId: 'ext-alice',
        state: 'active',
        createdAt: at('2024-05-01T00:00:00Z'),
        updatedAt: at('2024-05-10T00:00:00Z'),
        scim: {
          displayName: 'Erin',
          nickName: 'E',
          userType: 'Contractor',
          addresses: [{ type: 'work', locality: 'Paris', country: 'FR', primary: true }],
          entitlements: [{ value: 'pro' }],
          x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAw' }],
          [ENTERPRISE]: { organization: 'Org', division: 'Div', department: 'Sales', employeeNumber: '1002' },
        },
      },
    },
    {
      key: 'frank',
      person: { first: 'Frank', last: 'Fox', email: 'frank@example.com' },
      membership: { state: 'invited', createdAt: at('2024-06-01T00:00:00Z'), updatedAt: at('2024-06-10T00:00:00Z'), scim: {} },
    },
  ]
  // Matches almost every filter, and must never be returned: ended, or in another account.
  const everything = {
    userName: 'alice@example.com',
    externalId: 'ext-Alice',
    state: 'active' as const,
    createdAt: at('2024-04-01T00:00:00Z'),
    updatedAt: at('2024-04-01T00:00:00Z'),
    scim: (rows[0]!.membership.scim ?? {}) as Record<string, unknown>,
  }
  rows.push(
    { key: 'ended', person: { first: 'Gone', last: 'Away', email: 'gone@example.com' }, membership: { ...everything, endedAt: at('2024-05-01T00:00:00Z'), endReason: 'removed' } },
    { key: 'other', person: { first: 'Alice', last: 'Other', email: 'alice@other.example' }, membership: { ...everything, accountId: otherAccountId } },
  )

  for (const { key, person, membership } of rows) {
    const personId = crypto.randomUUID()
    await db.insert(people).values({
      id: personId,
      email: person.email,
      emailNormalized: person.email.toLowerCase(),
      firstName: person.first,
      lastName: person.last,
      phone: person.phone ?? null,
      createdAt: at('2024-01-01T00:00:00Z'),
      updatedAt: at('2024-01-01T00:00:00Z'),
    })
    await db.insert(memberships).values({
      id: (user as Record<string, string>)[key] ?? crypto.randomUUID(),
      accountId,
      personId,
      state: 'active',
      createdAt: at('2024-01-01T00:00:00Z'),
      updatedAt: at('2024-01-01T00:00:00Z'),
      // Invitations still valid, whatever the test clock says.
      ...(membership.state === 'invited' ? { expiresAt: at('2100-01-01T00:00:00Z') } : {}),
      ...membership,
    })
  }

  const groupRows: [GroupName, string | null, UserName[]][] = [
    ['Engineering', 'g-ENG', ['alice', 'bob']],
    ['Sales', null, ['erin']],
    ['Empty', null, []],
    ['100% Legit_group', 'legit', ['carol']],
  ]
  for (const [index, [name, externalId, members]] of groupRows.entries()) {
    const created = at(`2024-0${index + 1}-15T00:00:00Z`)
    await db.insert(groups).values({ id: group[name], accountId, name, externalId, createdAt: created, updatedAt: created })
    for (const member of members) {
      await db.insert(groupMembers).values({ groupId: group[name], membershipId: user[member], accountId, createdAt: created })
    }
  }
  await db.insert(groups).values({ id: crypto.randomUUID(), accountId: otherAccountId, name: 'Engineering', externalId: 'g-ENG', createdAt: at('2024-01-15T00:00:00Z'), updatedAt: at('2024-01-15T00:00:00Z') })
  return { accountId, user, group }
}

/** The ids of the account's live users matching `condition`, as the SCIM endpoint will query them. */
export async function selectUserIds(db: Database, accountId: string, condition: SQL): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.accountId, accountId), isNull(memberships.endedAt), condition))
  return rows.map((row) => row.id)
}

export async function selectGroupIds(db: Database, accountId: string, condition: SQL): Promise<string[]> {
  const rows = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.accountId, accountId), condition))
  return rows.map((row) => row.id)
}
