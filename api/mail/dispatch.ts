import { and, eq, sql } from 'drizzle-orm'
import type { Context } from 'hono'
import { emails, invitations, memberships } from '../../drizzle/schema.js'
import { renderEmail, type EmailTemplate } from '../../emails/render.js'
import { invitationToken, invitationUrl } from '../core/invitations/token.js'
import { rawQuery } from '../db/raw-query.js'
import type { AppEnv, Services } from '../services.js'
import { EmailNotConfiguredError } from './mailer.js'
import { EmailProviderError } from './resend-mailer.js'

/**
 * Ten tries ride out an outage: at most 30 s, 1, 2, 4, 8, 16, then 30 minutes apart, each wait
 * jittered down to half (so one to two hours in all), or longer when the provider says Retry-After.
 */
export const MAX_ATTEMPTS = 10
const LEASE_MS = 60_000
const FIRST_BACKOFF_MS = 30_000
const MAX_BACKOFF_MS = 30 * 60_000

/** Exponential backoff with jitter, never sooner than the provider's Retry-After. */
export function retryDelayMs(attempts: number, retryAfterMs: number | undefined, random = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, 2 ** (attempts - 1) * FIRST_BACKOFF_MS)
  const jittered = ceiling / 2 + random() * (ceiling / 2)
  return Math.max(jittered, retryAfterMs ?? 0)
}

/** What a claimed outbox row carries to the sender. */
type EmailRow = Pick<typeof emails.$inferSelect, 'id' | 'accountId' | 'membershipId' | 'invitationId' | 'kind' | 'to' | 'props' | 'attempts'>

// Runs after every request that may have queued an email, and almost always claims nothing: a
// prepared statement, not one built by drizzle each time.
const CLAIM = `update emails set locked_until = $2::timestamptz
  where id in (select id from emails where status = 'queued' and (locked_until is null or locked_until <= $1::timestamptz)
    order by created_at limit $3 for update skip locked)
  returning id, account_id as "accountId", membership_id as "membershipId", invitation_id as "invitationId", kind, "to", props, attempts`

// A row's lease is its own: the time it ends, with random microseconds, so that no two
// dispatchers hold the same one. A batch is claimed at once, but each row's lease is taken again
// just before it is sent: a row whose batch lease ran out while earlier rows were being sent may
// have been claimed (and sent) by another dispatcher meanwhile, and is then left alone.
const RENEW = `update emails set locked_until = $3::timestamptz
  where id = $1 and status = 'queued' and locked_until = $2::timestamptz returning id`

function lease(now: Date): string {
  const until = new Date(now.getTime() + LEASE_MS).toISOString()
  return `${until.slice(0, -1)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}Z`
}

/** The row, while this dispatcher still holds it: every write after a send is conditional on it. */
const heldRow = (id: string, held: string) => and(eq(emails.id, id), eq(emails.status, 'queued'), sql`${emails.lockedUntil} = ${held}::timestamptz`)

// A removal is told only to someone who knows of the membership: they joined, or an invitation
// email for it reached the provider, or may have (a try that timed out; one still queued when they
// were removed is never sent). And not once the address has been invited to the account again
// since: arriving after the new invitation (a retry's backoff), it would say it was withdrawn.
const REMOVAL_STILL_DUE = `select
    exists (select 1 from emails sent where sent.membership_id = $2 and sent.kind = 'invitation'
      and (sent.provider_id is not null or sent.outcome_unknown)) as "invitationSent",
    exists (select 1 from emails later where later.account_id = $3 and later.kind = 'invitation' and lower(later."to") = lower($4)
      and later.membership_id <> $2 and later.created_at >= (select created_at from emails where id = $1)) as "invitedAgain"`

const DAY_MS = 86_400_000

async function compose(services: Services, row: EmailRow): Promise<{ template: EmailTemplate; link?: string } | { dead: string }> {
  const { config, clock } = services
  if (row.kind === 'removed') {
    const props = row.props as { firstName: string; accountName: string; joined?: boolean }
    const [due] = await rawQuery(services.db)<{ invitationSent: boolean; invitedAgain: boolean }>(REMOVAL_STILL_DUE, [row.id, row.membershipId, row.accountId, row.to])
    if (due?.invitedAgain) return { dead: 'The address was invited to the account again before this email could be sent.' }
    if (!props.joined && !due?.invitationSent) return { dead: 'No invitation email reached them: there is nothing to withdraw.' }
    return { template: { kind: 'removed', props: { ...props, productName: config.productName } } }
  }
  const [invitation] = await services.db
    .select({ seed: invitations.seed, status: invitations.status, expiresAt: memberships.expiresAt })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .where(eq(invitations.id, row.invitationId!))
  if (!invitation || invitation.status !== 'pending') return { dead: 'The invitation ended before the email was sent.' }
  // Emails wait in the outbox while no provider is configured, or between retries.
  const left = (invitation.expiresAt?.getTime() ?? 0) - clock.now().getTime()
  if (left <= 0) return { dead: 'The invitation expired before its email could be sent: send a new invitation.' }
  const link = invitationUrl(config, await invitationToken(config, invitation.seed))
  const props = row.props as { firstName: string; inviterName: string | null; accountName: string }
  const expiresInDays = Math.max(1, Math.round(left / DAY_MS))
  return { template: { kind: 'invitation', props: { ...props, productName: config.productName, url: link, expiresInDays } }, link }
}

/**
 * Sends what the outbox holds. Rows are claimed with SKIP LOCKED and a lease, so two dispatchers
 * never send the same email; the outbox id is the provider's idempotency key for retries.
 */
export async function dispatchQueuedEmails(services: Services, options: { batch?: number } = {}): Promise<number> {
  const { db, clock, mailer, config } = services
  let sent = 0
  for (;;) {
    const now = clock.now()
    const batchLease = lease(now)
    const claimed = (await rawQuery(db)<EmailRow>(CLAIM, [now.toISOString(), batchLease, options.batch ?? 20])).map(
      (row) => ({ ...row, props: typeof row.props === 'string' ? JSON.parse(row.props) : row.props }),
    )
    if (claimed.length === 0) return sent
    for (const row of claimed) {
      const attempts = row.attempts + 1
      const held = lease(clock.now())
      if ((await rawQuery(db)(RENEW, [row.id, batchLease, held])).length === 0) continue
      // Whether the provider was asked: a failure after that without an answer may hide a sent email.
      let asked = false
      try {
        const composed = await compose(services, row)
        if ('dead' in composed) {
          await db
            .update(emails)
            .set({ status: 'failed', error: composed.dead, attempts, lockedUntil: null, statusAt: clock.now() })
            .where(heldRow(row.id, held))
          continue
        }
        const message = await renderEmail(composed.template)
        asked = true
        const { providerId } = await mailer.send({ id: row.id, accountId: row.accountId, to: row.to, from: config.mailFrom, link: composed.link, ...message })
        await db
          .update(emails)
          .set({ status: 'sent', providerId, sentAt: clock.now(), statusAt: clock.now(), attempts, lockedUntil: null, error: null })
          .where(heldRow(row.id, held))
        sent++
      } catch (error) {
        if (error instanceof EmailNotConfiguredError) {
          await db
            .update(emails)
            .set({ error: error.message, lockedUntil: new Date(clock.now().getTime() + EmailNotConfiguredError.waitMs) })
            .where(heldRow(row.id, held))
          continue
        }
        const retryable = !(error instanceof EmailProviderError) || error.retryable
        const giveUp = !retryable || attempts >= MAX_ATTEMPTS
        const outcomeUnknown = asked && (!(error instanceof EmailProviderError) || error.outcomeUnknown)
        const delay = retryDelayMs(attempts, error instanceof EmailProviderError ? error.retryAfterMs : undefined)
        await db
          .update(emails)
          .set({
            status: giveUp ? 'failed' : 'queued',
            attempts,
            error: String((error as Error)?.message ?? error).slice(0, 1000),
            lockedUntil: giveUp ? null : new Date(clock.now().getTime() + delay),
            ...(giveUp ? { statusAt: clock.now() } : {}),
            ...(outcomeUnknown ? { outcomeUnknown: true } : {}),
          })
          .where(heldRow(row.id, held))
        services.log.error('email not sent', { emailId: row.id, attempts, error: String(error) })
      }
    }
  }
}

/** Sends the emails a request queued, after its response. */
export function sendQueuedEmails(c: Context<AppEnv>): void {
  const services = c.get('services')
  services.afterResponse(() => dispatchQueuedEmails(services))
}
