import { and, eq, sql } from 'drizzle-orm'
import { emails } from '../../drizzle/schema.js'
import type { Executor } from './types.js'

export type DeliveryStatus = 'delivered' | 'bounced' | 'complained' | 'failed'

const rank = (status: unknown) => sql`(case ${status} when 'queued' then 0 when 'sent' then 1 when 'delivered' then 2 else 3 end)`

/**
 * Records what the provider reports about a sent email. Webhooks arrive late, twice or out of
 * order: a status only ever moves forward (a bounce after "delivered" wins, not the reverse).
 */
export async function recordDeliveryStatus(
  db: Executor,
  input: { providerId: string; status: DeliveryStatus; at: Date; reason?: string },
): Promise<boolean> {
  const updated = await db
    .update(emails)
    .set({ status: input.status, statusAt: input.at, ...(input.reason ? { error: input.reason.slice(0, 1000) } : {}) })
    .where(and(eq(emails.providerId, input.providerId), sql`${rank(emails.status)} < ${rank(sql`${input.status}::email_status`)}`))
    .returning({ id: emails.id })
  return updated.length > 0
}
