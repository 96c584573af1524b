import { sql } from 'drizzle-orm'
import { events } from '../../drizzle/schema.js'
import type { Actor, Executor } from './types.js'

export type EventType =
  | 'invited'
  | 'invitation_resent'
  | 'new_invitation_sent'
  | 'invitation_accepted'
  | 'invitation_declined'
  | 'invitation_expired'
  | 'groups_changed'
  | 'removed'
  | 'blocked'
  | 'unblocked'
  | 'updated'

export interface EventInput {
  accountId: string
  membershipId: string
  type: EventType
  actor: Actor
  at: Date
  data?: Record<string, unknown>
}

export async function recordEvent(db: Executor, input: EventInput): Promise<void> {
  await db.insert(events).values({
    accountId: input.accountId,
    membershipId: input.membershipId,
    type: input.type,
    actorType: input.actor.type,
    actorPersonId: actorPersonId(input.actor),
    actorLabel: input.actor.label,
    data: eventData(input),
    occurredAt: input.at,
  })
}

/**
 * The same history line as a part of a written-out statement: `EVENT_COLUMNS` take, in order, the
 * values of `eventParams` (data as JSON text for `::jsonb`, the time as ISO text for `::timestamptz`).
 */
export const EVENT_COLUMNS = 'account_id, membership_id, type, actor_type, actor_person_id, actor_label, data, occurred_at'
export function eventParams(input: EventInput): unknown[] {
  return [
    input.accountId,
    input.membershipId,
    input.type,
    input.actor.type,
    actorPersonId(input.actor),
    input.actor.label,
    JSON.stringify(eventData(input)),
    input.at.toISOString(),
  ]
}

const actorPersonId = (actor: Actor) => ('personId' in actor ? actor.personId : null)
const eventData = (input: EventInput) => ({ ...input.data, ...('tokenId' in input.actor ? { tokenId: input.actor.tokenId } : {}) })

/**
 * Expiry is a fact of time: states are computed from expires_at, so nothing depends on this running.
 * It only writes the history line "invitation expired", once per invitation, dated at the expiry.
 * The invitation is marked in the same statement, so each run looks only at pending invitations
 * whose line is not written yet (invitations_expiry_unrecorded_idx), not at every expiry ever.
 */
export async function recordExpiredInvitations(
  db: Executor,
  now: Date,
  scope: { accountId?: string; membershipId?: string } = {},
): Promise<void> {
  await db.execute(sql`
    with expired as (
      update invitations i set expiry_recorded_at = ${now.toISOString()}::timestamptz
      from memberships m
      where m.id = i.membership_id and i.status = 'pending' and i.expiry_recorded_at is null
        and m.state = 'invited' and m.ended_at is null and m.expires_at <= ${now.toISOString()}::timestamptz
        ${scope.accountId ? sql`and i.account_id = ${scope.accountId}` : sql``}
        ${scope.membershipId ? sql`and i.membership_id = ${scope.membershipId}` : sql``}
      returning i.id, m.account_id, m.id as membership_id, m.expires_at
    )
    insert into events (account_id, membership_id, type, actor_type, actor_label, data, occurred_at)
    select account_id, membership_id, 'invitation_expired', 'system', 'System', jsonb_build_object('invitationId', id::text), expires_at
    from expired
    on conflict ((data ->> 'invitationId')) where type = 'invitation_expired' do nothing`)
}
