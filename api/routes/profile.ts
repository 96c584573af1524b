import { Hono } from 'hono'
import { z } from 'zod'
import { getProfile, updateProfile } from '../core/profile.js'
import { requireSession } from '../middleware/session.js'
import type { AppEnv } from '../services.js'
import { validate } from '../validate.js'
import { personName } from './users/inputs.js'

// react-admin's update sends the whole record: id and email are read-only and ignored.
const profileInput = z.object({
  firstName: personName('first name'),
  lastName: personName('last name'),
  countryCode: z.string().trim().max(2, 'Use a two-letter country code.').nullish(),
  phone: z.string().trim().max(40, 'At most 40 characters.').nullish(),
})

/** /api/profile: the signed-in person's own name and phone, whatever accounts they belong to (or none). */
export const profileRoutes = new Hono<AppEnv>()
  .use(requireSession())
  .get('/', async (c) => {
    const person = c.get('person')
    return c.json({ id: person.id, ...(await getProfile(c.get('services').db, person.id)) })
  })
  .put('/', validate('json', profileInput), async (c) => {
    const person = c.get('person')
    return c.json({ id: person.id, ...(await updateProfile(c.get('services'), person.id, c.req.valid('json'))) })
  })
