import { removeMember } from '../../core/memberships/remove.js'
import { factory } from '../../factory.js'
import { sendQueuedEmails } from '../../mail/dispatch.js'
import { administratorActor } from '../../middleware/require-administrator.js'

/** Answers the record as it was, as ra-data-simple-rest expects of DELETE. */
export const removeUserHandlers = factory.createHandlers(async (c) => {
  const user = await removeMember(c.get('services'), administratorActor(c.get('person')), {
    accountId: c.req.param('accountId')!,
    membershipId: c.req.param('id')!,
  })
  sendQueuedEmails(c)
  return c.json(user)
})
