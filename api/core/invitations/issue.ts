import { and, eq, gt, isNull, lte } from 'drizzle-orm'
import { invitations, memberships } from '../../../drizzle/schema.js'
import { newId } from '../crypto.js'
import { enqueueEmail } from '../outbox.js'
import { rawQuery } from '../../db/raw-query.js'
import type { Actor, Config, Executor } from '../types.js'
import { expiryFrom, newInvitationSecret } from './token.js'

/** A new link for a membership: any pending one is replaced (stops working). */
export async function issueInvitation(
  tx: Executor,
  config: Config,
  input: {
    accountId: string
    membershipId: string
    now: Date
    secret?: Awaited<ReturnType<typeof newInvitationSecret>>
    /** false for a membership made in this transaction, which has no invitation to replace. */
    replacePending?: boolean
  },
): Promise<string> {
  const secret = input.secret ?? (await newInvitationSecret(config))
  if (input.replacePending !== false) {
    await tx
      .update(invitations)
      .set({ status: 'replaced', endedAt: input.now })
      .where(and(eq(invitations.membershipId, input.membershipId), eq(invitations.status, 'pending')))
  }
  const { id, params } = invitationRow({ ...input, secret })
  await rawQuery(tx)(`insert into invitations (${INVITATION_COLUMNS}) values ($1, $2, $3, $4, $5, $6::timestamptz)`, params)
  return id
}

/**
 * A new pending invitation as a part of a written-out statement: `INVITATION_COLUMNS` take the
 * values of `params`, in order (the time as ISO text for `::timestamptz`).
 */
export const INVITATION_COLUMNS = 'id, account_id, membership_id, seed, token_hash, created_at'
export function invitationRow(input: { accountId: string; membershipId: string; now: Date; secret: { seed: string; tokenHash: string } }) {
  const id = newId()
  return { id, params: [id, input.accountId, input.membershipId, input.secret.seed, input.secret.tokenHash, input.now.toISOString()] }
}

/** The invitation email, in the caller's transaction. Identity providers invite on no one's name. */
export function queueInvitationEmail(
  tx: Executor,
  input: {
    accountId: string
    membershipId: string
    invitationId: string
    actor: Actor
    now: Date
    member: { email: string; firstName: string; accountName: string }
  },
) {
  return enqueueEmail(tx, {
    accountId: input.accountId,
    membershipId: input.membershipId,
    to: input.member.email,
    at: input.now,
    kind: 'invitation',
    invitationId: input.invitationId,
    props: {
      firstName: input.member.firstName,
      inviterName: input.actor.type === 'administrator' ? input.actor.label : null,
      accountName: input.member.accountName,
    },
  })
}

/**
 * Starts the 7 days again from `now` for an invitation that is still valid (`expired: false`) or
 * that has expired (`expired: true`), in one conditional UPDATE; false when the state did not match.
 */
export async function restartInvitationClock(
  tx: Executor,
  input: { accountId: string; membershipId: string; now: Date; expired: boolean },
): Promise<boolean> {
  const updated = await tx
    .update(memberships)
    .set({ invitedAt: input.now, expiresAt: expiryFrom(input.now), updatedAt: input.now })
    .where(
      and(
        eq(memberships.id, input.membershipId),
        eq(memberships.accountId, input.accountId),
        isNull(memberships.endedAt),
        eq(memberships.state, 'invited'),
        input.expired ? lte(memberships.expiresAt, input.now) : gt(memberships.expiresAt, input.now),
      ),
    )
    .returning({ id: memberships.id })
  return updated.length > 0
}
