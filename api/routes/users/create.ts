import { inviteMember } from '../../core/memberships/invite.js'
import { getUser } from '../../core/users.js'
import { factory } from '../../factory.js'
import { sendQueuedEmails } from '../../mail/dispatch.js'
import { administratorActor } from '../../middleware/require-administrator.js'
import { validate } from '../../validate.js'
import { inviteUserInput } from './inputs.js'

/** Creating a user is inviting them: membership, groups, invitation and email in one go. */
export const createUserHandlers = factory.createHandlers(validate('json', inviteUserInput), async (c) => {
  const services = c.get('services')
  const accountId = c.req.param('accountId')!
  const { membershipId } = await inviteMember(services, administratorActor(c.get('person')), {
    accountId,
    ...c.req.valid('json'),
  })
  sendQueuedEmails(c)
  return c.json(await getUser(services.db, accountId, membershipId, services.clock.now()), 201)
})
