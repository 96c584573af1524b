import type { MiddlewareHandler } from 'hono'
import { administratorMembership } from '../core/access.js'
import type { Actor } from '../core/types.js'
import { ApiError } from '../errors.js'
import type { AppEnv } from '../services.js'
import { fullName } from '../core/people.js'

/**
 * Only active members of the account's Administrators group pass. Accounts the person does not
 * belong to answer 404, so one tenant cannot even learn that another's ids exist.
 */
export function requireAdministrator(param = 'accountId'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const accountId = c.req.param(param) ?? ''
    const access = await administratorMembership(c.get('services').db, c.get('person').id, accountId)
    if (!access.isMember) throw new ApiError('not_found', 'Account not found.')
    if (!access.isAdministrator) throw new ApiError('forbidden', 'Only administrators of this account can do this.')
    await next()
  }
}

export function administratorActor(person: AppEnv['Variables']['person']): Actor {
  return { type: 'administrator', personId: person.id, label: fullName(person) || person.email }
}
