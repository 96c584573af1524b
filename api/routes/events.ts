import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { Hono } from 'hono'
import { z } from 'zod'
import { events, memberships, people } from '../../drizzle/schema.js'
import { recordExpiredInvitations } from '../core/events.js'
import { isUuid } from '../core/users.js'
import { parseListQuery, sendList } from '../rest/list-query.js'
import type { AppEnv } from '../services.js'
import { memberDetailsSql } from '../core/member-details.js'

// The person's live membership in the account, if any (memberships_one_live_per_person finds it).
const live = alias(memberships, 'live')
const liveDetailsSql = memberDetailsSql('"live"', '"people"')
const liveDetails = { firstName: sql<string | null>`${sql.raw(liveDetailsSql.firstName)}`, lastName: sql<string | null>`${sql.raw(liveDetailsSql.lastName)}` }

const eventFilter = z.object({ userId: z.string().max(100).optional(), type: z.string().max(50).optional() })

/**
 * /api/accounts/:accountId/events: the history of the account's memberships, newest first, each line
 * with the person it is about (declined and removed members included); `userId` gives one user's.
 */
export const eventsRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db, clock } = c.get('services')
  const accountId = c.req.param('accountId')!
  const query = parseListQuery(c, { sortFields: ['occurredAt'] as const, defaultSort: { field: 'occurredAt', order: 'DESC' }, filter: eventFilter })
  await recordExpiredInvitations(db, clock.now(), { accountId })
  const conditions = [eq(events.accountId, accountId)]
  if (query.filter.userId !== undefined) {
    // A user's history in this account: this membership's lines and those of the same person's
    // earlier memberships here (declined, removed, then invited again).
    const userId = isUuid(query.filter.userId) ? query.filter.userId : '00000000-0000-0000-0000-000000000000'
    conditions.push(sql`${events.membershipId} in (select other.id from memberships this
      join memberships other on other.person_id = this.person_id and other.account_id = this.account_id
      where this.id = ${userId} and this.account_id = ${accountId})`)
  }
  if (query.filter.type) conditions.push(eq(events.type, query.filter.type))
  const where = and(...conditions)
  const direction = query.sort.order === 'DESC' ? desc : asc
  const ordered = [direction(events.occurredAt), direction(events.id)]
  // The page's ids first (from the index on account, time and id), then who each line is about,
  // for those lines alone: joined before the OFFSET, every skipped line was joined too.
  const pageIds = db.select({ id: events.id }).from(events).where(where).orderBy(...ordered).offset(query.offset).limit(query.limit)
  const [rows, [count]] = await Promise.all([
    // Who each line is about, also once the membership has ended (declined, removed: the rows
    // stay), and their membership now if they are (again) a member.
    db
      .select({
        event: events,
        firstName: liveDetails.firstName,
        lastName: liveDetails.lastName,
        enteredFirstName: memberships.inviteeFirstName,
        enteredLastName: memberships.inviteeLastName,
        email: people.email,
        currentId: live.id,
      })
      .from(events)
      .leftJoin(memberships, eq(memberships.id, events.membershipId))
      .leftJoin(people, eq(people.id, memberships.personId))
      .leftJoin(live, and(eq(live.personId, memberships.personId), eq(live.accountId, events.accountId), isNull(live.endedAt)))
      .where(inArray(events.id, pageIds))
      .orderBy(...ordered),
    db.select({ total: sql<number>`count(*)::int` }).from(events).where(where),
  ])
  const body = rows.map(({ event: e, firstName, lastName, enteredFirstName, enteredLastName, email, currentId }) => ({
    id: e.id,
    userId: e.membershipId,
    // A member's name as the account sees it now (member-details.ts); a former member's only as the
    // account itself entered it when inviting them, never the person's own.
    user:
      email === null
        ? null
        : {
            name: (currentId ? `${firstName} ${lastName}` : `${enteredFirstName ?? ''} ${enteredLastName ?? ''}`).trim() || null,
            email,
            current: currentId !== null,
            currentId,
          },
    type: e.type,
    actor: { type: e.actorType, label: e.actorLabel },
    data: e.data,
    occurredAt: e.occurredAt,
  }))
  return sendList(c, 'events', body, query.offset, Number(count?.total ?? 0))
})
