import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { apiTokens, groupMembers, groups } from '../../drizzle/schema.js'
import { newId } from './crypto.js'
import { AlreadyTakenError, DomainError, FOREIGN_KEY_VIOLATION, notFound, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from './errors.js'
import { isUuid } from './users.js'
import type { CoreDeps, Executor } from './types.js'

export const DEFAULT_GROUP_NAME = 'Administrators'

export interface GroupRecord {
  id: string
  name: string
  description: string
  isDefault: boolean
  memberCount: number
  createdAt: Date
}

export type GroupSortField = 'name' | 'memberCount' | 'createdAt'

const selection = {
  id: groups.id,
  name: groups.name,
  description: groups.description,
  isDefault: groups.isDefault,
  memberCount: sql<number>`(select count(*)::int from ${groupMembers} gm where gm.group_id = "groups"."id")`,
  createdAt: groups.createdAt,
}

// Entra ID and Okta allow group names of 256 characters; a pushed group must fit.
export const GROUP_NAME_MAX_LENGTH = 256
export const GROUP_DESCRIPTION_MAX_LENGTH = 1000

/** The rule for a group's name, whoever sets it (the admin UI, SCIM): trimmed, 1 to GROUP_NAME_MAX_LENGTH characters. */
function validGroupName(raw: string): string {
  const name = raw.trim()
  if (!name) throw new DomainError('validation_failed', 'Enter a group name.', { name: 'Enter a group name.' })
  if (name.length > GROUP_NAME_MAX_LENGTH) {
    const message = `A group name is at most ${GROUP_NAME_MAX_LENGTH} characters.`
    throw new DomainError('validation_failed', message, { name: `At most ${GROUP_NAME_MAX_LENGTH} characters.` })
  }
  return name
}

const nameTaken = (name: string) =>
  new AlreadyTakenError(`A group named "${name}" already exists in this account.`, {
    name: 'A group with this name already exists.',
  })

async function withNameCheck<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'groups_name_per_account') throw nameTaken(name)
    throw error
  }
}

export async function listGroups(
  db: Executor,
  accountId: string,
  options: { ids?: string[]; q?: string; sort: { field: GroupSortField; order: 'ASC' | 'DESC' }; offset: number; limit: number },
): Promise<{ rows: GroupRecord[]; total: number }> {
  const conditions: SQL[] = [eq(groups.accountId, accountId)]
  if (options.ids) conditions.push(inArray(groups.id, options.ids.filter(isUuid).concat('00000000-0000-0000-0000-000000000000')))
  if (options.q?.trim()) {
    const pattern = `%${options.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(sql`(${groups.name} ilike ${pattern} or ${groups.description} ilike ${pattern})`)
  }
  const where = and(...conditions)
  const column = { name: sql`lower(${groups.name})`, memberCount: selection.memberCount, createdAt: sql`${groups.createdAt}` }[
    options.sort.field
  ]
  const direction = options.sort.order === 'DESC' ? desc : asc
  const [rows, count] = await Promise.all([
    db
      .select(selection)
      .from(groups)
      .where(where)
      .orderBy(desc(groups.isDefault), direction(column), asc(groups.id))
      .offset(options.offset)
      .limit(options.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(groups).where(where),
  ])
  return { rows, total: Number(count[0]?.total ?? 0) }
}

export async function getGroup(db: Executor, accountId: string, groupId: string): Promise<GroupRecord> {
  if (!isUuid(groupId)) throw notFound('Group')
  const [row] = await db.select(selection).from(groups).where(and(eq(groups.id, groupId), eq(groups.accountId, accountId)))
  if (!row) throw notFound('Group')
  return row
}

export async function createGroup(deps: CoreDeps, accountId: string, input: { name: string; description?: string }) {
  const now = deps.clock.now()
  const id = newId()
  const name = validGroupName(input.name)
  await withNameCheck(name, () =>
    deps.db.insert(groups).values({ id, accountId, name, description: input.description?.trim() ?? '', createdAt: now, updatedAt: now }),
  )
  return getGroup(deps.db, accountId, id)
}

export async function updateGroup(
  deps: CoreDeps,
  accountId: string,
  groupId: string,
  input: { name?: string; description?: string },
): Promise<GroupRecord> {
  if (!isUuid(groupId)) throw notFound('Group')
  const current = await getGroup(deps.db, accountId, groupId)
  const name = input.name === undefined ? undefined : validGroupName(input.name)
  if (current.isDefault && name !== undefined && name !== current.name) {
    throw new DomainError('invalid_state', `The default group "${current.name}" cannot be renamed.`, {
      name: 'The default group keeps its name.',
    })
  }
  // Nothing to change (a provider renaming to the name it has): lastModified stays where it is.
  const description = input.description?.trim()
  if ((name === undefined || name === current.name) && (description === undefined || description === current.description)) return current
  await withNameCheck(name ?? current.name, () =>
    deps.db
      .update(groups)
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
        updatedAt: deps.clock.now(),
      })
      .where(and(eq(groups.id, groupId), eq(groups.accountId, accountId))),
  )
  return getGroup(deps.db, accountId, groupId)
}

/** The default group is never deleted; a group with members is refused by the foreign key itself. */
export async function deleteGroup(deps: CoreDeps, accountId: string, groupId: string): Promise<GroupRecord> {
  const current = await getGroup(deps.db, accountId, groupId)
  if (current.isDefault) throw new DomainError('invalid_state', `The default group "${current.name}" cannot be deleted.`)
  if (current.memberCount > 0) throw stillHasMembers(current.name)
  try {
    await deps.db.delete(groups).where(and(eq(groups.id, groupId), eq(groups.accountId, accountId), eq(groups.isDefault, false)))
  } catch (error) {
    throw await groupInUse(deps.db, accountId, current.name, groupId, error)
  }
  return current
}

const stillHasMembers = (name: string) =>
  new DomainError('invalid_state', `The group "${name}" still has members; move them to other groups first.`)

/** The live API tokens (up to three, by name) that provision users into the group. */
export async function tokensProvisioningInto(db: Executor, accountId: string, groupId: string): Promise<string[]> {
  const tokens = await db
    .select({ name: apiTokens.name })
    .from(apiTokens)
    .where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.provisionGroupId, groupId)))
    .orderBy(asc(apiTokens.name))
    .limit(3)
  return tokens.map((t) => t.name)
}

/** The refusal to delete a group that live API tokens provision users into. */
export function groupUsedByTokens(name: string, tokenNames: string[]) {
  const names = tokenNames.map((token) => `"${token}"`).join(', ')
  const who = tokenNames.length === 0 ? 'an API token' : tokenNames.length === 1 ? `API token ${names}` : `API tokens ${names}`
  const provisions = tokenNames.length > 1 ? 'provision' : 'provisions'
  return new DomainError(
    'invalid_state',
    `The group "${name}" is where ${who} ${provisions} users; choose another group for the token on the API tokens page, or revoke it, first.`,
  )
}

/**
 * Why a group could not be deleted, when a foreign key refused: its members, or a live API token
 * that provisions users into it (the constraint decided; this only names the token).
 */
export async function groupInUse(db: Executor, accountId: string, name: string, groupId: string, error: unknown): Promise<unknown> {
  if (pgErrorCode(error) !== FOREIGN_KEY_VIOLATION) return error
  if (pgConstraint(error) !== 'api_tokens_provision_group_fk') return stillHasMembers(name)
  // Inside a transaction the failed DELETE has aborted it: then the message names no token.
  return groupUsedByTokens(name, await tokensProvisioningInto(db, accountId, groupId).catch(() => []))
}

/** An identity provider's own id for the group. */
export async function setGroupExternalId(deps: CoreDeps, accountId: string, groupId: string, externalId: string | null) {
  await deps.db
    .update(groups)
    .set({ externalId, updatedAt: deps.clock.now() })
    .where(and(eq(groups.id, groupId), eq(groups.accountId, accountId)))
}
