import { accounts, groupMembers, groups, memberships, people } from '../../drizzle/schema.js'
import { newId } from './crypto.js'
import { DEFAULT_GROUP_NAME } from './groups.js'
import { hashPassword, passwordProblems } from './passwords.js'
import { normalizeEmail } from './people.js'
import type { Clock, Executor } from './types.js'

export interface AccountInput {
  name: string
  admin: { email: string; firstName: string; lastName: string; password?: string }
}

/** An account with its Administrators group and one active administrator. */
export async function createAccount(db: Executor, clock: Clock, input: AccountInput) {
  const now = clock.now()
  if (input.admin.password && passwordProblems(input.admin.password).length) {
    throw new Error(`The administrator's password needs: ${passwordProblems(input.admin.password).join(', ')}`)
  }
  const passwordHash = input.admin.password ? await hashPassword(input.admin.password) : null
  return db.transaction(async (tx) => {
    const accountId = newId()
    const groupId = newId()
    const personId = newId()
    const membershipId = newId()
    await tx.insert(accounts).values({ id: accountId, name: input.name, createdAt: now })
    await tx.insert(groups).values({
      id: groupId,
      accountId,
      name: DEFAULT_GROUP_NAME,
      description: 'Members of this group administer the account.',
      isDefault: true,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(people).values({
      id: personId,
      email: input.admin.email.trim(),
      emailNormalized: normalizeEmail(input.admin.email),
      firstName: input.admin.firstName,
      lastName: input.admin.lastName,
      passwordHash,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(memberships).values({
      id: membershipId,
      accountId,
      personId,
      state: 'active',
      userName: input.admin.email.trim(),
      joinedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(groupMembers).values({ groupId, membershipId, accountId, createdAt: now })
    return { accountId, groupId, personId, membershipId }
  })
}

/** Seeds a demo account on an empty database only; a database with any account is left alone. */
export async function hasAccounts(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).limit(1)
  return row !== undefined
}

export async function seedIfEmpty(db: Executor, clock: Clock, input: AccountInput) {
  if (await hasAccounts(db)) return null
  return createAccount(db, clock, input)
}
