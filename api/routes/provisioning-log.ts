import { and, desc, eq, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { provisioningLog } from '../../drizzle/schema.js'
import { parseListQuery, sendList } from '../rest/list-query.js'
import { isUuid } from '../core/users.js'
import type { AppEnv } from '../services.js'

const logFilter = z.object({
  tokenId: z.string().max(100).optional(),
  failed: z.boolean().optional(),
})

/** /api/accounts/:accountId/provisioning-log: the account's SCIM requests of the last 30 days. */
export const provisioningLogRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.get('services')
  const accountId = c.req.param('accountId')!
  const query = parseListQuery(c, { sortFields: ['at'] as const, defaultSort: { field: 'at', order: 'DESC' }, filter: logFilter })
  const conditions = [eq(provisioningLog.accountId, accountId)]
  if (query.filter.tokenId) {
    // As a uuid, so that the index on (account, token, time) serves it; an id that is none matches nothing.
    conditions.push(isUuid(query.filter.tokenId) ? eq(provisioningLog.tokenId, query.filter.tokenId) : sql`false`)
  }
  if (query.filter.failed !== undefined) conditions.push(query.filter.failed ? sql`${provisioningLog.status} >= 400` : sql`${provisioningLog.status} < 400`)
  const where = and(...conditions)
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(provisioningLog)
      .where(where)
      .orderBy(query.sort.order === 'ASC' ? provisioningLog.at : desc(provisioningLog.at), desc(provisioningLog.id))
      .offset(query.offset)
      .limit(query.limit),
    db.select({ total: sql<number>`count(*)::int` }).from(provisioningLog).where(where),
  ])
  return sendList(c, 'provisioning-log', rows, query.offset, Number(count?.total ?? 0))
})
