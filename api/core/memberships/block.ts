import { and, eq } from 'drizzle-orm'
import { invitations, memberships } from '../../../drizzle/schema.js'
import { DomainError } from '../errors.js'
import { recordEvent } from '../events.js'
import { issueInvitation, queueInvitationEmail } from '../invitations/issue.js'
import { expiryFrom, newInvitationSecret } from '../invitations/token.js'
import { inTransaction } from '../transaction.js'
import type { Actor, CoreDeps, Tx } from '../types.js'
import { endSessionsWithoutAccess } from './remove.js'
import { administratorGroupOf, assertOtherAdministrators, lockLiveMembership, type LockedMembership } from './shared.js'

/**
 * Blocks a member (an identity provider's `active=false`): access ends at once, a pending link
 * dies, and the state before the block is kept so that unblocking restores it.
 */
export async function blockMember(deps: CoreDeps, actor: Actor, input: { accountId: string; membershipId: string }) {
  return inTransaction(deps.db, async (tx) => blockLocked(tx, deps.clock.now(), actor, await lockLiveMembership(tx, input.accountId, input.membershipId)))
}

/** blockMember, for a member the caller has locked in `tx`. */
export async function blockLocked(tx: Tx, now: Date, actor: Actor, member: LockedMembership): Promise<boolean> {
  if (member.state === 'blocked') return false
  // One pipeline: the administrator check first (it must see the member as it was), then the
  // writes, which need nothing from each other. A last administrator makes the check below throw,
  // and the transaction takes the writes back.
  const [administrators] = await Promise.all([
    administratorGroupOf(tx, member.id),
    tx.update(memberships).set({ state: 'blocked', stateBeforeBlock: member.state, updatedAt: now }).where(eq(memberships.id, member.id)),
    tx
      .update(invitations)
      .set({ status: 'withdrawn', endedAt: now })
      .where(and(eq(invitations.membershipId, member.id), eq(invitations.status, 'pending'))),
    recordEvent(tx, { accountId: member.accountId, membershipId: member.id, type: 'blocked', actor, at: now }),
    endSessionsWithoutAccess(tx, member.personId, member.id),
  ])
  if (administrators) await assertOtherAdministrators(tx, administrators, member.id)
  return true
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
  return inTransaction(deps.db, async (tx) =>
    unblockLocked({ ...deps, db: tx as unknown as CoreDeps['db'] }, actor, await lockLiveMembership(tx, input.accountId, input.membershipId), input.sendEmail),
  )
}

/**
 * unblockMember, for a member the caller has locked in the transaction `deps.db`. Says whether it
 * queued an email, so that the caller dispatches only then.
 */
export async function unblockLocked(
  deps: CoreDeps,
  actor: Actor,
  member: LockedMembership,
  sendEmail: boolean,
): Promise<{ unblocked: boolean; emailQueued: boolean }> {
  const tx = deps.db
  const now = deps.clock.now()
  const input = { accountId: member.accountId, membershipId: member.id, sendEmail }
  if (member.state !== 'blocked') return { unblocked: false, emailQueued: false }
  const secret = await newInvitationSecret(deps.config)
  const restored = member.stateBeforeBlock ?? 'active'
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
  let emailQueued = false
  if (restored === 'invited') {
    const invitationId = await issueInvitation(tx, deps.config, { ...input, now, secret })
    if (input.sendEmail) {
      await queueInvitationEmail(tx, { ...input, invitationId, actor, now, member })
      emailQueued = true
    }
  }
  await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'unblocked', actor, at: now, data: { restored } })
  return { unblocked: true, emailQueued }
}
