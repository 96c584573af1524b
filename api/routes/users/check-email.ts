import { z } from 'zod'
import { isMemberEmail } from '../../core/users.js'
import { factory } from '../../factory.js'
import { validate } from '../../validate.js'
import { emailInput } from './inputs.js'

/** Lets the wizard say "already a member" on step 1, as the administrator types. */
export const checkEmailHandlers = factory.createHandlers(validate('query', z.object({ email: emailInput })), async (c) => {
  const { email } = c.req.valid('query')
  const taken = await isMemberEmail(c.get('services').db, c.req.param('accountId')!, email)
  return c.json(taken ? { available: false, message: 'This email is already a member of this account.' } : { available: true })
})
