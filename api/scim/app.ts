import { Hono, type Context } from 'hono'
import { limitBody } from '../middleware/body-limit.js'
import { discovery, MAX_PAYLOAD_BYTES } from './discovery.js'
import type { ScimEnv } from './env.js'
import { ScimError } from './errors.js'
import { groupsResource } from './groups/index.js'
import { authenticate, presentedToken, refuseOverLimit } from './middleware/authenticate.js'
import { provisioningLogger } from './middleware/provisioning-log.js'
import { onScimError } from './on-error.js'
import { usersResource } from './users/index.js'

export interface ScimOptions {
  /** Requests a second per token before 429; far above what Entra ID needs (25). */
  requestsPerSecond: number
}

function methodNotAllowed(c: Context, allow: string, detail: string): never {
  c.header('Allow', allow)
  throw new ScimError(405, detail)
}

function notSupported(): never {
  throw new ScimError(501, 'POST .search is not supported: send the query as GET with filter, sortBy, startIndex and count.')
}

/** The SCIM 2.0 service at /scim/v2, for identity providers holding an account's API token. */
export function createScimApp(options: ScimOptions) {
  const scim = new Hono<ScimEnv>()
  scim.onError(onScimError)
  scim.use(provisioningLogger())
  scim.use(authenticate({ requestsPerSecond: options.requestsPerSecond }))
  // After authentication, so that a body over the limit is in the account's provisioning log too.
  scim.use(
    limitBody<ScimEnv>({
      maxSize: MAX_PAYLOAD_BYTES,
      onError: () => {
        throw new ScimError(413, `The request body is larger than ${MAX_PAYLOAD_BYTES / 1024} KiB.`)
      },
    }),
  )
  scim.route('/', discovery)
  // RFC 7644 §3.11: a service without /Me answers 501; a token belongs to an account, not a user.
  scim.all('/Me', () => {
    throw new ScimError(501, 'The /Me endpoint is not supported: an API token acts for its account, not for a user.')
  })
  // ServiceProviderConfig says bulk is not supported; RFC 7644 §3.7 answers such a request 501.
  scim.all('/Bulk', () => {
    throw new ScimError(501, 'Bulk operations are not supported: send each operation as its own request.')
  })
  scim.post('/.search', notSupported)
  scim.post('/Users/.search', notSupported)
  scim.post('/Groups/.search', notSupported)
  scim.route('/Users', usersResource)
  scim.route('/Groups', groupsResource)
  // A method the resource does not take, on a collection or on one resource: 405 with Allow
  // (RFC 9110 §15.5.6), rather than the 404 of a path that does not exist.
  for (const [name, collection] of [['Users', '/Users'], ['Groups', '/Groups']] as const) {
    scim.on(['PUT', 'PATCH', 'DELETE', 'OPTIONS'], collection, (c) => methodNotAllowed(c, 'GET, POST', `${name}: POST creates, GET lists; PUT, PATCH and DELETE take ${collection}/{id}.`))
    scim.on(['POST', 'OPTIONS'], `${collection}/:id`, (c) => methodNotAllowed(c, 'GET, PUT, PATCH, DELETE', `POST creates at ${collection}; ${collection}/{id} takes GET, PUT, PATCH and DELETE.`))
  }
  scim.all('*', (c) => {
    const path = new URL(c.req.url).pathname.slice(0, 200)
    throw new ScimError(404, `No such SCIM endpoint: ${path}. Under /scim/v2 there are /Users, /Groups, /ServiceProviderConfig, /ResourceTypes and /Schemas.`)
  })
  return scim
}

/**
 * Everything under /scim that is not /scim/v2: a base URL typed without /v2 (or as /v2.0) fails the
 * provider's test connection with a SCIM 404 that names the right one (whatever the token), not
 * with the admin UI's page; with a good token it also shows in the account's provisioning log,
 * where the administrator looks for why the test failed. Mounted after /scim/v2, whose routes
 * answer first; its middleware is the route's own, so requests under /scim/v2 never reach it.
 */
export function createWrongScimBaseApp(options: ScimOptions) {
  const wrongBase = new Hono<ScimEnv>()
  wrongBase.onError(onScimError)
  wrongBase.all('*', provisioningLogger(), async (c) => {
    const found = await presentedToken(c)
    if (found && 'live' in found) {
      c.set('token', found.live)
      // The same limit as under /scim/v2: a provider stuck on the wrong URL must not flood the log.
      refuseOverLimit(c, found.live, options.requestsPerSecond)
    }
    throw new ScimError(404, 'No such SCIM endpoint: the SCIM base URL ends in /scim/v2.')
  })
  return wrongBase
}
