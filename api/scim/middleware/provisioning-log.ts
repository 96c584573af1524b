import type { MiddlewareHandler } from 'hono'
import { lt } from 'drizzle-orm'
import { provisioningLog } from '../../../drizzle/schema.js'
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
    const entry = {
      accountId: token.accountId,
      tokenId: token.id,
      tokenName: token.name,
      method: c.req.method,
      path: loggable(url.pathname + url.search),
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
      summary: loggable(summary),
      at: services.clock.now(),
    }
    services.afterResponse(() => services.provisioningLog.write(entry))
  }
}

/** Deletes log entries past the retention; run by the periodic sweep. */
export async function pruneProvisioningLog(db: import('../../core/types.js').Executor, now: Date) {
  await db.delete(provisioningLog).where(lt(provisioningLog.at, new Date(now.getTime() - LOG_RETENTION_DAYS * 24 * 3600 * 1000)))
}
