import { arrayLiteral, rawQuery } from '../../db/raw-query.js'
import { newId } from '../crypto.js'
import { AlreadyTakenError, DomainError, FOREIGN_KEY_VIOLATION, notFound, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../errors.js'
import { EVENT_COLUMNS, eventParams } from '../events.js'
import { INVITATION_COLUMNS, invitationRow, queueInvitationEmail } from '../invitations/issue.js'
import { expiryFrom, newInvitationSecret } from '../invitations/token.js'
import { normalizeEmail, normalizePhone } from '../people.js'
import type { Actor, CoreDeps } from '../types.js'
import { inTransaction } from '../transaction.js'
import { chosenGroupIds, groupsGoneMeanwhile, groupsOfAccountQuery, notGroupsOfAccount } from './shared.js'
import { userNameTaken } from './provisioned.js'

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

/** The person of this email has a live membership in the account already. */
export class AlreadyMemberError extends AlreadyTakenError {
  constructor(readonly email: string) {
    super(`${email} is already a member of this account.`, { email: 'This email is already a member of this account.' })
  }
}
export const alreadyMember = (email: string) => new AlreadyMemberError(email)

// The whole invitation in one statement: the person (a no-op update on conflict, so that an
// existing person comes back, locked, instead of nothing), the membership
// (userName defaults to the person's email as stored), its groups (those of the account among the
// chosen ids; the caller compares the count), its invitation and the history line. Foreign keys
// are checked at the end of the statement, so the rows may refer to one another.
const INVITE = `with person as (
    insert into people (id, email, email_normalized, first_name, last_name, country_code, phone, created_at, updated_at)
    values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $8::timestamptz)
    on conflict (email_normalized) do update set updated_at = people.updated_at
    returning id, email),
  membership as (
    insert into memberships (id, account_id, person_id, state, user_name, external_id, scim, invited_by_person_id,
      invited_at, expires_at, created_at, updated_at, invitee_first_name, invitee_last_name, invitee_country_code, invitee_phone)
    select $9, $10, person.id, 'invited', coalesce($11, person.email), $12, $13::jsonb, $14,
      $8::timestamptz, $15::timestamptz, $8::timestamptz, $8::timestamptz, $4, $5, $6, $7
    from person
    returning id),
  chosen as (${groupsOfAccountQuery('$16', '$10')}),
  grouped as (
    insert into group_members (group_id, membership_id, account_id, created_at)
    select chosen.id, $9, $10, $8::timestamptz from chosen),
  invited as (insert into invitations (${INVITATION_COLUMNS}) values ($17, $18, $19, $20, $21, $22::timestamptz)),
  history as (insert into events (${EVENT_COLUMNS}) values ($23, $24, $25, $26, $27, $28,
    $29::jsonb || jsonb_build_object('groups', (select coalesce(jsonb_agg(chosen.name order by chosen.name), '[]') from chosen)),
    $30::timestamptz))
  select person.id, person.email,
    (select name from accounts where accounts.id = $10) as "accountName",
    (select count(*) from chosen)::int as "groupCount"
  from person, membership`

/**
 * Creates the membership (state Invited), its groups and invitation, the history line and the
 * invitation email, in one transaction. A person who exists elsewhere is reused as they are; the
 * name and phone entered here are this membership's, what the account sees until they join.
 */
export async function inviteMember(deps: CoreDeps, actor: Actor, input: InviteInput) {
  if (input.groupIds.length === 0) {
    throw new DomainError('validation_failed', 'Choose at least one group.', { groupIds: 'Choose at least one group.' })
  }
  const phone = normalizePhone(input.countryCode, input.phone)
  const email = input.email.trim()
  const now = deps.clock.now()
  const groupIds = chosenGroupIds(input.groupIds)
  const secret = await newInvitationSecret(deps.config)
  try {
    return await inTransaction(deps.db, async (tx) => {
      const membershipId = newId()
      const invitation = invitationRow({ accountId: input.accountId, membershipId, now, secret })
      const history = eventParams({ accountId: input.accountId, membershipId, type: 'invited', actor, at: now, data: { email } })
      // BEGIN, when this opens the transaction, goes out with it: one round trip.
      const [person] = await rawQuery(tx)<{ id: string; email: string; accountName: string; groupCount: number }>(INVITE, [
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
        arrayLiteral(groupIds),
        ...invitation.params,
        ...history,
      ])
      if (!person) throw new Error('the person and membership insert returned nothing')
      // The transaction takes the invitation back.
      if (person.groupCount !== groupIds.length) throw notGroupsOfAccount()
      const emailQueued = input.sendEmail !== false
      if (emailQueued) {
        await queueInvitationEmail(tx, {
          accountId: input.accountId,
          membershipId,
          invitationId: invitation.id,
          actor,
          now,
          member: { email: person.email, firstName: input.firstName.trim(), accountName: person.accountName },
        })
      }
      return { membershipId, invitationId: invitation.id, emailQueued }
    })
  } catch (error) {
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION && pgConstraint(error) === 'memberships_account_id_accounts_id_fk') throw notFound('Account')
    if (pgErrorCode(error) === FOREIGN_KEY_VIOLATION && pgConstraint(error) === 'group_members_group_fk') throw groupsGoneMeanwhile()
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_one_live_per_person') {
      throw alreadyMember(email)
    }
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'memberships_user_name_per_account') {
      if (input.userName) throw userNameTaken(input.userName)
      // A member a provider holds goes by this email as its userName.
      throw new AlreadyTakenError(`${email} is already the userName of another member of this account.`, {
        email: 'Already taken by another member of this account.',
      })
    }
    throw error
  }
}
