import { eq } from 'drizzle-orm'
import { accounts, groupMembers } from '../../../drizzle/schema.js'
import { rawQuery } from '../../db/raw-query.js'
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

// A no-op update on conflict, so that an existing person comes back (and is locked) instead of
// nothing. The userName defaults to the person's email as stored.
const PERSON_AND_MEMBERSHIP = `with person as (
    insert into people (id, email, email_normalized, first_name, last_name, country_code, phone, created_at, updated_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $8::timestamptz)
    on conflict (email_normalized) do update set updated_at = people.updated_at
    returning id, first_name, email),
  membership as (
    insert into memberships (id, account_id, person_id, state, user_name, external_id, scim, invited_by_person_id,
      invited_at, expires_at, created_at, updated_at)
    select $9, $10, person.id, 'invited', coalesce($11, person.email), $12, $13::jsonb, $14,
      $8::timestamptz, $15::timestamptz, $8::timestamptz, $8::timestamptz
    from person
    returning id)
  select person.id, person.first_name as "firstName", person.email from person, membership`

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
      // The person (reused as they are when the email exists) and the membership in one statement,
      // sent before and with the rows that need only the membership's id: one round trip.
      const membershipId = newId()
      const personAndMembership = rawQuery(tx)<{ id: string; firstName: string; email: string }>(PERSON_AND_MEMBERSHIP, [
        newId(),
        email,
        normalizeEmail(email),
        input.firstName.trim(),
        input.lastName.trim(),
        phone.countryCode,
        phone.phone,
        now.toISOString(),
        membershipId,
        input.accountId,
        input.userName ?? null,
        input.externalId ?? null,
        JSON.stringify(input.scim ?? {}),
        actor.type === 'administrator' ? actor.personId : null,
        expiryFrom(now).toISOString(),
      ])
      const [[person], , invitationId] = await Promise.all([
        personAndMembership,
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
      if (!person) throw new Error('the person and membership insert returned nothing')
      const emailQueued = input.sendEmail !== false
      if (emailQueued) {
        await queueInvitationEmail(tx, {
          accountId: input.accountId,
          membershipId,
          invitationId,
          actor,
          now,
          member: { email: person.email, firstName: person.firstName, accountName: account.name },
        })
      }
      return { membershipId, invitationId, emailQueued }
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
