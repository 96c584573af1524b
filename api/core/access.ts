import { and, asc, eq, isNotNull, isNull, or, sql } from 'drizzle-orm'
import { accounts, groupMembers, groups, memberships } from '../../drizzle/schema.js'
import { isUuid } from './users.js'
import type { Executor } from './types.js'

// Correlated subqueries name the outer table explicitly: drizzle leaves columns unqualified in
// single-table queries, and an unqualified "id" would bind to the subquery's own table.

const isAdministrator = sql<boolean>`exists (select 1 from ${groupMembers} gm join ${groups} g on g.id = gm.group_id
  where gm.membership_id = "memberships"."id" and g.is_default)`

/**
 * The person's live memberships they have joined (Active, or Blocked after joining), with whether
 * each makes them an administrator of its account. Pending invitations are left out: whoever set
 * the person's password through another account's link (its administrator can copy it) must not
 * learn which other accounts invited the address.
 */
export async function membershipsOf(db: Executor, personId: string) {
  const rows = await db
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      membershipId: memberships.id,
      state: memberships.state,
      isAdministrator,
    })
    .from(memberships)
    .innerJoin(accounts, eq(accounts.id, memberships.accountId))
    .where(
      and(
        eq(memberships.personId, personId),
        isNull(memberships.endedAt),
        or(eq(memberships.state, 'active'), isNotNull(memberships.joinedAt)),
      ),
    )
    .orderBy(asc(accounts.name))
  return rows.map((r) => ({ ...r, isAdministrator: r.state === 'active' && Boolean(r.isAdministrator) }))
}

/**
 * Checked on every request, never cached: removing or blocking a member ends their access to the
 * account at once, whatever sessions they hold.
 */
export async function administratorMembership(db: Executor, personId: string, accountId: string) {
  if (!isUuid(accountId)) return { isMember: false, isAdministrator: false }
  const [row] = await db
    .select({ id: memberships.id, isAdministrator })
    .from(memberships)
    .where(
      and(
        eq(memberships.personId, personId),
        eq(memberships.accountId, accountId),
        eq(memberships.state, 'active'),
        isNull(memberships.endedAt),
      ),
    )
  return { isMember: Boolean(row), isAdministrator: Boolean(row?.isAdministrator), membershipId: row?.id }
}
