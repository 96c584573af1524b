import { eq, sql } from 'drizzle-orm'
import { accounts, groupMembers, memberships, people } from '../../../drizzle/schema.js'
import { newId } from '../crypto.js'
import { DomainError, notFound, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../errors.js'
import { recordEvent } from '../events.js'
import { issueInvitation, queueInvitationEmail } from '../invitations/issue.js'
import { expiryFrom, newInvitationSecret } from '../invitations/token.js'
import { normalizeEmail, normalizePhone } from '../people.js'
import type { Actor, CoreDeps } from '../types.js'
import { inTransaction } from '../transaction.js'
import { groupsOfAccount } from './shared.js'

export interface InviteInput {
  accountId: string
  firstName: string
  lastName: string
  email: string
  countryCode?: string | null
  phone?: string | null
  groupIds: string[]
  /** Identity providers may provision without an email; the admin UI always sends one. */
  sendEmail?: boolean
  /** SCIM: the provider's userName (default: the email), externalId and the rest of its resource. */
  userName?: string
  externalId?: string | null
  scim?: Record<string, unknown>
}

export const alreadyMember = (email: string) =>
  new DomainError('conflict', `${email} is already a member of this account.`, {
    email: 'This email is already a member of this account.',
  })

/**
 * Creates the membership (state Invited), its groups and invitation, the history line and the
 * invitation email, in one transaction. A person who exists elsewhere is reused as they are.
 */
export async function inviteMember(deps: CoreDeps, actor: Actor, input: InviteInput) {
  if (input.groupIds.length === 0) {
    throw new DomainError('validation_failed', 'Choose at least one group.', { groupIds: 'Choose at least one group.' })
  }
  const phone = normalizePhone(input.countryCode, input.phone)
  const email = input.email.trim()
  const now = deps.clock.now()
  const secret = await newInvitationSecret(deps.config)
  try {
    return await inTransaction(deps.db, async (tx) => {
      const [[account], chosen] = await Promise.all([
        tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, input.accountId)),
        groupsOfAccount(tx, input.accountId, input.groupIds),
      ])
      if (!account) throw notFound('Account')
      const [person] = await tx
        .insert(people)
        .values({
          id: newId(),
          email,
          emailNormalized: normalizeEmail(email),
          firstName: input.firstName.trim(),
          lastName: input.lastName.trim(),
          countryCode: phone.countryCode,
          phone: phone.phone,
          createdAt: now,
          updatedAt: now,
        })
        // A no-op update so the existing row comes back (and is locked) instead of nothing.
        .onConflictDoUpdate({ target: people.emailNormalized, set: { updatedAt: sql`${people.updatedAt}` } })
        .returning({ id: people.id, firstName: people.firstName, email: people.email })
      if (!person) throw new Error('person upsert returned nothing')

      const membershipId = newId()
      await tx.insert(memberships).values({
        id: membershipId,
        accountId: input.accountId,
        personId: person.id,
        state: 'invited',
        userName: input.userName ?? person.email,
        externalId: input.externalId ?? null,
        scim: input.scim ?? {},
        invitedByPersonId: actor.type === 'administrator' ? actor.personId : null,
        invitedAt: now,
        expiresAt: expiryFrom(now),
        createdAt: now,
        updatedAt: now,
      })
      // Each needs only the membership: sent together, one round trip.
      const [, invitationId] = await Promise.all([
        tx.insert(groupMembers).values(chosen.map((g) => ({ groupId: g.id, membershipId, accountId: input.accountId, createdAt: now }))),
        issueInvitation(tx, deps.config, { accountId: input.accountId, membershipId, now, secret, replacePending: false }),
        recordEvent(tx, {
          accountId: input.accountId,
          membershipId,
          type: 'invited',
          actor,
          at: now,
          data: { email, groups: chosen.map((g) => g.name) },
        }),
      ])
      if (input.sendEmail !== false) {
        await queueInvitationEmail(tx, {
          accountId: input.accountId,
          membershipId,
          invitationId,
          actor,
          now,
          member: { email: person.email, firstName: person.firstName, accountName: account.name },
        })
      }
      return { membershipId, invitationId }
    })
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_one_live_per_person') {
      throw alreadyMember(email)
    }
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_user_name_per_account') {
      throw new DomainError('conflict', `The user name ${input.userName ?? email} is already taken in this account.`, {
        [input.userName ? 'userName' : 'email']: 'Already taken by another member of this account.',
      })
    }
    throw error
  }
}
