import { and, desc, eq, inArray, sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import { emails, mailbox } from '../../drizzle/schema.js'
import { isUuid } from '../core/users.js'
import { ApiError } from '../errors.js'
import { idFilter, parseListQuery, sendList } from '../rest/list-query.js'
import type { AppEnv } from '../services.js'

/** Never an id: keeps `in (...)` valid when no id given is a uuid. */
const NO_ID = '00000000-0000-0000-0000-000000000000'

/** /api/accounts/:accountId/emails: the development mailbox, when no email provider is configured. */
export const emailsRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    if (c.get('services').mailer.name !== 'mailbox') {
      throw new ApiError('mailbox_disabled', 'Emails are sent through the email provider; there is no development mailbox.')
    }
    await next()
  })
  .get('/', async (c) => {
    const { db } = c.get('services')
    const accountId = c.req.param('accountId')!
    const query = parseListQuery(c, {
      sortFields: ['createdAt'] as const,
      defaultSort: { field: 'createdAt', order: 'DESC' },
      filter: z.object({ id: idFilter.optional(), to: z.string().max(254).optional() }),
    })
    const conditions = [eq(mailbox.accountId, accountId)]
    if (query.filter.id) conditions.push(inArray(mailbox.id, query.filter.id.filter(isUuid).concat(NO_ID)))
    if (query.filter.to) conditions.push(sql`lower(${mailbox.to}) = ${query.filter.to.trim().toLowerCase()}`)
    const where = and(...conditions)
    const [rows, [count]] = await Promise.all([
      db
        .select({
          id: mailbox.id,
          to: mailbox.to,
          from: mailbox.from,
          subject: mailbox.subject,
          html: mailbox.html,
          text: mailbox.text,
          kind: emails.kind,
          userId: emails.membershipId,
          createdAt: mailbox.createdAt,
        })
        .from(mailbox)
        .innerJoin(emails, eq(emails.id, mailbox.emailId))
        .where(where)
        .orderBy(query.sort.order === 'ASC' ? mailbox.createdAt : desc(mailbox.createdAt), desc(mailbox.id))
        .offset(query.offset)
        .limit(query.limit),
      db.select({ total: sql<number>`count(*)::int` }).from(mailbox).where(where),
    ])
    return sendList(c, 'emails', rows, query.offset, Number(count?.total ?? 0))
  })
