import { AlreadyTakenError } from '../../core/errors.js'
import { AlreadyMemberError, inviteMember } from '../../core/memberships/invite.js'
import { emailTakenMessage, getUser, memberByEmail } from '../../core/users.js'
import { factory } from '../../factory.js'
import { sendQueuedEmails } from '../../mail/dispatch.js'
import { administratorActor } from '../../middleware/require-administrator.js'
import { validate } from '../../validate.js'
import { inviteUserInput } from './inputs.js'

/** Creating a user is inviting them: membership, groups, invitation and email in one go. */
export const createUserHandlers = factory.createHandlers(validate('json', inviteUserInput), async (c) => {
  const services = c.get('services')
  const accountId = c.req.param('accountId')!
  const input = c.req.valid('json')
  const { membershipId } = await inviteMember(services, administratorActor(c.get('person')), { accountId, ...input }).catch(
    async (error: unknown) => {
      if (!(error instanceof AlreadyMemberError)) throw error
      // Name the member who holds the email, as step 1 of the wizard does (check-email.ts).
      const member = await memberByEmail(services.db, accountId, input.email, services.clock.now())
      if (!member) throw error
      const message = emailTakenMessage(member)
      throw new AlreadyTakenError(`${input.email.trim()}: ${message}`, { email: message })
    },
  )
  sendQueuedEmails(c)
  return c.json(await getUser(services.db, accountId, membershipId, services.clock.now()), 201)
})
