import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '../drizzle/schema.js'
import { createApp } from './app.js'
import { buildServices } from './build-services.js'
import { readConfig } from './config.js'
import { systemClock, type Database } from './core/types.js'
import { consoleLogger, type Services } from './services.js'

export interface WorkerEnv {
  HYPERDRIVE: Hyperdrive
  APP_URL: string
  APP_SECRET: string
  PRODUCT_NAME?: string
  MAIL_FROM?: string
  RESEND_API_KEY?: string
  SESSION_TTL_DAYS?: string
}

// One app per isolate; the services (and their database connection) are made per request, since
// Workers may not share I/O objects between requests.
const app = createApp({ services: (c) => (c.env as { services: Services }).services })

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const client = postgres(env.HYPERDRIVE.connectionString, { max: 5, fetch_types: false, onnotice: () => {} })
    const db = drizzle(client, { schema }) as unknown as Database
    const work: Promise<unknown>[] = []
    const services = buildServices({
      db,
      clock: systemClock,
      config: readConfig(env as unknown as Record<string, string | undefined>),
      log: consoleLogger,
      afterResponse: (task) => work.push(task().catch((error) => consoleLogger.error('background task failed', { error: String(error) }))),
      resend: { apiKey: env.RESEND_API_KEY },
    })
    const response = await app.fetch(request, { services }, ctx)
    ctx.waitUntil(Promise.allSettled(work).then(() => client.end({ timeout: 5 })))
    return response
  },
} satisfies ExportedHandler<WorkerEnv>
