import { and, isNull, lt } from 'drizzle-orm'
import { mailbox, passwordResets, sessions, signInAttempts } from '../drizzle/schema.js'
import { recordExpiredInvitations } from './core/events.js'
import { dispatchQueuedEmails } from './mail/dispatch.js'
import { pruneProvisioningLog } from './scim/middleware/provisioning-log.js'
import type { Services } from './services.js'

/**
 * What runs on a timer: Node's interval and the Worker's Cron Trigger. Sends what the outbox still
 * holds (after a crash or an outage), writes "invitation expired" history lines, and prunes old rows.
 */
export async function runMaintenance(services: Services): Promise<void> {
  const now = services.clock.now()
  await dispatchQueuedEmails(services)
  await recordExpiredInvitations(services.db, now)
  await pruneProvisioningLog(services.db, now)
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000)
  await services.db.delete(signInAttempts).where(lt(signInAttempts.attemptedAt, dayAgo))
  // A reset link lives an hour; a day later its row only counts toward nothing.
  await services.db.delete(passwordResets).where(lt(passwordResets.expiresAt, dayAgo))
  // An expired session is refused anyway; a day later its row is only weight.
  await services.db.delete(sessions).where(lt(sessions.expiresAt, dayAgo))
  // A development mailbox's copies of password reset emails belong to no account that would take them along.
  await services.db.delete(mailbox).where(and(isNull(mailbox.accountId), lt(mailbox.createdAt, dayAgo)))
}
