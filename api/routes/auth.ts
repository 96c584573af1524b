import { Hono } from 'hono'
import { z } from 'zod'
import { membershipsOf } from '../core/access.js'
import { signIn, signOut } from '../core/sessions.js'
import { clearSessionCookie, requireSession, setSessionCookie } from '../middleware/session.js'
import type { AppEnv } from '../services.js'
import { validate } from '../validate.js'

const loginInput = z.object({
  email: z.string({ error: 'Enter your email address.' }).trim().min(1, 'Enter your email address.').max(254, 'At most 254 characters.'),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1000, 'At most 1000 characters.'),
})

/** /api/auth: server-side sessions in an HttpOnly cookie. */
export const authRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginInput), async (c) => {
    const { token, person } = await signIn(c.get('services'), { ...c.req.valid('json'), client: c.get('clientAddress') })
    setSessionCookie(c, token)
    return c.json({ person })
  })
  .post('/logout', requireSession(), async (c) => {
    await signOut(c.get('services'), c.get('sessionToken'))
    clearSessionCookie(c)
    return c.body(null, 204)
  })
  .get('/me', requireSession(), async (c) => {
    const person = c.get('person')
    const memberships = await membershipsOf(c.get('services').db, person.id)
    return c.json({
      person,
      memberships: memberships.map(({ accountId, accountName, state, isAdministrator }) => ({ accountId, accountName, state, isAdministrator })),
      administeredAccounts: memberships.filter((m) => m.isAdministrator).map((m) => ({ id: m.accountId, name: m.accountName })),
    })
  })
