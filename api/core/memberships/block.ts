import { eq } from 'drizzle-orm'
import { memberships } from '../../../drizzle/schema.js'
import { DomainError } from '../errors.js'
import { EVENT_COLUMNS, eventParams, recordEvent, recordExpiredInvitations } from '../events.js'
import { issueInvitation, queueInvitationEmail } from '../invitations/issue.js'
import { expiryFrom, newInvitationSecret } from '../invitations/token.js'
import { inTransaction } from '../transaction.js'
import type { Actor, CoreDeps, Tx } from '../types.js'
import { rawQuery } from '../../db/raw-query.js'
import { endSessionsStatement } from './remove.js'
import { activeAdministratorGroup, assertAnotherAdministratorRemains, lockLiveMembership, type LockedMembership } from './shared.js'

/**
 * Blocks a member (an identity provider's `active=false`): access ends at once, a pending link
 * dies, and the state before the block is kept so that unblocking restores it.
 */
export async function blockMember(deps: CoreDeps, actor: Actor, input: { accountId: string; membershipId: string }) {
  return inTransaction(deps.db, async (tx) => {
    const member = await lockLiveMembership(tx, input.accountId, input.membershipId)
    return blockLocked(tx, deps.clock.now(), actor, member) // the time once locked: after any change it waited for
  })
}

// The block as one statement: state, pending link, history line, sessions.
const BLOCK = `with blocked as (update memberships set state = 'blocked', state_before_block = $2::membership_state, updated_at = $3::timestamptz where id = $1),
  withdrawn as (update invitations set status = 'withdrawn', ended_at = $3::timestamptz where membership_id = $1 and status = 'pending'),
  history as (insert into events (${EVENT_COLUMNS}) values ($5, $6, $7, $8, $9, $10, $11::jsonb, $12::timestamptz)),
  signed_out as (${endSessionsStatement('$4', '$1')})
  select true as blocked`

/** blockMember, for a member the caller has locked in `tx`. */
export async function blockLocked(tx: Tx, now: Date, actor: Actor, member: LockedMembership): Promise<boolean> {
  const { blocked, written } = await sendBlock(tx, now, actor, member)
  await written
  return blocked
}

/**
 * The block of a member locked in `tx`, for a caller that commits without waiting for it: when
 * nothing can refuse it (the member is no active administrator), it returns once the statement is
 * sent, and `written` settles when it has run. Await `written` once the transaction has ended: a
 * failure there means the transaction was rolled back. An active administrator's block waits for
 * the check that another one remains (a last administrator makes it throw, and the transaction
 * takes the block back).
 */
export async function sendBlock(tx: Tx, now: Date, actor: Actor, member: LockedMembership): Promise<{ blocked: boolean; written: Promise<void> }> {
  if (member.state === 'blocked') return { blocked: false, written: Promise.resolve() }
  // The block withdraws the link, and the sweep dates only pending ones: a link that had expired
  // gets its line first, as a removal or a new invitation gives it.
  if (member.state === 'invited' && member.expiresAt && member.expiresAt <= now) await recordExpiredInvitations(tx, now, { membershipId: member.id })
  const history = eventParams({ accountId: member.accountId, membershipId: member.id, type: 'blocked', actor, at: now })
  const written = rawQuery(tx)(BLOCK, [member.id, member.state, now.toISOString(), member.personId, ...history]).then(() => {})
  written.catch(() => {}) // awaited by the caller, possibly after other work
  if (activeAdministratorGroup(member)) {
    await written
    await assertAnotherAdministratorRemains(tx, member)
  }
  return { blocked: true, written }
}

/**
 * Restores the state before the block, for a member the caller has locked in the transaction
 * `deps.db`. An invitation that the block withdrew comes back as a new link with a fresh 7 days
 * (the old one stays dead), emailed when `sendEmail` says so. Says whether it queued an email, so
 * that the caller dispatches only then.
 */
export async function unblockLocked(
  deps: CoreDeps,
  actor: Actor,
  member: LockedMembership,
  sendEmail: boolean,
  /** The caller's time for the whole change, so that its history lines agree. */
  now = deps.clock.now(),
): Promise<{ unblocked: boolean; emailQueued: boolean }> {
  const tx = deps.db
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
  await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'unblocked', actor, at: now, data: { restored } })
  let emailQueued = false
  if (restored === 'invited') {
    const invitationId = await issueInvitation(tx, deps.config, { ...input, now, secret })
    if (input.sendEmail) {
      await queueInvitationEmail(tx, { ...input, invitationId, actor, now, member })
      // The invitee gets a new link by email, as from Send new invitation: the history says so.
      await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'new_invitation_sent', actor, at: now })
      emailQueued = true
    }
  }
  return { unblocked: true, emailQueued }
}
