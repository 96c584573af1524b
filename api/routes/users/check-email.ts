import { z } from 'zod'
import { emailTakenMessage, memberByEmail } from '../../core/users.js'
import { factory } from '../../factory.js'
import { validate } from '../../validate.js'
import { emailInput } from './inputs.js'

/** Lets the wizard say on step 1, as the administrator types, which member has the email already. */
export const checkEmailHandlers = factory.createHandlers(validate('query', z.object({ email: emailInput })), async (c) => {
  const { email } = c.req.valid('query')
  const { db, clock } = c.get('services')
  const member = await memberByEmail(db, c.req.param('accountId')!, email, clock.now())
  return c.json(member ? { available: false, message: emailTakenMessage(member), userId: member.id } : { available: true })
})
