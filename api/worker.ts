import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '../drizzle/schema.js'
import { withPipelinedBegin } from './db/pipelined-begin.js'
import { createApp } from './app.js'
import { buildServices } from './build-services.js'
import { readConfig } from './config.js'
import { systemClock, type Database } from './core/types.js'
import { runMaintenance } from './maintenance.js'
import { consoleLogger, type Services } from './services.js'

export interface WorkerEnv {
  HYPERDRIVE: Hyperdrive
  APP_URL: string
  APP_SECRET: string
  PRODUCT_NAME?: string
  MAIL_FROM?: string
  RESEND_API_KEY?: string
  /** "true" in local development only: without RESEND_API_KEY, emails go to the development mailbox. */
  DEV_MAILBOX?: string
  RESEND_WEBHOOK_SECRET?: string
  SESSION_TTL_DAYS?: string
  TERMS_URL?: string
  SCIM_RATE_LIMIT?: string
}

// One app per isolate, built on first use; the services (and their database connection) are made
// per request, since Workers may not share I/O objects between requests.
let app: ReturnType<typeof createApp> | undefined
const appFor = (env: WorkerEnv) =>
  (app ??= createApp({
    services: (c) => (c.env as { services: Services }).services,
    scimRequestsPerSecond: Number(env.SCIM_RATE_LIMIT) || undefined,
    // Set by Cloudflare itself: a client cannot choose it.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  }))

/** Services for one request or one cron run; `finish` waits for work after the response, then closes. */
function servicesFor(env: WorkerEnv) {
  const client = postgres(env.HYPERDRIVE.connectionString, { max: 5, fetch_types: false, onnotice: () => {} })
  const work: Promise<unknown>[] = []
  const services = buildServices({
    db: drizzle(withPipelinedBegin(client), { schema }) as unknown as Database,
    clock: systemClock,
    config: readConfig(env as unknown as Record<string, string | undefined>),
    log: consoleLogger,
    afterResponse: (task) => work.push(task().catch((error) => consoleLogger.error('background task failed', { error: String(error) }))),
    resend: { apiKey: env.RESEND_API_KEY },
    // The development mailbox only where asked for (wrangler dev: --var DEV_MAILBOX:true).
    withoutResend: env.DEV_MAILBOX === 'true' ? 'mailbox' : 'none',
    connections: 'per-request',
  })
  const finish = async () => {
    await Promise.allSettled(work)
    await client.end({ timeout: 5 })
  }
  return { services, finish }
}

export default {
  async fetch(request, env, ctx) {
    const { services, finish } = servicesFor(env)
    const response = await appFor(env).fetch(request, { services }, ctx)
    ctx.waitUntil(finish())
    return response
  },
  /** The Cron Trigger: sends what requests left in the outbox and does the periodic clean-up. */
  async scheduled(_controller, env, ctx) {
    const { services, finish } = servicesFor(env)
    ctx.waitUntil(runMaintenance(services).finally(finish))
  },
} satisfies ExportedHandler<WorkerEnv>
