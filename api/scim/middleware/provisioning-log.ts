import type { MiddlewareHandler } from 'hono'
import { lt } from 'drizzle-orm'
import { provisioningLog } from '../../../drizzle/schema.js'
import type { Database } from '../../core/types.js'
import { arrayLiteral, rawQuery } from '../../db/raw-query.js'
import type { ScimEnv } from '../env.js'

export const LOG_RETENTION_DAYS = 30

/** Text PostgreSQL can store (no NUL, which a request may well carry), cut to a readable length. */
const loggable = (text: string) => text.replace(/\u0000/g, '\uFFFD').slice(0, 2000)

/**
 * Records every authenticated SCIM request of an account after the response is sent: what was
 * asked, how it ended, how long it took, and what changed or why it failed.
 */
export function provisioningLogger(): MiddlewareHandler<ScimEnv> {
  return async (c, next) => {
    const services = c.get('services')
    const started = performance.now()
    await next()
    const token = c.get('token') ?? c.get('revokedToken')
    if (!token) return
    const url = new URL(c.req.url)
    const summary = c.get('token') ? (c.get('scimSummary') ?? (c.res.ok ? 'OK' : 'Failed')) : 'Refused: the token has been revoked.'
    const failedOn = c.get('token') && aboutTheResource(c.res.status) ? targetOf(url.pathname) : undefined
    const entry = {
      accountId: token.accountId,
      tokenId: token.id,
      tokenName: token.name,
      method: c.req.method,
      path: loggable(url.pathname + url.search),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      at: services.clock.now(),
    }
    services.afterResponse(async () => {
      // A failure names the id it was about; the administrator reading the log wants the user or
      // group. Looked up after the response, so a provider never waits for it, as are the users a
      // summary refers to (userReference).
      const name = failedOn ? await nameOf(services.db, token.accountId, failedOn).catch(() => null) : null
      // Cut only once resolved: a reference cut in two would stay in the log as it is.
      const resolved = await withUserNames(services.db, token.accountId, name ? `${name}: ${summary}` : summary)
      await services.provisioningLog.write({ ...entry, summary: loggable(resolved) })
    })
  }
}

// Failures that say something about the resource; not a refused token, an oversized body or a
// request over the rate limit, which need no lookup (least of all while shedding load).
const aboutTheResource = (status: number) => status >= 400 && ![401, 413, 415, 429].includes(status)

const RESOURCE_PATH = /^\/scim\/v2\/(Users|Groups)\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\/?$/
type Target = { kind: 'Users' | 'Groups'; id: string }
const targetOf = (pathname: string): Target | undefined => {
  const match = RESOURCE_PATH.exec(pathname)
  return match ? { kind: match[1] as Target['kind'], id: match[2]!.toLowerCase() } : undefined
}

// Any membership or group the account ever had with that id (a user deleted since keeps its name).
const NAME_OF = {
  Users: `select coalesce(memberships.user_name, people.email) as name from memberships join people on people.id = memberships.person_id
    where memberships.id = $1 and memberships.account_id = $2`,
  Groups: `select name from groups where id = $1 and account_id = $2`,
}

async function nameOf(db: Database, accountId: string, target: Target): Promise<string | null> {
  const [row] = await rawQuery(db)<{ name: string }>(NAME_OF[target.kind], [target.id, accountId])
  return row?.name ?? null
}

let referenceKey: string | undefined

/**
 * A user in a summary, named by their userName once the response is sent ("added lfrei@contoso.com").
 * The reference holds a key drawn once per isolate (on first use: a Worker may not draw random
 * values at global scope). Text a request put in the summary (a group's name, a filter) cannot
 * spell it, so such text is shown as sent, and only references made here name anyone.
 */
export const userReference = (id: string) => `{user:${(referenceKey ??= crypto.randomUUID())}:${id.toLowerCase()}}`

const USER_NAMES = `select memberships.id, coalesce(memberships.user_name, people.email) as name
  from memberships join people on people.id = memberships.person_id where memberships.id = any($1::uuid[]) and memberships.account_id = $2`

/** A reference to a user no longer there, or not looked up (the database failing), shows their id. */
async function withUserNames(db: Database, accountId: string, summary: string): Promise<string> {
  if (!referenceKey) return summary
  const references = new RegExp(`\\{user:${referenceKey}:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\}`, 'g')
  const ids = [...new Set(Array.from(summary.matchAll(references), (match) => match[1]!))]
  if (ids.length === 0) return summary
  const rows = await rawQuery(db)<{ id: string; name: string }>(USER_NAMES, [arrayLiteral(ids), accountId]).catch(() => [])
  const names = new Map(rows.map((row) => [row.id, row.name]))
  return summary.replace(references, (_, id: string) => names.get(id) ?? id)
}

/** Deletes log entries past the retention; run by the periodic sweep. */
export async function pruneProvisioningLog(db: import('../../core/types.js').Executor, now: Date) {
  await db.delete(provisioningLog).where(lt(provisioningLog.at, new Date(now.getTime() - LOG_RETENTION_DAYS * 24 * 3600 * 1000)))
}
