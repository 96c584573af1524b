import { and, eq, isNull } from 'drizzle-orm'
import { invitations, memberships } from '../../../drizzle/schema.js'
import { DomainError, notFound } from '../errors.js'
import { recordEvent, recordExpiredInvitations } from '../events.js'
import { lockLiveMembership } from '../memberships/shared.js'
import { stateOf, whyNot, type InvitationAction } from '../state.js'
import { findUser, getUser, isUuid, type UserRecord } from '../users.js'
import type { Actor, CoreDeps, Executor } from '../types.js'
import { inTransaction } from '../transaction.js'
import { issueInvitation, queueInvitationEmail, restartInvitationClock } from './issue.js'
import { invitationToken, invitationUrl, newInvitationSecret } from './token.js'

/** Why an action is refused, from the membership's state now. */
async function refusal(db: Executor, accountId: string, membershipId: string, action: InvitationAction, now: Date) {
  const user = await findUser(db, accountId, membershipId, now)
  if (!user) return notFound('User')
  return new DomainError('invalid_state', whyNot[action][user.state] ?? 'This action does not apply to the user now.')
}

/** Emails the same link again and restarts the 7 days. Only while the invitation is valid. */
export async function resendInvitation(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; membershipId: string },
): Promise<UserRecord> {
  return inTransaction(deps.db, async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    // The time once locked: a resend that waited for another change is dated after it.
    const now = deps.clock.now()
    if (!(await restartInvitationClock(tx, { ...input, now, expired: false }))) {
      throw await refusal(tx, input.accountId, input.membershipId, 'resend', now)
    }
    const [invitation] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.membershipId, member.id), eq(invitations.status, 'pending')))
    if (!invitation) throw new DomainError('invalid_state', 'There is no pending invitation to resend.')
    await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'invitation_resent', actor, at: now })
    await queueInvitationEmail(tx, { ...input, invitationId: invitation.id, actor, now, member })
    return getUser(tx, input.accountId, member.id, now)
  })
}

/** A new link for an expired invitation: the old link stops working, the state is Invited again. */
export async function sendNewInvitation(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; membershipId: string },
): Promise<UserRecord> {
  const secret = await newInvitationSecret(deps.config)
  return inTransaction(deps.db, async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    const now = deps.clock.now() // once locked, as for resending
    // The history shows the expiry before the renewal, even if no sweep has run since.
    await recordExpiredInvitations(tx, now, { membershipId: input.membershipId })
    if (!(await restartInvitationClock(tx, { ...input, now, expired: true }))) {
      throw await refusal(tx, input.accountId, input.membershipId, 'newInvitation', now)
    }
    const invitationId = await issueInvitation(tx, deps.config, { ...input, now, secret })
    await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'new_invitation_sent', actor, at: now })
    await queueInvitationEmail(tx, { ...input, invitationId, actor, now, member })
    return getUser(tx, input.accountId, member.id, now)
  })
}

/** The same link the email holds, recomputed from the invitation's seed and the server's secret. */
export async function invitationLink(deps: CoreDeps, input: { accountId: string; membershipId: string }): Promise<string> {
  const now = deps.clock.now()
  if (!isUuid(input.membershipId)) throw notFound('User')
  const [row] = await deps.db
    .select({ seed: invitations.seed, state: memberships.state, expiresAt: memberships.expiresAt })
    .from(invitations)
    .innerJoin(memberships, eq(memberships.id, invitations.membershipId))
    .where(
      and(
        eq(invitations.membershipId, input.membershipId),
        eq(invitations.accountId, input.accountId),
        eq(invitations.status, 'pending'),
        isNull(memberships.endedAt),
      ),
    )
  if (!row || stateOf(row, now) !== 'invited') throw await refusal(deps.db, input.accountId, input.membershipId, 'copyLink', now)
  return invitationUrl(deps.config, await invitationToken(deps.config, row.seed))
}
