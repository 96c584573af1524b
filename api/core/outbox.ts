import { emails } from '../../drizzle/schema.js'
import { newId } from './crypto.js'
import type { Executor } from './types.js'

export interface InvitationEmailIntent {
  kind: 'invitation'
  invitationId: string
  props: { firstName: string; inviterName: string | null; accountName: string }
}
export interface RemovedEmailIntent {
  kind: 'removed'
  /** joined: false, the invitation was withdrawn before they joined (older rows lack it: removed). */
  props: { firstName: string; accountName: string; joined: boolean }
}
export type EmailIntent = InvitationEmailIntent | RemovedEmailIntent

/**
 * Queues an email in the caller's transaction: it exists if and only if the change commits.
 * The invitation link is not stored; the dispatcher recomputes it from the invitation.
 */
export async function enqueueEmail(
  tx: Executor,
  input: { accountId: string; membershipId: string; to: string; at: Date } & EmailIntent,
): Promise<string> {
  const id = newId()
  await tx.insert(emails).values({
    id,
    accountId: input.accountId,
    membershipId: input.membershipId,
    invitationId: input.kind === 'invitation' ? input.invitationId : null,
    kind: input.kind,
    to: input.to,
    props: input.props,
    createdAt: input.at,
  })
  return id
}
