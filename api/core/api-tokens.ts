import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { apiTokenUsage, apiTokens, groups } from '../../drizzle/schema.js'
import { newId, randomToken, sha256 } from './crypto.js'
import { AlreadyTakenError, DomainError, FOREIGN_KEY_VIOLATION, notFound, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from './errors.js'
import { typedTextProblem } from './people.js'
import { isUuid } from './users.js'
import { rawQuery } from '../db/raw-query.js'
import type { CoreDeps, Database, Executor } from './types.js'

export const TOKEN_PREFIX = 'roster_scim_'
export const PROVISIONED_GROUP_NAME = 'Provisioned users'

export interface ApiTokenRecord {
  id: string
  name: string
  prefix: string
  /** Null once revoked: a revoked token lets go of its group. */
  provisionGroupId: string | null
  sendInvitationEmail: boolean
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}

const selection = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  provisionGroupId: apiTokens.provisionGroupId,
  sendInvitationEmail: apiTokens.sendInvitationEmail,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokenUsage.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
}

const live = (accountId: string) => and(eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt))

// The account's "Provisioned users" group, made if missing. A no-op update on conflict returns the
// existing group locked, so that no deletion can take it between this and the token's insert.
const PROVISIONED_GROUP = `insert into groups (id, account_id, name, description, created_at, updated_at)
  values ($1, $2, $3, 'Users created by an identity provider.', $4::timestamptz, $4::timestamptz)
  on conflict (account_id, lower(name)) do update set name = groups.name
  returning id`

/** Provisioned users never land in Administrators by default: they get a group of their own. */
async function provisionedGroup(tx: Executor, accountId: string, now: Date): Promise<string> {
  const [row] = await rawQuery(tx)<{ id: string }>(PROVISIONED_GROUP, [newId(), accountId, PROVISIONED_GROUP_NAME, now.toISOString()])
  return row!.id
}

function mapErrors(name: string) {
  return (error: unknown): never => {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'api_tokens_name_per_account') {
      throw new AlreadyTakenError(`A token named "${name}" already exists.`, { name: 'A token with this name already exists.' })
    }
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION) {
      throw new DomainError('validation_failed', 'Choose a group of this account.', { provisionGroupId: 'Choose a group of this account.' })
    }
    throw error
  }
}

/** The token is returned once, here; only its SHA-256 is stored. */
function refuseTypedName(name: string, stored?: string) {
  const problem = typedTextProblem(name.trim(), stored)
  if (problem) throw new DomainError('validation_failed', problem, { name: problem })
}

export async function createApiToken(
  deps: CoreDeps,
  input: { accountId: string; name: string; createdByPersonId: string; provisionGroupId?: string; sendInvitationEmail?: boolean },
): Promise<{ token: string; record: ApiTokenRecord }> {
  const now = deps.clock.now()
  const token = TOKEN_PREFIX + randomToken()
  const id = newId()
  refuseTypedName(input.name)
  if (input.provisionGroupId !== undefined && !isUuid(input.provisionGroupId)) mapErrors(input.name)({ code: FOREIGN_KEY_VIOLATION })
  await deps.db
    .transaction(async (tx) => {
      const provisionGroupId = input.provisionGroupId ?? (await provisionedGroup(tx, input.accountId, now))
      await tx.insert(apiTokens).values({
        id,
        accountId: input.accountId,
        name: input.name.trim(),
        tokenHash: await sha256(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 4),
        provisionGroupId,
        sendInvitationEmail: input.sendInvitationEmail ?? true,
        createdByPersonId: input.createdByPersonId,
        createdAt: now,
      })
    })
    .catch(mapErrors(input.name))
  return { token, record: await getApiToken(deps.db, input.accountId, id) }
}

/** A live token of the account; a revoked one is `gone` (410), saying when, so the page can tell the two apart. */
export async function getApiToken(db: Executor, accountId: string, id: string): Promise<ApiTokenRecord> {
  if (!isUuid(id)) throw notFound('API token')
  const [row] = await db
    .select(selection)
    .from(apiTokens)
    .leftJoin(apiTokenUsage, eq(apiTokenUsage.tokenId, apiTokens.id))
    .where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.id, id)))
  if (!row) throw notFound('API token')
  if (row.revokedAt) throw revoked(row)
  return row
}

const revoked = (token: ApiTokenRecord) =>
  new DomainError('gone', `The API token "${token.name}" was revoked on ${token.revokedAt!.toISOString()}; it cannot be used or changed.`)

/** The live tokens, or all of them (revoked ones too, for the provisioning log's token filter). */
export async function listApiTokens(
  db: Executor,
  accountId: string,
  options: { includeRevoked?: boolean; ids?: string[] } = {},
): Promise<ApiTokenRecord[]> {
  const ids = options.ids?.filter(isUuid)
  return db
    .select(selection)
    .from(apiTokens)
    .leftJoin(apiTokenUsage, eq(apiTokenUsage.tokenId, apiTokens.id))
    .where(
      and(
        options.includeRevoked ? eq(apiTokens.accountId, accountId) : live(accountId),
        ids ? (ids.length ? inArray(apiTokens.id, ids) : sql`false`) : undefined,
      ),
    )
    .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id))
    .limit(500)
}

export async function updateApiToken(
  deps: CoreDeps,
  accountId: string,
  id: string,
  input: { name?: string; provisionGroupId?: string; sendInvitationEmail?: boolean },
): Promise<ApiTokenRecord> {
  if (!isUuid(id)) throw notFound('API token')
  // Only a name that changes: react-admin sends the whole record back, an older name included.
  if (input.name !== undefined && typedTextProblem(input.name.trim())) refuseTypedName(input.name, (await getApiToken(deps.db, accountId, id)).name)
  if (input.provisionGroupId !== undefined && !isUuid(input.provisionGroupId)) mapErrors(input.name ?? '')({ code: FOREIGN_KEY_VIOLATION })
  const changes = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.provisionGroupId !== undefined ? { provisionGroupId: input.provisionGroupId } : {}),
    ...(input.sendInvitationEmail !== undefined ? { sendInvitationEmail: input.sendInvitationEmail } : {}),
  }
  // react-admin's update sends the whole record; one without any setting of a token changes nothing.
  if (Object.keys(changes).length === 0) return getApiToken(deps.db, accountId, id)
  await deps.db
    .update(apiTokens)
    .set(changes)
    .where(and(live(accountId), eq(apiTokens.id, id)))
    .catch(mapErrors(input.name ?? ''))
  // The token as it is now; nothing updated, the read says why (no such token, or revoked meanwhile).
  return getApiToken(deps.db, accountId, id)
}

/** Revoking twice is refused (410), so that two administrators never both believe they revoked it. */
export async function revokeApiToken(deps: CoreDeps, accountId: string, id: string): Promise<ApiTokenRecord> {
  if (!isUuid(id)) throw notFound('API token')
  const [row] = await deps.db
    .update(apiTokens)
    .set({ revokedAt: deps.clock.now(), provisionGroupId: null })
    .where(and(live(accountId), eq(apiTokens.id, id)))
    .returning({ id: apiTokens.id })
  if (!row) await getApiToken(deps.db, accountId, id)
  const [record] = await listApiTokens(deps.db, accountId, { includeRevoked: true, ids: [id] })
  return record!
}

export interface AuthenticatedToken {
  id: string
  accountId: string
  name: string
  provisionGroupId: string
  sendInvitationEmail: boolean
  /** Requests this token made in the current one-second window, this one included. */
  requestsThisSecond: number
}

/** A revoked token that was presented: refused like any bad token, but its account can log it. */
export interface RevokedToken {
  id: string
  accountId: string
  name: string
}

const AUTHENTICATE = `
  with token as (
    select id, account_id, name, provision_group_id, send_invitation_email, revoked_at is not null as revoked
    from api_tokens where token_hash = $1
  ), usage as (
    insert into api_token_usage (token_id, window_start, requests, last_used_at)
    select id, $2::timestamptz, 1, $3::timestamptz from token where not token.revoked
    on conflict (token_id) do update set
      -- A request stamped up to two seconds before the window (another isolate's clock, a
      -- statement overtaken on the way) counts in it rather than reset it; one further back
      -- (a clock set back) starts its own window, so that no stamp can hold the token in the future.
      requests = case when excluded.window_start = api_token_usage.window_start
          or excluded.window_start between api_token_usage.window_start - interval '2 seconds' and api_token_usage.window_start
        then api_token_usage.requests + 1 else 1 end,
      window_start = case when excluded.window_start between api_token_usage.window_start - interval '2 seconds' and api_token_usage.window_start
        then api_token_usage.window_start else excluded.window_start end,
      last_used_at = excluded.last_used_at
    returning token_id, requests
  )
  select token.id, token.account_id, token.name, token.provision_group_id, token.send_invitation_email, token.revoked, usage.requests
  from token left join usage on usage.token_id = token.id`

/**
 * One statement authenticates, records the last use and counts the request in the token's
 * one-second window (in the unlogged usage table: no disk flush to wait for), so the rate limit
 * holds across isolates without a second round trip. A revoked token comes back as such, uncounted.
 */
export async function authenticateApiToken(
  db: Database,
  token: string,
  now: Date,
): Promise<{ live: AuthenticatedToken } | { revoked: RevokedToken } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null
  const second = new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString()
  const [row] = await rawQuery(db)<{
    id: string
    account_id: string
    name: string
    provision_group_id: string | null
    send_invitation_email: boolean
    revoked: boolean
    requests: number | null
  }>(AUTHENTICATE, [sha256(token), second, now.toISOString()])
  if (!row) return null
  if (row.revoked || row.provision_group_id === null) return { revoked: { id: row.id, accountId: row.account_id, name: row.name } }
  return {
    live: {
      id: row.id,
      accountId: row.account_id,
      name: row.name,
      provisionGroupId: row.provision_group_id,
      sendInvitationEmail: row.send_invitation_email,
      requestsThisSecond: Number(row.requests),
    },
  }
}
