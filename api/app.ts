import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { ApiError, onError } from './errors.js'
import { invitePages } from './invite/routes.js'
import { passwordPages } from './invite/password-routes.js'
import { createScimApp, createWrongScimBaseApp } from './scim/app.js'
import { canonicalScimPath } from './scim/canonical-path.js'
import { resendWebhook } from './webhooks/resend.js'
import { limitBody } from './middleware/body-limit.js'
import { htmlContentSecurity } from './middleware/content-security.js'
import { requireAdministrator } from './middleware/require-administrator.js'
import { sameOrigin } from './middleware/same-origin.js'
import { services, type ServicesProvider } from './middleware/services.js'
import { requireSession } from './middleware/session.js'
import { apiTokensRoutes } from './routes/api-tokens.js'
import { profileRoutes } from './routes/profile.js'
import { authRoutes } from './routes/auth.js'
import { provisioningLogRoutes } from './routes/provisioning-log.js'
import { emailsRoutes } from './routes/emails.js'
import { eventsRoutes } from './routes/events.js'
import { groupsRoutes } from './routes/groups/index.js'
import { usersRoutes } from './routes/users/index.js'
import type { AppEnv } from './services.js'
import { testClockRoutes, type ShiftableClock } from './test-clock.js'

export interface AppOptions {
  services: ServicesProvider
  /** Serve the built admin UI (Node); on Workers static assets are served by the platform. */
  staticFiles?: MiddlewareHandler<AppEnv>[]
  /** Test-only: `/api/test/clock` moves the server's clock. Never in production. */
  testClock?: ShiftableClock
  /** SCIM requests a second per token before 429 (SCIM_RATE_LIMIT). */
  scimRequestsPerSecond?: number
  /**
   * The caller's address as the runtime knows it (Node: the socket's; Workers: cf-connecting-ip),
   * so that failed passwords count per address: one client failing on purpose cannot lock a
   * person out. Without it, all callers share one count per email.
   */
  clientAddress?: (c: Context<AppEnv>) => string | undefined
}

export const MAX_BODY_BYTES = 64 * 1024

/** The one Hono app: REST API, invite pages and (on Node) the admin UI, over injected services. */
/** The methods a path is routed for (middleware and catch-alls aside). */
function methodsFor(api: Hono<AppEnv>, path: string): string[] {
  const methods = new Set<string>()
  for (const route of api.routes) {
    if (route.method === 'ALL' || route.path.endsWith('*')) continue
    const pattern = new RegExp(`^${route.path.replace(/\/+$/, '').replace(/:[^/]+/g, '[^/]+')}/?$`)
    if (pattern.test(path)) methods.add(route.method)
  }
  if (methods.has('GET')) methods.add('HEAD')
  return [...methods]
}

export function createApp(options: AppOptions) {
  // Not strict: a base URL typed with a trailing slash (…/scim/v2/Users/) still finds its route.
  const app = new Hono<AppEnv>({ getPath: canonicalScimPath })
  app.use(requestId())
  app.use(services(options.services))
  // same-origin: invitation tokens are in URLs and must never reach another site in a Referer;
  // (no-referrer would also make browsers send "Origin: null" on our own form posts).
  // overwrite: false, so that a route's own stricter value (an invitation page's) stands.
  app.use(secureHeaders({ referrerPolicy: 'same-origin', xFrameOptions: 'DENY', overwrite: false }))
  app.use(htmlContentSecurity())
  app.onError(onError)
  const bodyUpTo64K = limitBody<AppEnv>({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`)
    },
  })
  app.use('/api/*', bodyUpTo64K)
  app.use('/invite/*', bodyUpTo64K)
  app.use('/password/*', bodyUpTo64K)
  const knowClient: MiddlewareHandler<AppEnv> = async (c, next) => {
    c.set('clientAddress', options.clientAddress?.(c) ?? null)
    await next()
  }
  app.use('/api/auth/*', knowClient)
  app.use('/invite/*', knowClient)

  app.get('/health', (c) => c.json({ ok: true }))

  const api = new Hono<AppEnv>()
  api.use(sameOrigin())
  api.route('/auth', authRoutes)
  api.route('/profile', profileRoutes)
  if (options.testClock) api.route('/test/clock', testClockRoutes(options.testClock))
  api.use('/accounts/:accountId/*', requireSession(), requireAdministrator())
  api.route('/accounts/:accountId/users', usersRoutes)
  api.route('/accounts/:accountId/groups', groupsRoutes)
  api.route('/accounts/:accountId/events', eventsRoutes)
  api.route('/accounts/:accountId/emails', emailsRoutes)
  api.route('/accounts/:accountId/api-tokens', apiTokensRoutes)
  api.route('/accounts/:accountId/provisioning-log', provisioningLogRoutes)
  api.all('*', (c) => {
    // A path that exists for other methods: 405 with Allow (RFC 9110 §15.5.6), as SCIM answers.
    const allowed = methodsFor(api, c.req.path.replace(/^\/api/, ''))
    if (allowed.length) {
      c.header('Allow', allowed.join(', '))
      throw new ApiError('method_not_allowed', `${c.req.method} is not allowed here; use ${allowed.join(', ')}.`)
    }
    throw new ApiError('not_found', 'No such endpoint.')
  })
  app.route('/api', api)
  app.route('/invite', invitePages)
  app.route('/password', passwordPages)
  app.use('/webhooks/*', bodyUpTo64K)
  app.route('/webhooks/resend', resendWebhook)
  const scimOptions = { requestsPerSecond: options.scimRequestsPerSecond ?? 500 }
  app.route('/scim/v2', createScimApp(scimOptions))
  app.route('/scim', createWrongScimBaseApp(scimOptions))

  for (const handler of options.staticFiles ?? []) app.get('*', handler)
  app.notFound((c) => onError(new ApiError('not_found', 'Not found.'), c))
  return app
}

export type App = ReturnType<typeof createApp>
