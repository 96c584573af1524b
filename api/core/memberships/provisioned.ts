import { and, eq, sql } from 'drizzle-orm'
import { memberships, people } from '../../../drizzle/schema.js'
import { AlreadyTakenError, DomainError, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../errors.js'
import { recordEvent } from '../events.js'
import type { Actor, CoreDeps, Tx } from '../types.js'
import { inTransaction } from '../transaction.js'
import { sendBlock, unblockLocked } from './block.js'
import { lockLiveMembership, type LockedMembership } from './shared.js'

export interface ProvisionedAttributes {
  userName: string
  externalId: string | null
  /** The provider's resource without id, meta, userName, externalId, active, password and groups. */
  scim: Record<string, unknown>
  active: boolean
  name?: { givenName?: string; familyName?: string }
}

export const userNameTaken = (userName: string) =>
  new AlreadyTakenError(`The userName "${userName}" is already taken in this account.`, { userName: 'Already taken.' })

/**
 * An identity provider's update of a member: its own attributes, then `active` as block or
 * unblock. The person's name follows a change of the provider's `name` only while the person
 * belongs to no other account, since a name is the person's own across accounts. Says whether an email was queued
 * (an unblock that re-invites). Its last write may still be in flight when it returns, so that the
 * caller's COMMIT goes out with it: await `written` once the transaction has ended (see sendBlock).
 */
export async function updateProvisionedMember(
  deps: CoreDeps,
  actor: Actor,
  input: {
    accountId: string
    membershipId: string
    attributes: ProvisionedAttributes
    sendInvitationEmail: boolean
    /** The member, when the caller has already locked it in this transaction (deps.db). */
    locked?: LockedMembership
  },
) {
  try {
    return await inTransaction(deps.db, async (tx) => {
      const member = input.locked ?? (await lockLiveMembership(tx, input.accountId, input.membershipId))
      // Once the member is locked: a change that waited for another one is recorded after it.
      const now = deps.clock.now()
      const { attributes } = input
      const changed = changedKeys(member, attributes)
      if (changed.length) {
        await tx
          .update(memberships)
          .set({ userName: attributes.userName, externalId: attributes.externalId, scim: attributes.scim, updatedAt: now })
          .where(eq(memberships.id, member.id))
      }
      // Only the parts of the name the provider changes now: what it set before may since have been
      // replaced by the person's own (registration, profile), which a change of anything else keeps.
      const first = changedPart(member.scim.name, attributes.name, 'givenName')
      const last = changedPart(member.scim.name, attributes.name, 'familyName')
      if ((first && first !== member.firstName) || (last && last !== member.lastName)) {
        await renameMember(tx, member, { firstName: first ?? member.firstName, lastName: last ?? member.lastName }, now)
      }
      if (changed.length) {
        await recordEvent(tx, { accountId: input.accountId, membershipId: member.id, type: 'updated', actor, at: now, data: { changed } })
      }
      if (!attributes.active) {
        const { written } = await sendBlock(tx, now, actor, member)
        return { membershipId: member.id, changed, emailQueued: false, written }
      }
      const { emailQueued } = await unblockLocked({ ...deps, db: tx as unknown as CoreDeps['db'] }, actor, member, input.sendInvitationEmail, now)
      return { membershipId: member.id, changed, emailQueued, written: Promise.resolve() }
    })
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_user_name_per_account') {
      throw userNameTaken(input.attributes.userName)
    }
    throw error
  }
}

/** The provider's new value of a part of the name, if this update changes that part. */
function changedPart(before: unknown, after: ProvisionedAttributes['name'], part: 'givenName' | 'familyName'): string | undefined {
  const was = typeof before === 'object' && before !== null ? (before as Record<string, unknown>)[part] : undefined
  const now = after?.[part]?.trim()
  return now && now !== (typeof was === 'string' ? was.trim() : undefined) ? now : undefined
}

function changedKeys(
  before: { userName: string | null; externalId: string | null; scim: Record<string, unknown> } | undefined,
  after: ProvisionedAttributes,
): string[] {
  if (!before) return []
  const keys: string[] = []
  if (before.userName !== after.userName) keys.push('userName')
  if (before.externalId !== after.externalId) keys.push('externalId')
  const names = new Set([...Object.keys(before.scim ?? {}), ...Object.keys(after.scim)])
  for (const key of names) if (!sameJson(before.scim?.[key], after.scim[key])) keys.push(key)
  return keys
}

/**
 * Equal as JSON values: objects whatever their keys' order (jsonb gives them back in its own
 * order, so a provider resending what is stored must not look like a change), arrays in order.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]))
  }
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined)
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined)
  return aKeys.length === bKeys.length && aKeys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
}

/**
 * A provider's new name for its member. Until the person joins the account it is the account's own
 * entry (member-details.ts), whatever other accounts know them as; then it is the person's name,
 * which the provider changes only while no other account has them as a member.
 */
async function renameMember(tx: Tx, member: LockedMembership, name: { firstName: string; lastName: string }, now: Date) {
  if (!member.joined) {
    // A membership from before the invitee columns starts its own entry with the phone it showed.
    const phone = member.hasInviteeDetails ? {} : { inviteeCountryCode: member.countryCode, inviteePhone: member.phone }
    await tx
      .update(memberships)
      .set({ inviteeFirstName: name.firstName, inviteeLastName: name.lastName, ...phone })
      .where(eq(memberships.id, member.id))
    return
  }
  await tx
    .update(people)
    .set({ firstName: name.firstName, lastName: name.lastName, updatedAt: now })
    .where(
      and(
        eq(people.id, member.personId),
        sql`not exists (select 1 from ${memberships} m where m.person_id = ${member.personId}
          and m.ended_at is null and m.account_id <> ${member.accountId})`,
      ),
    )
}
