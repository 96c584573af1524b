import { setMemberGroups } from '../../core/memberships/edit-groups.js'
import { factory } from '../../factory.js'
import { administratorActor } from '../../middleware/require-administrator.js'
import { validate } from '../../validate.js'
import { updateUserInput } from './inputs.js'

export const updateUserHandlers = factory.createHandlers(validate('json', updateUserInput), async (c) => {
  const user = await setMemberGroups(c.get('services'), administratorActor(c.get('person')), {
    accountId: c.req.param('accountId')!,
    membershipId: c.req.param('id')!,
    groupIds: c.req.valid('json').groupIds,
  })
  return c.json(user)
})
