import { getUser } from '../../core/users.js'
import { factory } from '../../factory.js'

export const getUserHandlers = factory.createHandlers(async (c) => {
  const { db, clock } = c.get('services')
  return c.json(await getUser(db, c.req.param('accountId')!, c.req.param('id')!, clock.now()))
})
