import { rawQuery } from '../../db/raw-query.js'
import { AlreadyTakenError, DomainError } from '../errors.js'
import { normalizeEmail } from '../people.js'
import { inTransaction } from '../transaction.js'
import type { Actor, CoreDeps } from '../types.js'
import { updateProvisionedMember, userNameTaken, type ProvisionedAttributes } from './provisioned.js'
import { lockLiveMembership } from './shared.js'

// The live member of the account with this email.
const MEMBER_BY_EMAIL = `select memberships.id from memberships join people on people.id = memberships.person_id
  where memberships.account_id = $1 and memberships.ended_at is null and people.email_normalized = $2`

// Whether a provider holds the member $1: a token created them (the creating token $2 included:
// its own user is found by its userName, not taken over), or another token changed them (a
// provider that found them by userName and only deactivated them leaves no attribute of its own
// behind). Asked once the member is locked, in a statement of its own, so that it sees a change
// committed while the create waited for the lock. (Group changes recorded before their events
// named the token carry no tokenId: they hold no member.) A revoked token holds nothing: after a
// rotation, the provider's new token may take over what only the old one had touched.
const HELD_BY_A_PROVIDER = `select exists (select 1 from events
    where events.membership_id = $1 and events.account_id = $3 and events.actor_type = 'api_token'
      and (events.type = 'invited' or (events.data ->> 'tokenId') <> $2)
      and not exists (select 1 from api_tokens
        where api_tokens.id = (events.data ->> 'tokenId')::uuid and api_tokens.revoked_at is not null)) as held`

/** The member with the email left (removed, declined) between the create's conflict and this: a new create will succeed. */
export class MemberLeftMeanwhileError extends DomainError {
  constructor(email: string) {
    super('conflict', `${email} was a member of this account a moment ago; retry the request.`)
  }
}
const removedMeanwhile = (email: string) => new MemberLeftMeanwhileError(email)

/**
 * An identity provider creating a user whose email is already a member of the account: the
 * provider looks users up by its own userName (Entra: the UPN, often not the mail address), so a
 * member added in Roster before the provider was connected would answer every create with a
 * conflict the provider can never resolve. Such a member (added by an administrator, never
 * provisioned: their email as userName, no externalId, no provider attributes) is taken over
 * instead: the provider's attributes are saved on it; its groups and invitation stay, and so does
 * its access unless the create says `active`. A member another token created or changed, or one a
 * provider already holds, is a real conflict, and the error names its userName.
 */
export async function linkProvisionedMember(
  deps: CoreDeps,
  actor: Actor,
  input: {
    accountId: string
    email: string
    attributes: ProvisionedAttributes
    /** The create said nothing about `active`: the member keeps their access as it is. */
    keepAccess: boolean
    sendInvitationEmail: boolean
  },
) {
  return inTransaction(deps.db, async (tx) => {
    const [found] = await rawQuery(tx)<{ id: string }>(MEMBER_BY_EMAIL, [input.accountId, normalizeEmail(input.email)])
    // Removed meanwhile: the provider's retry creates the user.
    if (!found) throw removedMeanwhile(input.email)
    const member = await lockLiveMembership(tx, input.accountId, found.id).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === 'not_found' ? removedMeanwhile(input.email) : error
    })
    const userName = (member.userName ?? member.email).toLowerCase()
    // The same userName is the same user: the provider should have found it (and parallel
    // creates of one user must conflict, not all succeed).
    if (userName === input.attributes.userName.toLowerCase()) throw userNameTaken(input.attributes.userName)
    const tokenId = 'tokenId' in actor ? actor.tokenId : null
    const [provider] = await rawQuery(tx)<{ held: boolean }>(HELD_BY_A_PROVIDER, [member.id, tokenId, input.accountId])
    const unclaimed = !provider?.held && member.externalId === null && Object.keys(member.scim).length === 0 && userName === member.email.toLowerCase()
    if (!unclaimed) {
      throw new AlreadyTakenError(`${input.email} is already the email of the user "${member.userName}" in this account.`, {
        email: 'Already the email of another user of this account.',
      })
    }
    const attributes = input.keepAccess ? { ...input.attributes, active: member.state !== 'blocked' } : input.attributes
    const saved = await updateProvisionedMember({ ...deps, db: tx as unknown as CoreDeps['db'] }, actor, {
      accountId: input.accountId,
      membershipId: member.id,
      attributes,
      sendInvitationEmail: input.sendInvitationEmail,
      locked: member,
    })
    return { ...saved, linkedEmail: member.email, wasBlocked: member.state === 'blocked' }
  })
}
