import { and, eq } from 'drizzle-orm'
import { invitations, memberships } from '../../../drizzle/schema.js'
import { DomainError } from '../errors.js'
import { recordEvent } from '../events.js'
import { issueInvitation, queueInvitationEmail } from '../invitations/issue.js'
import { expiryFrom, newInvitationSecret } from '../invitations/token.js'
import type { Actor, CoreDeps } from '../types.js'
import { endSessionsWithoutAccess } from './remove.js'
import { assertAnotherAdministratorRemains, lockLiveMembership } from './shared.js'

/**
 * Blocks a member (an identity provider's `active=false`): access ends at once, a pending link
 * dies, and the state before the block is kept so that unblocking restores it.
 */
export async function blockMember(deps: CoreDeps, actor: Actor, input: { accountId: string; membershipId: string }) {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    if (member.state === 'blocked') return false
    await assertAnotherAdministratorRemains(tx, input.accountId, member.id)
    await tx
      .update(memberships)
      .set({ state: 'blocked', stateBeforeBlock: member.state, updatedAt: now })
      .where(eq(memberships.id, member.id))
    await tx
      .update(invitations)
      .set({ status: 'withdrawn', endedAt: now })
      .where(and(eq(invitations.membershipId, member.id), eq(invitations.status, 'pending')))
    await endSessionsWithoutAccess(tx, member.personId)
    await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'blocked', actor, at: now })
    return true
  })
}

/**
 * Restores the state before the block. An invitation that the block withdrew comes back as a new
 * link with a fresh 7 days (the old one stays dead), emailed when `sendEmail` says so.
 */
export async function unblockMember(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; membershipId: string; sendEmail: boolean },
) {
  const now = deps.clock.now()
  const secret = await newInvitationSecret(deps.config)
  return deps.db.transaction(async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    if (member.state !== 'blocked') return false
    const [row] = await tx.select({ before: memberships.stateBeforeBlock }).from(memberships).where(eq(memberships.id, member.id))
    const restored = row?.before ?? 'active'
    if (restored === 'blocked') throw new DomainError('invalid_state', 'The state before the block is unknown.')
    await tx
      .update(memberships)
      .set({
        state: restored,
        stateBeforeBlock: null,
        updatedAt: now,
        ...(restored === 'invited' ? { invitedAt: now, expiresAt: expiryFrom(now) } : {}),
      })
      .where(eq(memberships.id, member.id))
    if (restored === 'invited') {
      const invitationId = await issueInvitation(tx, deps.config, { ...input, now, secret })
      if (input.sendEmail) await queueInvitationEmail(tx, { ...input, invitationId, actor, now, member })
    }
    await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'unblocked', actor, at: now, data: { restored } })
    return true
  })
}
