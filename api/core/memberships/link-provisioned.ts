import { rawQuery } from '../../db/raw-query.js'
import { DomainError } from '../errors.js'
import { normalizeEmail } from '../people.js'
import { inTransaction } from '../transaction.js'
import type { Actor, CoreDeps } from '../types.js'
import { updateProvisionedMember, userNameTaken, type ProvisionedAttributes } from './provisioned.js'
import { lockLiveMembership } from './shared.js'

const MEMBER_BY_EMAIL = `select memberships.id from memberships join people on people.id = memberships.person_id
  where memberships.account_id = $1 and memberships.ended_at is null and people.email_normalized = $2`

/**
 * An identity provider creating a user whose email is already a member of the account: the
 * provider looks users up by its own userName (Entra: the UPN, often not the mail address), so a
 * member added in Roster before the provider was connected would answer every create with a
 * conflict the provider can never resolve. A member nobody has provisioned yet (the default SCIM
 * identity: their email as userName, no externalId, no provider attributes) is taken over
 * instead: the provider's attributes are saved on it; its state, groups and invitation stay. A
 * member a provider already holds is a real conflict, and the error names its userName.
 */
export async function linkProvisionedMember(
  deps: CoreDeps,
  actor: Actor,
  input: { accountId: string; email: string; attributes: ProvisionedAttributes; sendInvitationEmail: boolean },
) {
  return inTransaction(deps.db, async (tx) => {
    const [found] = await rawQuery(tx)<{ id: string }>(MEMBER_BY_EMAIL, [input.accountId, normalizeEmail(input.email)])
    // Removed meanwhile: the provider's retry creates the user.
    if (!found) throw new DomainError('conflict', `${input.email} was a member of this account a moment ago; retry the request.`)
    const member = await lockLiveMembership(tx, input.accountId, found.id)
    const userName = (member.userName ?? member.email).toLowerCase()
    // The same userName is the same user: the provider should have found it (and parallel
    // creates of one user must conflict, not all succeed).
    if (userName === input.attributes.userName.toLowerCase()) throw userNameTaken(input.attributes.userName)
    const unclaimed = member.externalId === null && Object.keys(member.scim).length === 0 && userName === member.email.toLowerCase()
    if (!unclaimed) {
      throw new DomainError('conflict', `${input.email} is already the email of the user "${member.userName}" in this account.`, {
        email: 'Already the email of another user of this account.',
      })
    }
    const saved = await updateProvisionedMember({ ...deps, db: tx as unknown as CoreDeps['db'] }, actor, {
      accountId: input.accountId,
      membershipId: member.id,
      attributes: input.attributes,
      sendInvitationEmail: input.sendInvitationEmail,
      locked: member,
    })
    return { ...saved, linkedEmail: member.email }
  })
}
