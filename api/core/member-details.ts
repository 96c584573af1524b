import { sql } from 'drizzle-orm'

/**
 * What an account sees of a person's name and phone. Until the person joins the account, the
 * details its administrator or identity provider entered for them: another account's entry, or the
 * person's own profile, is not its business (nothing of one account is visible to another, and a
 * person's profile is theirs to share by joining). Once they join, their own. Memberships from
 * before the invitee columns have none: the person's then.
 *
 * SQL expressions over `memberships` and `people` (or the aliases given), for raw statements.
 */
export function memberDetailsSql(membership = 'memberships', person = 'people') {
  const entered = `${membership}.joined_at is null and ${membership}.invitee_first_name is not null`
  const pick = (column: string) => `case when ${entered} then ${membership}.invitee_${column} else ${person}.${column} end`
  return { firstName: pick('first_name'), lastName: pick('last_name'), countryCode: pick('country_code'), phone: pick('phone') }
}

const inDrizzle = memberDetailsSql('"memberships"', '"people"')

/** The same expressions for drizzle queries over the tables `memberships` and `people`, unaliased. */
export const memberDetails = {
  firstName: sql<string>`${sql.raw(inDrizzle.firstName)}`,
  lastName: sql<string>`${sql.raw(inDrizzle.lastName)}`,
  countryCode: sql<string | null>`${sql.raw(inDrizzle.countryCode)}`,
  phone: sql<string | null>`${sql.raw(inDrizzle.phone)}`,
}
